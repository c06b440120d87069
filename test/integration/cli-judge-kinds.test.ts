/**
 * The CLI never prints a board of crowd votes and LLM verdicts mixed without saying so: `verdicts
 * demo` prints the human-only board the dashboard opens on and says what it left out, and
 * `verdicts leaderboard` over both kinds says it mixes them and how to split them.
 */
import { cliDatabase, type CliDatabase } from '../support/cli';

let cli: CliDatabase;

beforeAll(async () => {
  cli = await cliDatabase();
}, 120_000);

afterAll(async () => {
  await cli?.drop();
});

test('demo prints the human-only board and names the LLM verdicts it left out', async () => {
  const demo = await cli.run(['demo', '--load-only']);
  expect(demo.status).toBe(0);
  expect(demo.stdout).toMatch(/Bradley–Terry over 8,931 verdicts, 59 models/);
  expect(demo.stdout).toContain(
    'Human judges only (8,931 crowd votes), as the dashboard opens. Left out: 4,278 LLM verdicts from 2 judges (verdicts leaderboard --judge-kind LLM; "LLM only" on the dashboard).',
  );
  // It prints ten rows of the board and says so, with the command for the rest.
  expect(demo.stdout).toContain(
    'The top 10 of 59 rated models; `verdicts leaderboard --judge-kind HUMAN` prints them all.',
  );
}, 120_000);

test('a table says what its ranks mean and stars the intervals that rest on few battles', async () => {
  const fourModels = ['GPT 4', 'command', 'Claude v1', 'GPT 3.5 Turbo'].flatMap((model) => [
    '--model',
    model,
  ]);
  const board = await cli.run(['leaderboard', '--judge-kind', 'HUMAN', ...fourModels]);
  expect(board.status).toBe(0);
  expect(board.stdout).toContain(
    'Rank: 1 + the number of models whose interval lies wholly above this one, so ranks tie and can skip.',
  );
  const rows = board.stdout.split('\n').filter((line) => /^ *\d+ {2}\S/.test(line));
  expect(rows).toHaveLength(4);
  for (const row of rows) expect(row).toMatch(/\d – \d+\.\d \*/);
  expect(board.stdout).toMatch(/^\* 4 of 4 intervals rest on fewer than 50 battles/m);
  const whole = await cli.run(['leaderboard', '--judge-kind', 'HUMAN']);
  expect(whole.stdout).not.toContain(' *');
}, 120_000);

test('a board over both kinds says that it mixes them, with the counts and the split', async () => {
  const mixed = await cli.run(['leaderboard', '--bootstrap-rounds', '0']);
  expect(mixed.status).toBe(0);
  expect(mixed.stdout).toContain(
    'Note: This board mixes 8,931 human verdicts from 124 judges and 4,278 LLM verdicts from 2 judges. Split it with --judge-kind HUMAN or --judge-kind LLM.',
  );
  const json = JSON.parse(
    (await cli.run(['leaderboard', '--bootstrap-rounds', '0', '--json'])).stdout,
  );
  expect(json.judgeKinds).toEqual([
    { kind: 'HUMAN', verdicts: 8931, judges: 124 },
    { kind: 'LLM', verdicts: 4278, judges: 2 },
  ]);
  const exported = await cli.run(['export', 'leaderboard', '--bootstrap-rounds', '0']);
  expect(exported.status).toBe(0);
  expect(exported.stderr).toContain('Note: This board mixes 8,931 human verdicts');
  expect(exported.stdout).not.toContain('mixes');
  for (const kind of ['HUMAN', 'LLM']) {
    const split = await cli.run(['leaderboard', '--bootstrap-rounds', '0', '--judge-kind', kind]);
    expect(split.status).toBe(0);
    expect(split.stdout).not.toContain('mixes');
  }
}, 120_000);
