import { isQuickCommand, isQuickImport, QUICK_IMPORT_BYTES } from '../../src/cli/wasm-compiler';

test('the short commands run on the baseline compiler; the server, demo and export do not', () => {
  for (const command of ['migrate', 'keys', 'leaderboard', 'compare', 'next'])
    expect([command, isQuickCommand(command)]).toEqual([command, true]);
  for (const command of ['serve', 'demo', 'export', 'import', 'emit-schema', 'unknown'])
    expect([command, isQuickCommand(command)]).toEqual([command, false]);
});

test('an import is quick when its files add up to less than the limit, and never from stdin', () => {
  expect(isQuickImport([112_000])).toBe(true);
  expect(isQuickImport([QUICK_IMPORT_BYTES / 2, QUICK_IMPORT_BYTES / 2 - 1])).toBe(true);
  expect(isQuickImport([QUICK_IMPORT_BYTES / 2, QUICK_IMPORT_BYTES / 2])).toBe(false);
  expect(isQuickImport([QUICK_IMPORT_BYTES * 3])).toBe(false);
  expect(isQuickImport([10, null])).toBe(false);
  expect(isQuickImport([])).toBe(true);
});
