#!/usr/bin/env node
/**
 * The build: TypeScript (dist/), the dashboard (web/dist/) and the PGlite data-directory template
 * (src/db/pglite-template.ts), then a stamp recording what they were built from.
 *
 *   node scripts/build.js             build (npm run build, npm install's prepare)
 *   node scripts/build.js --if-stale  build only when the stamp does not match the inputs
 *                                     (npm start, npm test, npm run verdicts)
 *   node scripts/build.js --check     exit 0 when up to date, 1 (saying why) when not
 *
 * The inputs: src/, web/ (not web/dist/), drizzle/ (the template holds the migrations), the
 * package manifests and lockfile (tool and PGlite versions), the tsconfigs, README.md (GraphiQL
 * opens with its examples) and this script.
 * The stamp is a SHA-256 over the path and content of every input file, not their mtimes: a
 * checkout, a copy or a clock change moves mtimes both ways, while a content hash changes exactly
 * when an input does. Hashing the inputs takes tens of milliseconds; the build takes 7–20 s.
 * It is computed before building, so an edit made during a build leaves the stamp stale, and the
 * old stamp is removed first, so a failed or interrupted build is never taken as fresh.
 */
const { createHash } = require('node:crypto');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const STAMP = path.join(ROOT, 'dist', '.build-stamp.json');
/** Directories whose files are inputs, and directories inside them that are outputs. */
const INPUT_DIRECTORIES = ['src', 'web', 'drizzle'];
const SKIPPED_DIRECTORIES = new Set([path.join('web', 'dist'), path.join('web', 'node_modules')]);
const INPUT_FILES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  path.join('scripts', 'build.js'),
  // GraphiQL's preloaded tabs are the README's examples (web/vite.config.mts).
  'README.md',
];

function listFiles(relative, into) {
  let entries;
  try {
    entries = fs.readdirSync(path.join(ROOT, relative), { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOENT') return into;
    throw error;
  }
  for (const entry of entries) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(child)) listFiles(child, into);
    } else if (entry.isFile()) into.push(child);
  }
  return into;
}

/** The digest of every input's path and content, in code-point order of the paths. */
function inputDigest() {
  const files = INPUT_DIRECTORIES.flatMap((directory) => listFiles(directory, []));
  for (const file of INPUT_FILES) if (fs.existsSync(path.join(ROOT, file))) files.push(file);
  files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash('sha256');
  for (const file of files) {
    // POSIX separators, so the digest is the same on every platform; NUL cannot occur in a path.
    hash.update(`${file.split(path.sep).join('/')}\0`);
    hash.update(
      createHash('sha256')
        .update(fs.readFileSync(path.join(ROOT, file)))
        .digest(),
    );
  }
  return { digest: hash.digest('hex'), fileCount: files.length };
}

function readStamp() {
  try {
    return JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return null;
  }
}

/** Null when the outputs are those of the current inputs, else why not. */
function staleReason(current) {
  const stamp = readStamp();
  if (stamp === null) return 'no build stamp (never built, or the last build did not finish)';
  if (stamp.digest !== current.digest) return 'sources changed since the last build';
  const missing = (stamp.outputs ?? []).find((output) => !fs.existsSync(path.join(ROOT, output)));
  if (missing !== undefined) return `${missing} is missing`;
  return null;
}

/** Runs a package's command-line program (its package.json `bin`) with this Node. */
function run(packageName, binName, args) {
  const manifest = require.resolve(`${packageName}/package.json`, { paths: [ROOT] });
  const { bin } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  const program = path.join(path.dirname(manifest), typeof bin === 'string' ? bin : bin[binName]);
  const result = spawnSync(process.execPath, [program, ...args], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    const how = result.signal ? `signal ${result.signal}` : `exit ${result.status}`;
    throw new Error(`${packageName} ${args.join(' ')} failed (${how})`);
  }
}

async function build(current) {
  fs.rmSync(STAMP, { force: true });
  run('typescript', 'tsc', ['-p', 'tsconfig.build.json']);
  run('vite', 'vite', ['build', 'web', '--logLevel', 'warn']);
  // Compiled just above; required only now, so the freshness check loads nothing but node:.
  const { ensurePgliteTemplate } = require(path.join(ROOT, 'dist', 'db', 'pglite-template.js'));
  const template = await ensurePgliteTemplate();
  const outputs = [
    path.join('dist', 'main.js'),
    path.join('web', 'dist', 'index.html'),
    path.join('web', 'dist', 'graphiql.html'),
    path.relative(ROOT, template),
  ].map((output) => output.split(path.sep).join('/'));
  fs.writeFileSync(STAMP, `${JSON.stringify({ digest: current.digest, outputs }, null, 2)}\n`);
}

async function main(argv) {
  const mode = argv[0] ?? '--always';
  if (!['--always', '--if-stale', '--check'].includes(mode) || argv.length > 1) {
    console.error(
      `usage: node scripts/build.js [--if-stale | --check]; received ${argv.join(' ')}`,
    );
    return 2;
  }
  const current = inputDigest();
  if (mode !== '--always') {
    const reason = staleReason(current);
    if (mode === '--check') {
      console.log(reason === null ? 'build is up to date' : `build is stale: ${reason}`);
      return reason === null ? 0 : 1;
    }
    if (reason === null) return 0;
    console.error(`Building (${reason}).`);
  }
  await build(current);
  return 0;
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error) => {
    console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
