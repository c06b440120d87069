import path from 'node:path';
import { layerViolations, sourceFiles, violationsUnder } from './layers';

const SRC = path.join(__dirname, '..', '..', 'src');

test('every import in src/ goes down the layers of DESIGN.md §3', () => {
  expect(sourceFiles(SRC).length).toBeGreaterThan(100);
  expect(violationsUnder(SRC).map((violation) => violation.message)).toEqual([]);
});

test('an upward or sideways import is reported with the file and the import', () => {
  expect(
    layerViolations('ingest/csv.ts', "import type { X } from '../services/verdict-store';"),
  ).toEqual([
    {
      file: 'ingest/csv.ts',
      specifier: '../services/verdict-store',
      message:
        "src/ingest/csv.ts (ingest) imports '../services/verdict-store' (services), " +
        'but ingest may import only: domain.',
    },
  ]);
  expect(
    layerViolations('services/importer.ts', "export { a } from '../ingest/formats';"),
  ).toHaveLength(1);
  expect(layerViolations('ratings/elo.ts', "const db = import('../db/client');")).toHaveLength(1);
  expect(layerViolations('domain/limits.ts', "import { b } from '../config';")).toHaveLength(1);
  expect(
    layerViolations('cli/serve-command.ts', "import { c } from '../graphql/schema';"),
  ).toHaveLength(1);
});

test('downward, same-layer and package imports pass', () => {
  const source = [
    "import { a } from './verdict-validation';",
    "import { b } from '../domain/limits';",
    "import { c } from '../ratings';",
    "import { d } from '../db/client';",
    "import { e } from 'drizzle-orm';",
  ].join('\n');
  expect(layerViolations('services/verdict-store.ts', source)).toEqual([]);
  expect(layerViolations('server.ts', "import { f } from './graphql/schema';")).toEqual([]);
});

test('a file outside every layer is reported', () => {
  expect(layerViolations('misc/helper.ts', '')[0].message).toMatch(/belongs to no layer/);
});
