/**
 * schema.graphql passes graphql-schema-linter with its default rules: every type, field,
 * argument, input field and enum value described (capitalised), enum values in capitals.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const LINTER = path.join(ROOT, 'node_modules', 'graphql-schema-linter', 'lib', 'cli.js');

interface LintReport {
  errors: { message: string; rule: string }[];
}

/** Runs the linter with its default rules (no config file is read outside the test's cwd). */
function lint(args: string[], stdin?: string): LintReport {
  const run = spawnSync(process.execPath, [LINTER, '--format', 'json', ...args], {
    cwd: ROOT,
    input: stdin,
    encoding: 'utf8',
  });
  return JSON.parse(run.stdout) as LintReport;
}

test('schema.graphql has no findings under the default rules', () => {
  expect(lint(['schema.graphql']).errors.map((error) => `${error.rule}: ${error.message}`)).toEqual(
    [],
  );
});

test('the check reports an undescribed field and a lower-case enum value', () => {
  const sdl = [
    '"The root."',
    'type Query {',
    '  "A scope."',
    '  scope: Scope',
    '  pong: String',
    '}',
    '"Scopes."',
    'enum Scope {',
    '  "Read."',
    '  read',
    '}',
  ].join('\n');
  expect(
    lint(['--stdin'], sdl)
      .errors.map((error) => error.rule)
      .sort(),
  ).toEqual(expect.arrayContaining(['enum-values-all-caps', 'fields-have-descriptions']));
});
