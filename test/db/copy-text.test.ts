import { copyTextRow } from '../../src/db/copy-text';

test('values are tab-separated, NULL is \\N, and the row ends with a newline', () => {
  expect(copyTextRow(['a', 1, null, 0.25, ''])).toBe('a\t1\t\\N\t0.25\t\n');
});

test('backslash, tab, newline and carriage return are escaped; everything else passes through', () => {
  expect(copyTextRow(['a\tb\nc\rd\\e'])).toBe('a\\tb\\nc\\rd\\\\e\n');
  // The literal text \N and the end-of-data marker \. stay data once their backslash is doubled.
  expect(copyTextRow(['\\N', '\\.'])).toBe('\\\\N\t\\\\.\n');
  expect(copyTextRow(['"quoted", with commas; ünïcode 🦜'])).toBe(
    '"quoted", with commas; ünïcode 🦜\n',
  );
});

test('numbers are written so that they read back as the same double, and non-finite ones are refused', () => {
  for (const value of [0.1, 1 / 3, 1e-7, 123456789012, 0.5]) {
    expect(Number(copyTextRow([value]).slice(0, -1))).toBe(value);
  }
  expect(() => copyTextRow([Number.NaN])).toThrow(
    'COPY values must be finite numbers, but got NaN.',
  );
});
