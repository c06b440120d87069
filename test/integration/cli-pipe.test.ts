/** `verdicts export verdicts | head -n 1`: the closed pipe ends the export quietly, with status 0. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { cliDatabase, type CliDatabase } from '../support/cli';

const MAIN = path.join(__dirname, '..', '..', 'dist', 'main.js');
const ARENA_HARD_BATTLES = path.join(
  __dirname,
  '..',
  'fixtures',
  'arena-hard',
  'battles_official_judgments_2models.jsonl',
);

let cli: CliDatabase;
beforeAll(async () => {
  cli = await cliDatabase();
  const imported = await cli.run([
    'import',
    'arena-battles',
    ARENA_HARD_BATTLES,
    '--judge',
    'gpt-4-1106-preview',
    '--judge-kind',
    'LLM',
  ]);
  expect(imported.status).toBe(0);
});
afterAll(async () => {
  await cli.drop();
});

test('an export whose reader stops after one line exits 0 without a message', async () => {
  // Far more output than a pipe buffers (2,658 rows), so the export is still writing when head exits.
  const script = `${JSON.stringify(process.execPath)} ${JSON.stringify(MAIN)} export verdicts 2>"$ERR_FILE" | head -n 1; echo "status=\${PIPESTATUS[0]}"; cat "$ERR_FILE"`;
  const errFile = path.join(String(cli.env.VERDICTS_DATA_DIR), 'stderr.txt');
  const child = spawn('bash', ['-c', script], { env: { ...cli.env, ERR_FILE: errFile } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  await new Promise((resolve) => child.on('close', resolve));
  const [firstRow, status, ...stderr] = output.split('\n');
  expect(JSON.parse(firstRow)).toHaveProperty('model_a');
  expect(status).toBe('status=0');
  expect(stderr.join('\n').trim()).toBe('');
});
