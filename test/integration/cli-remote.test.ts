/**
 * The CLI beside a running server: `leaderboard` and `export` ask it over GraphQL with --url
 * (answers identical to reading the database), and on the embedded database a command that
 * needs the data directory is refused with what to do instead (issue #18, "Also").
 */
import path from 'node:path';
import { cliDatabase, type CliDatabase } from '../support/cli';
import { serveDatabase, type ServedDatabase } from '../support/served-cli';

// Thousands of rows through the real importer, on a machine shared with other work.
jest.setTimeout(240_000);

const BATTLES = path.join(
  __dirname,
  '..',
  'fixtures',
  'arena-hard',
  'battles_official_judgments_2models.jsonl',
);
const BATTLES_IMPORT = [
  'import',
  'arena-battles',
  BATTLES,
  '--judge',
  'gpt-4-1106-preview',
  '--judge-kind',
  'LLM',
];

let cli: CliDatabase;
let served: ServedDatabase | null = null;
let localBoard: string;
let localExport: string;
beforeAll(async () => {
  cli = await cliDatabase();
  expect((await cli.run(BATTLES_IMPORT)).status).toBe(0);
  localBoard = (await cli.run(['leaderboard', '--bootstrap-rounds', '20'])).stdout;
  localExport = (await cli.run(['export', 'verdicts', '--format', 'csv'])).stdout;
  served = await serveDatabase(cli, { VERDICTS_AUTH: 'off' });
});
afterAll(async () => {
  await served?.stop();
  await cli?.drop();
});

test('verdicts leaderboard --url asks the running server and prints the same board', async () => {
  const remote = await cli.run(['leaderboard', '--bootstrap-rounds', '20', '--url', served!.url]);
  expect(remote.stderr).toBe('');
  expect(remote.status).toBe(0);
  expect(remote.stdout).toBe(localBoard);
  const json = await cli.run([
    'leaderboard',
    '--json',
    '--url',
    served!.url,
    '--judge',
    'gpt-4-1106-preview',
  ]);
  expect(JSON.parse(json.stdout)).toMatchObject({ verdictCount: expect.any(Number) });
});

test('verdicts export --url writes the same verdicts and leaderboard rows as the database', async () => {
  const remote = await cli.run(['export', 'verdicts', '--format', 'csv', '--url', served!.url]);
  expect(remote.status).toBe(0);
  // The API's timestamps have milliseconds, the database's microseconds: the same instants.
  const instants = (csv: string) =>
    csv.replace(/(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{3})\d*Z/g, '$1.$2Z');
  expect(instants(remote.stdout)).toBe(instants(localExport));
  const board = await cli.run([
    'export',
    'leaderboard',
    '--bootstrap-rounds',
    '0',
    '--url',
    served!.url,
  ]);
  expect(board.status).toBe(0);
  expect(board.stdout.trim().split('\n').length).toBeGreaterThan(1);
});

test('a server fault or an unreachable server is a clear message with exit status 2', async () => {
  const bad = await cli.run(['leaderboard', '--url', served!.url, '--baseline', 'no-such-model']);
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/input\.baseline.*\(BAD_USER_INPUT\)/);
  const unreachable = await cli.run(['leaderboard', '--url', 'http://127.0.0.1:9/graphql']);
  expect(unreachable.status).toBe(2);
  expect(unreachable.stderr).toContain('cannot reach the server at http://127.0.0.1:9/graphql');
});

const embedded = process.env.DATABASE_URL ? test.skip : test;
embedded('on the embedded database, a refused command says so and what to do instead', async () => {
  for (const [command, advice] of [
    [['leaderboard'], 'add --url http://localhost:4000/graphql'],
    [['export', 'verdicts'], 'add --url http://localhost:4000/graphql'],
    [BATTLES_IMPORT, '`verdicts import` writes to the database itself, so stop the server first'],
  ] as const) {
    const refused = await cli.run([...command]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`is in use by process ${served!.pid}`);
    expect(refused.stderr).toContain(advice);
  }
});

embedded('verdicts compare, a reading command, is refused with the same advice', async () => {
  const refused = await cli.run(['compare', '--candidate', 'a', '--baseline', 'b']);
  expect(refused.status).toBe(2);
  expect(refused.stderr).toContain(`is in use by process ${served!.pid}`);
  expect(refused.stderr).toContain(
    '`verdicts compare` can ask the running server instead: add --url http://localhost:4000/graphql',
  );
});
