import { compareCodePoints } from '../../src/domain/compare';

test('strings sort by code point, whatever the locale', () => {
  const names = ['b', 'é', 'B', 'a', 'Z', 'a-b', 'ab', '10', '9', ''];
  expect([...names].sort(compareCodePoints)).toEqual([
    '',
    '10',
    '9',
    'B',
    'Z',
    'a',
    'a-b',
    'ab',
    'b',
    'é',
  ]);
});

test('a code point above U+FFFF sorts after every one below it', () => {
  const astral = '\u{1D49C}'; // MATHEMATICAL SCRIPT CAPITAL A, a surrogate pair in UTF-16
  const private_ = '\uE000';
  const replacement = '\uFFFD';
  expect([astral, replacement, private_].sort(compareCodePoints)).toEqual([
    private_,
    replacement,
    astral,
  ]);
  expect(compareCodePoints(astral, replacement)).toBe(1);
  expect(compareCodePoints('\u{1F600}', '\u{1D49C}')).toBe(1);
});

test('equal strings compare as 0 and a prefix comes first', () => {
  expect(compareCodePoints('model', 'model')).toBe(0);
  expect(compareCodePoints('model', 'model-2')).toBe(-1);
  expect(compareCodePoints('model-2', 'model')).toBe(1);
});
