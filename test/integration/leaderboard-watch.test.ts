/** `verdicts leaderboard --watch --url …`: the CLI follows a running server's leaderboard. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createApiKey } from '../../src/services/api-keys';
import { startTestServer, type TestServer } from '../support/test-server';

const MAIN = path.join(__dirname, '..', '..', 'dist', 'main.js');
let server: TestServer;
let writeKey: string;
beforeAll(async () => {
  server = await startTestServer({
    auth: true,
    publicRead: false,
    subscriptions: { coalesceMs: 50 },
  });
  writeKey = (await createApiKey(server.database.db, 'cli-watcher', 'write')).key;
});
afterAll(() => server.close());

const RECORD =
  'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }';
function batch(count: number, offset: number) {
  return {
    input: {
      verdicts: Array.from({ length: count }, (_, i) => ({
        judge: 'cli-judge',
        prompt: { externalId: `w${i}` },
        modelA: 'alpha',
        modelB: 'beta',
        outcome: i % 3 === 0 ? 'B_BETTER' : 'A_BETTER',
        idempotencyKey: `w${i + offset}`,
      })),
    },
  };
}

function watch(args: string[], env: Record<string, string> = {}) {
  const child = spawn(
    process.execPath,
    [MAIN, 'leaderboard', '--watch', '--url', server.url, ...args],
    { env: { ...process.env, ...env } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const until = async (pattern: RegExp, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(stdout)) {
      if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${stdout}\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { child, exited, until, output: () => ({ stdout, stderr }) };
}

test('prints the table, then again after a write, with the key from VERDICTS_API_KEY; Ctrl-C ends it', async () => {
  const auth = { authorization: `Bearer ${writeKey}` };
  await server.graphql(RECORD, batch(6, 0), auth);
  const watcher = watch(['--bootstrap-rounds', '0', '--judge', 'cli-judge'], {
    VERDICTS_API_KEY: writeKey,
  });
  await watcher.until(/over 6 verdicts, 2 models/);
  expect(watcher.output().stdout).toMatch(/rank\s+model\s+rating/);
  await server.graphql(RECORD, batch(9, 100), auth);
  await watcher.until(/over 15 verdicts, 2 models/);
  watcher.child.kill('SIGINT');
  expect(await watcher.exited).toBe(0);
});

test("a refused key ends the watch with status 2 and the server's reason", async () => {
  const watcher = watch(['--api-key', `vk_000000000000_${'b'.repeat(43)}`]);
  expect(await watcher.exited).toBe(2);
  expect(watcher.output().stderr).toMatch(/4401: UNAUTHENTICATED: The API key is not valid/);
});

test('--watch without --url is a usage error (--url alone asks the server once)', async () => {
  const child = spawn(process.execPath, [MAIN, 'leaderboard', '--watch']);
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  expect(await new Promise((resolve) => child.on('close', resolve))).toBe(2);
  expect(stderr).toMatch(/--watch needs the server: --watch --url http:\/\/host:4000\/graphql/);
});
