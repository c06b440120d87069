/**
 * The dashboard's build: `npm run build` runs it after the server's (web/dist, served by
 * src/web/static-site.ts). Hashed file names under assets/ let the server cache them for good;
 * the module-preload polyfill stays out because it would be an inline script.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});
