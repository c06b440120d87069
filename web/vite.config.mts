/**
 * The dashboard's build: `npm run build` runs it after the server's (web/dist, served by
 * src/web/static-site.ts). Hashed file names under assets/ let the server cache them for good;
 * the module-preload polyfill stays out because it would be an inline script. Two pages: the
 * dashboard (index.html) and GraphiQL (graphiql.html, served at /graphiql).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * The readme-operations plugin: `virtual:readme-operations` exports the README's ```graphql
 * blocks, so GraphiQL opens with the documented examples and they cannot drift from the README
 * (which the build stamp counts as an input, scripts/build.js).
 */
const VIRTUAL_ID = 'virtual:readme-operations';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

function readmeOperations(readme: string): Plugin {
  return {
    name: 'readme-operations',
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : null),
    load(id) {
      if (id !== RESOLVED_ID) return null;
      this.addWatchFile(readme);
      const text = readFileSync(readme, 'utf8');
      const blocks = [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);
      return `export const README_OPERATIONS = ${JSON.stringify(blocks)};`;
    },
  };
}

const README = path.resolve(import.meta.dirname, '..', 'README.md');

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [readmeOperations(README)],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    // GraphiQL's page is one chunk of about 1 MB (React, CodeMirror, GraphiQL); the dashboard's
    // stays small, and GraphiQL loads only on its own page.
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      // GraphiQL's dependencies mark React server-component boundaries, meaningless in a bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      input: {
        index: path.join(import.meta.dirname, 'index.html'),
        graphiql: path.join(import.meta.dirname, 'graphiql.html'),
      },
    },
  },
});
