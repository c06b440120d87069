import { spawn } from 'node:child_process';
import path from 'node:path';
import { cliDatabase, type CliDatabase, type CliResult } from '../support/cli';
import { recordAll } from '../support/record';
import { startTestServer, type TestServer } from '../support/test-server';

const MAIN = path.join(__dirname, '..', '..', 'dist', 'main.js');
const ARENA_HARD_BATTLES = path.join(
  __dirname,
  '..',
  'fixtures',
  'arena-hard',
  'battles_official_judgments_2models.jsonl',
);

let server: TestServer;
let local: CliDatabase;

function verdicts(modelA: string, modelB: string, outcome: string, times: number, tag: string) {
  return Array.from({ length: times }, (_, index) => ({
    judge: 'gate',
    prompt: { externalId: `${tag}-${index}` },
    modelA,
    modelB,
    outcome,
    idempotencyKey: `${tag}-${index}`,
  }));
}

beforeAll(async () => {
  server = await startTestServer();
  await recordAll(server, [
    ...verdicts('candidate', 'baseline', 'A_BETTER', 45, 'cb-win'),
    ...verdicts('candidate', 'baseline', 'B_BETTER', 15, 'cb-loss'),
    ...verdicts('twin-1', 'twin-2', 'A_BETTER', 11, 'tt-win'),
    ...verdicts('twin-1', 'twin-2', 'B_BETTER', 10, 'tt-loss'),
    ...verdicts('twin-1', 'candidate', 'B_BETTER', 8, 'tc'),
    ...verdicts('twin-1', 'candidate', 'A_BETTER', 4, 'tc-2'),
  ]);
  local = await cliDatabase();
});
afterAll(async () => {
  await server.close();
  await local.drop();
});

function compare(args: string[]): Promise<CliResult> {
  return remoteCommand('compare', args);
}

function remoteCommand(command: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, command, '--url', server.url, ...args], {
      env: { ...process.env, VERDICTS_API_KEY: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('verdicts compare as a release gate', () => {
  test('exits 0 when the candidate is better, 1 when worse, and prints the decision', async () => {
    const better = await compare(['--candidate', 'candidate', '--baseline', 'baseline']);
    expect(better.stderr).toBe('');
    expect(better.status).toBe(0);
    expect(better.stdout).toMatch(
      /^BETTER: candidate − baseline = \+\d+\.\d Elo \(95% interval \+\d+\.\d to \+\d+\.\d\), margin 0\./,
    );
    expect(better.stdout).toMatch(/60 verdicts between them, 93 in the slice/);
    const worse = await compare(['--candidate', 'baseline', '--baseline', 'candidate']);
    expect(worse.status).toBe(1);
    expect(worse.stdout).toMatch(/^WORSE: /);
  });

  test('exits 3 when undecided, says how many more verdicts would decide it, and 0 within a margin', async () => {
    const open = await compare([
      '--candidate',
      'twin-1',
      '--baseline',
      'twin-2',
      '--interval-method',
      'SANDWICH',
    ]);
    expect(open.status).toBe(3);
    expect(open.stdout).toMatch(/^INCONCLUSIVE: /);
    expect(open.stdout).toMatch(
      /About [\d,]+ more verdicts would decide it \(verdicts to add to the slice for 80% power/,
    );
    const tolerated = await compare([
      '--candidate',
      'twin-1',
      '--baseline',
      'twin-2',
      '--interval-method',
      'SANDWICH',
      '--margin',
      '400',
    ]);
    expect(tolerated.status).toBe(0);
    expect(tolerated.stdout).toMatch(/^NON_INFERIOR: .*margin 400\./);
  });

  test('--json prints what Query.comparison answers', async () => {
    const args = [
      '--candidate',
      'candidate',
      '--baseline',
      'twin-1',
      '--cluster-by',
      'PROMPT',
      '--level',
      '0.9',
    ];
    const result = await compare([...args, '--json']);
    const printed = JSON.parse(result.stdout);
    const api = await server.graphql(
      `query ($input: ComparisonInput!) { comparison(input: $input) {
        decision level clusterBy ratingDifference { value ciLower ciUpper } probabilityABetter { value ciLower ciUpper } additionalVerdicts } }`,
      {
        input: {
          modelA: 'candidate',
          modelB: 'twin-1',
          level: 0.9,
          leaderboard: { clusterBy: 'PROMPT' },
        },
      },
    );
    expect(printed).toMatchObject(api.data.comparison);
    expect(result.status).toBe(
      { BETTER: 0, NON_INFERIOR: 0, WORSE: 1, INCONCLUSIVE: 3 }[printed.decision as string],
    );
  });

  test('a wrong model or option exits 2 with the reason', async () => {
    const unknown = await compare(['--candidate', 'nobody', '--baseline', 'baseline']);
    expect(unknown).toMatchObject({ status: 2, stdout: '' });
    expect(unknown.stderr).toMatch(
      /BAD_USER_INPUT: input\.modelA must name a stored model, but "nobody" is unknown/,
    );
    const missing = await compare(['--candidate', 'candidate']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/needs --candidate <model> and --baseline <model>/);
    const margin = await compare([
      '--candidate',
      'candidate',
      '--baseline',
      'baseline',
      '--margin',
      'wide',
    ]);
    expect(margin.status).toBe(2);
    expect(margin.stderr).toMatch(/--margin must be a number, but got "wide"/);
  });

  test('PROFILE intervals give no difference interval, so the gate refuses them with what does', async () => {
    const refused = await compare([
      '--candidate',
      'candidate',
      '--baseline',
      'baseline',
      '--interval-method',
      'PROFILE',
    ]);
    expect(refused).toMatchObject({ status: 2, stdout: '' });
    expect(refused.stderr).toMatch(
      /BAD_USER_INPUT: a comparison takes leaderboard\.intervalMethod SANDWICH \(CR3 by prompt\) or BOOTSTRAP/,
    );
  });

  test('works on the local database too: Arena-Hard gpt-4-0314 against gpt-4-0613', async () => {
    const imported = await local.run([
      'import',
      'arena-battles',
      ARENA_HARD_BATTLES,
      '--judge',
      'gpt-4-1106-preview',
    ]);
    expect(imported.status).toBe(0);
    const result = await local.run([
      'compare',
      '--candidate',
      'gpt-4-0314',
      '--baseline',
      'gpt-4-0613',
      '--cluster-by',
      'PROMPT',
      '--json',
    ]);
    expect(result.stderr).toBe('');
    const printed = JSON.parse(result.stdout);
    expect(printed).toMatchObject({ clusterBy: 'PROMPT', intervalMethod: 'BOOTSTRAP' });
    expect(printed.verdicts).toBeGreaterThan(0);
    expect(printed.verdicts).toBeLessThan(printed.sliceVerdicts);
    expect(result.status).toBe(
      { BETTER: 0, NON_INFERIOR: 0, WORSE: 1, INCONCLUSIVE: 3 }[printed.decision as string],
    );
    expect(printed.ratingDifference.ciLower).toBeLessThan(printed.ratingDifference.value);
  });
});

test('verdicts leaderboard --interval-method PROFILE --cluster-by PROMPT prints profile intervals', async () => {
  const board = await remoteCommand('leaderboard', [
    '--interval-method',
    'PROFILE',
    '--cluster-by',
    'PROMPT',
    '--json',
  ]);
  expect(board.stderr).toBe('');
  expect(board.status).toBe(0);
  const answer = JSON.parse(board.stdout);
  expect(answer).toMatchObject({ intervalMethod: 'PROFILE', bootstrapRounds: 0 });
  for (const entry of answer.entries) {
    expect(entry.ciLower).toBeLessThan(entry.rating);
    expect(entry.ciUpper).toBeGreaterThan(entry.rating);
  }
  const table = await remoteCommand('leaderboard', ['--interval-method', 'PROFILE']);
  expect(table.status).toBe(0);
  expect(table.stdout).toMatch(
    /Bradley–Terry over 93 verdicts, 4 models, profile-likelihood intervals\./,
  );
});
