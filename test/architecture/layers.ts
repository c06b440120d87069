/**
 * The layer rule of DESIGN.md §3, as data: which layer each file of src/ belongs to and which
 * layers it may import. Layers import downward only:
 *
 *   domain ← ratings, ingest, db ← services ← graphql ← server ← cli ← main
 *   config (environment → typed config) is read by graphql, server, cli and main.
 *   web (the dashboard's static files over HTTP) is read by server only.
 *
 * ratings, ingest and db are siblings: none imports another, and services never imports ingest
 * (the CLI hands ingest's items, which are domain shapes, to services).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export type Layer =
  | 'domain'
  | 'ratings'
  | 'ingest'
  | 'db'
  | 'services'
  | 'config'
  | 'graphql'
  | 'web'
  | 'server'
  | 'cli'
  | 'main';

export const ALLOWED_IMPORTS: Record<Layer, readonly Layer[]> = {
  domain: [],
  ratings: ['domain'],
  ingest: ['domain'],
  db: ['domain'],
  services: ['domain', 'ratings', 'db'],
  config: ['domain'],
  graphql: ['domain', 'ratings', 'db', 'services', 'config'],
  web: ['domain'],
  server: ['domain', 'ratings', 'db', 'services', 'config', 'graphql', 'web'],
  cli: ['domain', 'ratings', 'ingest', 'db', 'services', 'config', 'server'],
  main: ['domain', 'ratings', 'ingest', 'db', 'services', 'config', 'graphql', 'server', 'cli'],
};

/**
 * The layer of a path relative to src/, with or without `.ts` (`services/importer.ts`,
 * `ratings` for its index, `config`), or null when it is in none.
 */
export function layerOf(relativePath: string): Layer | null {
  const [first, ...rest] = relativePath.replace(/\.ts$/, '').split('/');
  const topLevelFiles: readonly string[] = ['config', 'server', 'main'];
  const folders: readonly string[] = [
    'domain',
    'ratings',
    'ingest',
    'db',
    'services',
    'graphql',
    'web',
    'cli',
  ];
  if (rest.length === 0 && topLevelFiles.includes(first)) return first as Layer;
  return folders.includes(first) ? (first as Layer) : null;
}

export interface ImportViolation {
  file: string;
  specifier: string;
  message: string;
}

/** Every relative import, re-export and dynamic import() in a TypeScript source text. */
export function importSpecifiers(source: string): string[] {
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.map((file) => file.fileName)
    .filter((specifier) => specifier.startsWith('.'));
}

/** The imports of one file (path relative to src/) that break the layer rule. */
export function layerViolations(file: string, source: string): ImportViolation[] {
  const from = layerOf(file);
  if (from === null) {
    return [
      { file, specifier: '', message: `src/${file} belongs to no layer; add it to layerOf().` },
    ];
  }
  const violations: ImportViolation[] = [];
  for (const specifier of importSpecifiers(source)) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    const to = target.startsWith('..') ? null : layerOf(target);
    if (to === from) continue;
    if (to === null || !ALLOWED_IMPORTS[from].includes(to)) {
      violations.push({
        file,
        specifier,
        message:
          `src/${file} (${from}) imports '${specifier}' (${to ?? 'outside src/'}), ` +
          `but ${from} may import only: ${ALLOWED_IMPORTS[from].join(', ') || 'nothing of ours'}.`,
      });
    }
  }
  return violations;
}

/** All .ts files under a directory, as paths relative to it with forward slashes. */
export function sourceFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => name.split(path.sep).join('/'))
    .sort();
}

export function violationsUnder(root: string): ImportViolation[] {
  return sourceFiles(root).flatMap((file) =>
    layerViolations(file, readFileSync(path.join(root, file), 'utf8')),
  );
}
