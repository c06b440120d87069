/**
 * kill -9 of `verdicts import` in the middle of a file: every batch is one transaction, so what
 * the killed process committed is whole and the rest is absent; running the same import again
 * stores exactly the missing verdicts, and a third run stores nothing. On either driver (the
 * PostgreSQL one imports several batches at once).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cliDatabase, type CliDatabase } from '../support/cli';

const MAIN = path.join(__dirname, '..', '..', 'dist', 'main.js');
const ROWS = 20_000;
/** Twenty batches: the kill lands with most of them still to come. */
const BATCH = ['--batch-size', '1000'];
const MODELS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];

let cli: CliDatabase;
let dir: string;
let file: string;
beforeAll(async () => {
  cli = await cliDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'verdicts-import-kill-'));
  file = path.join(dir, 'battles.jsonl');
  const lines = Array.from({ length: ROWS }, (_, i) =>
    JSON.stringify({
      question_id: `q${i % 997}`,
      model_a: MODELS[i % 6],
      model_b: MODELS[(i + 1 + (i % 5)) % 6],
      winner: ['model_a', 'model_b', 'tie', 'tie (bothbad)'][i % 4],
      category: ['math', 'code', 'writing'][i % 3],
      tstamp: 1_735_689_600 + i,
    }),
  );
  await writeFile(file, `${lines.join('\n')}\n`);
});
afterAll(async () => {
  await cli.drop();
  await rm(dir, { recursive: true, force: true });
});

/** Starts the import and kills it with SIGKILL once it reports a stored batch, before it ends. */
function importKilledMidway(): Promise<{ killed: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, 'import', 'arena-battles', file, ...BATCH], {
      env: cli.env,
    });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      // The first progress line comes after the first batch committed, with more to go.
      const accepted = /accepted ([\d,]+)/.exec(stderr);
      if (!killed && accepted && Number(accepted[1].replace(/,/g, '')) > 0) {
        killed = child.kill('SIGKILL');
      }
    });
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', () => resolve({ killed, stderr }));
  });
}

function summary(stdout: string): { accepted: number; duplicates: number } {
  const match = /accepted ([\d,]+), duplicates ([\d,]+)/.exec(stdout);
  if (!match) throw new Error(`no import summary in: ${stdout.slice(0, 500)}`);
  return {
    accepted: Number(match[1].replaceAll(',', '')),
    duplicates: Number(match[2].replaceAll(',', '')),
  };
}

test('kill -9 mid-import loses and duplicates nothing: a re-run stores exactly the rest', async () => {
  const killed = await importKilledMidway();
  expect(killed.killed).toBe(true);

  const rerun = await cli.run(['import', 'arena-battles', file, '--quiet', ...BATCH]);
  expect(rerun.stderr).toBe('');
  expect(rerun.status).toBe(0);
  const second = summary(rerun.stdout);
  // The killed run had stored whole batches only, some but not all of the file.
  expect(second.duplicates).toBeGreaterThan(0);
  expect(second.accepted).toBeGreaterThan(0);
  expect(second.accepted + second.duplicates).toBe(ROWS);

  const third = summary(
    (await cli.run(['import', 'arena-battles', file, '--quiet', ...BATCH])).stdout,
  );
  expect(third).toEqual({ accepted: 0, duplicates: ROWS });

  // The counts the leaderboards read agree with the verdicts stored.
  const board = await cli.run(['leaderboard', '--json']);
  expect(board.status).toBe(0);
  expect(JSON.parse(board.stdout).verdictCount).toBe(ROWS);
}, 300_000);
