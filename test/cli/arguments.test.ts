import { parseArguments, UsageError, type OptionSpec } from '../../src/cli/arguments';

const SPECS: OptionSpec[] = [
  { name: 'judge', kind: 'list', valueName: 'name', description: 'A judge.' },
  { name: 'seed', kind: 'string', valueName: 'n', description: 'A seed.' },
  { name: 'json', kind: 'boolean', description: 'JSON.' },
];

function refusal(argv: string[]): { code: string; message: string } {
  try {
    parseArguments(argv, SPECS, 'verdicts test');
  } catch (error) {
    if (error instanceof UsageError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(argv)} to be refused`);
}

test('positionals, repeated lists, inline values, booleans and the terminator', () => {
  const parsed = parseArguments(
    ['a', '--judge', 'x', '--judge=y', '--seed=-1', '--json', '-', '--', '--judge', '-z'],
    SPECS,
    'verdicts test',
  );
  expect(parsed.positionals).toEqual(['a', '-', '--judge', '-z']);
  expect(parsed.list('judge')).toEqual(['x', 'y']);
  expect(parsed.string('seed')).toBe('-1');
  expect(parsed.flag('json')).toBe(true);
});

test('a boolean takes true or false inline, and the last mention wins', () => {
  expect(parseArguments(['--json=true', '--json=false'], SPECS, 'c').flag('json')).toBe(false);
  expect(parseArguments(['--json=false', '--json'], SPECS, 'c').flag('json')).toBe(true);
  expect(parseArguments([], SPECS, 'c').flag('json')).toBe(false);
});

test('each refusal has a code and says what was expected and what was received', () => {
  expect(refusal(['--judge', '--seed', '1'])).toEqual({
    code: 'OPTION_AS_VALUE',
    message:
      'verdicts test: --judge needs a value (name), but got "--seed", which reads as an option; ' +
      'write --judge=--seed if the value really starts with a dash.',
  });
  expect(refusal(['--seed', '-1']).code).toBe('OPTION_AS_VALUE');
  expect(refusal(['--seed'])).toEqual({
    code: 'MISSING_VALUE',
    message: 'verdicts test: --seed needs a value (n), but none was given.',
  });
  expect(refusal(['--colour', 'red'])).toEqual({
    code: 'UNKNOWN_OPTION',
    message:
      'verdicts test: unknown option --colour; the options are --judge, --seed, --json. See verdicts test --help.',
  });
  expect(refusal(['--json=yes'])).toEqual({
    code: 'UNEXPECTED_VALUE',
    message: 'verdicts test: --json takes no value or true/false, but got "yes".',
  });
});
