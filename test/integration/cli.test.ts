import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { cliDatabase, type CliDatabase } from '../support/cli';

const ARENA_HARD_BATTLES = path.join(
  __dirname,
  '..',
  'fixtures',
  'arena-hard',
  'battles_official_judgments_2models.jsonl',
);
const TRANSCRIPT = path.join(__dirname, '..', '..', 'demo', 'judge-prompt-transcript.txt');
const ARENA_HARD = ['--judge', 'gpt-4-1106-preview', '--judge-kind', 'LLM'];

let scratch: string;
const databases: CliDatabase[] = [];
async function freshDatabase(): Promise<CliDatabase> {
  const database = await cliDatabase();
  databases.push(database);
  return database;
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'verdicts-cli-files-'));
});
afterAll(async () => {
  await Promise.all(databases.map((database) => database.drop()));
});

function winRates(json: string): Record<string, number> {
  const board = JSON.parse(json);
  return Object.fromEntries(
    board.entries.map((entry: any) => [
      entry.model.name,
      Number(entry.winRateVsBaseline.toFixed(2)),
    ]),
  );
}

test('every command has --help, and a wrong command or option exits 2 with a message', async () => {
  const cli = await freshDatabase();
  for (const command of [
    [],
    ['import'],
    ['export'],
    ['leaderboard'],
    ['serve'],
    ['migrate'],
    ['demo'],
    ['import', 'csv'],
  ]) {
    const result = await cli.run([...command, '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Usage: verdicts/);
  }
  const unknown = await cli.run(['frobnicate']);
  expect(unknown).toMatchObject({
    status: 2,
    stderr: expect.stringContaining('unknown command "frobnicate"'),
  });
  const badOption = await cli.run(['leaderboard', '--colour', 'red']);
  expect(badOption).toMatchObject({
    status: 2,
    stderr: expect.stringContaining('unknown option --colour'),
  });
  const badFormat = await cli.run(['import', 'parquet', 'x']);
  expect(badFormat).toMatchObject({
    status: 2,
    stderr: expect.stringContaining('unknown format "parquet"'),
  });
  const missing = await cli.run(['import', 'arena-battles', path.join(scratch, 'nope.jsonl')]);
  expect(missing).toMatchObject({
    status: 2,
    stderr: expect.stringContaining('no file or directory'),
  });
});

test('an option without its value, or with an option where the value goes, is refused', async () => {
  const cli = await freshDatabase();
  const swallowed = await cli.run(['leaderboard', '--judge', '--model', 'x']);
  expect(swallowed).toMatchObject({ status: 2, stdout: '' });
  expect(swallowed.stderr).toBe(
    'verdicts: verdicts leaderboard: --judge needs a value (name), but got "--model", which reads as an option; ' +
      'write --judge=--model if the value really starts with a dash.\n',
  );
  const missing = await cli.run(['export', 'verdicts', '--format']);
  expect(missing).toMatchObject({
    status: 2,
    stderr: 'verdicts: verdicts export: --format needs a value (jsonl|csv), but none was given.\n',
  });
  const flagWithValue = await cli.run([
    'import',
    'arena-battles',
    ARENA_HARD_BATTLES,
    '--quiet=loud',
  ]);
  expect(flagWithValue).toMatchObject({
    status: 2,
    stderr: expect.stringContaining('--quiet takes no value or true/false, but got "loud"'),
  });
  const shortOption = await cli.run(['leaderboard', '-j']);
  expect(shortOption).toMatchObject({
    status: 2,
    stderr: expect.stringContaining('unknown option -j; the options are --method,'),
  });
  const stray = await cli.run(['migrate', 'now']);
  expect(stray).toMatchObject({
    status: 2,
    stderr: 'verdicts: migrate: expected no arguments, but got "now".\n',
  });
});

test('--help is an option in its place, not a word anywhere in the arguments', async () => {
  const cli = await freshDatabase();
  const asValue = await cli.run([
    'import',
    'arena-battles',
    ARENA_HARD_BATTLES,
    '--judge',
    '--help',
  ]);
  expect(asValue).toMatchObject({
    status: 2,
    stdout: '',
    stderr: expect.stringContaining('--judge needs a value, but got "--help"'),
  });
  const afterTerminator = await cli.run(['export', 'verdicts', '--', '--help']);
  expect(afterTerminator).toMatchObject({
    status: 2,
    stderr: expect.stringContaining(
      'export: expected one of verdicts or leaderboard, but got 2 words.',
    ),
  });
  const inline = await cli.run([
    'import',
    'arena-battles',
    path.join(scratch, 'nope.jsonl'),
    '--judge=--help',
    '--quiet=true',
  ]);
  expect(inline).toMatchObject({
    status: 2,
    stderr: expect.stringContaining('no file or directory'),
  });
  const help = await cli.run(['leaderboard', '--json', '--help']);
  expect(help).toMatchObject({
    status: 0,
    stdout: expect.stringMatching(/^Usage: verdicts leaderboard \[options\]/),
  });
});

test('the Arena-Hard battle file imports as 2,658 verdicts with the published scores, and again as 0', async () => {
  const cli = await freshDatabase();
  const first = await cli.run(['import', 'arena-battles', ARENA_HARD_BATTLES, ...ARENA_HARD]);
  expect(first.status).toBe(0);
  expect(first.stdout).toMatch(/accepted 2,658, duplicates 0, rejected 0/);
  const again = await cli.run(['import', 'arena-battles', ARENA_HARD_BATTLES, ...ARENA_HARD]);
  expect(again.status).toBe(0);
  expect(again.stdout).toMatch(/accepted 0, duplicates 2,658, rejected 0/);
  const board = await cli.run([
    'leaderboard',
    '--json',
    '--baseline',
    'gpt-4-0314',
    '--bootstrap-rounds',
    '0',
  ]);
  expect(board.status).toBe(0);
  expect(winRates(board.stdout)).toEqual({
    'gpt-4-0314': 50,
    'gpt-4-0613': 37.9,
    'gpt-3.5-turbo-0125': 23.34,
  });
  const table = await cli.run([
    'leaderboard',
    '--baseline',
    'gpt-4-0314',
    '--anchor',
    'gpt-4-0314=1000',
  ]);
  expect(table.stdout).toMatch(/gpt-4-0613\s+914\.2/);
  expect(table.stdout).toMatch(/over 2,658 verdicts, 3 models, 100 bootstrap rounds/);
});

test('bad rows are reported with file and line, the rest is stored, and the exit status is 1', async () => {
  const cli = await freshDatabase();
  const file = path.join(scratch, 'mixed.jsonl');
  await writeFile(
    file,
    [
      '{"model_a":"m1","model_b":"m2","winner":"model_a"}',
      '{"model_a":"m1","model_b":"m2","winner":"sideways"}',
      'not json at all',
      '{"model_a":"m2","model_b":"m2","winner":"tie"}',
      '{"model_a":"m2","model_b":"m3","winner":"tie (bothbad)"}',
    ].join('\r\n'),
  );
  const result = await cli.run(['import', 'arena-battles', file]);
  expect(result.status).toBe(1);
  expect(result.stdout).toMatch(/accepted 2, duplicates 0, rejected 3/);
  expect(result.stderr).toMatch(/mixed\.jsonl:2: .*sideways/);
  expect(result.stderr).toMatch(/mixed\.jsonl:3: /);
  expect(result.stderr).toMatch(/mixed\.jsonl:4: /);

  const strict = await freshDatabase();
  const stopped = await strict.run(['import', 'arena-battles', file, '--strict']);
  expect(stopped.status).toBe(1);
  expect(stopped.stdout).toMatch(/accepted 1, duplicates 0, rejected 1/);
  expect(stopped.stdout).toMatch(/Stopped at the first bad row/);
});

test('gzip, a BOM and standard input are read like plain files', async () => {
  const cli = await freshDatabase();
  const rows = [
    '{"model_a":"a","model_b":"b","winner":"model_b"}',
    '{"model_a":"b","model_b":"c","winner":"model_a"}',
  ].join('\n');
  const gz = path.join(scratch, 'battles.json.gz');
  await writeFile(gz, gzipSync(Buffer.from(`\uFEFF${rows}\n`)));
  expect((await cli.run(['import', 'arena-battles', gz])).stdout).toMatch(/accepted 2/);
  const piped = await cli.run(['import', 'arena-battles', '-'], {
    stdin: `[${rows.split('\n').join(',\n')}]`,
  });
  expect(piped.stdout).toMatch(/accepted 2/);
});

test('a truncated gzip file fails with exit 2 and a clear message', async () => {
  const cli = await freshDatabase();
  const whole = gzipSync(
    Buffer.from(
      Array.from(
        { length: 2000 },
        (_, i) => `{"model_a":"a${i % 7}","model_b":"b","winner":"tie"}`,
      ).join('\n'),
    ),
  );
  const cut = path.join(scratch, 'cut.jsonl.gz');
  await writeFile(cut, whole.subarray(0, Math.floor(whole.length / 2)));
  const result = await cli.run(['import', 'arena-battles', cut]);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/^verdicts: .*(truncated|unexpected end)/im);
});

test('an export re-imports to the same leaderboard, as JSON lines and as CSV', async () => {
  const source = await freshDatabase();
  await source.run(['import', 'arena-battles', ARENA_HARD_BATTLES, ...ARENA_HARD]);
  const transcriptJudgment = path.join(scratch, 'judgment.txt');
  await writeFile(
    transcriptJudgment,
    'Both are thorough, "A" is clearer, with commas, and\nnewlines.\n\nMy final verdict is [[A>B]].',
  );
  const transcript = await source.run([
    'import',
    'transcript',
    TRANSCRIPT,
    '--model-a',
    'gpt-4-0613',
    '--model-b',
    'gpt-3.5-turbo-0125',
    '--judge',
    'gpt-4-1106-preview',
    '--judgment-file',
    transcriptJudgment,
  ]);
  expect(transcript.stdout).toMatch(/accepted 1,/);
  const expected = (await source.run(['leaderboard', '--json'])).stdout;

  for (const format of ['jsonl', 'csv']) {
    const file = path.join(scratch, `export.${format}`);
    const exported = await source.run(['export', 'verdicts', '--format', format, '--output', file]);
    expect(exported).toMatchObject({
      status: 0,
      stderr: expect.stringContaining('Wrote 2,659 rows'),
    });
    const target = await freshDatabase();
    const imported = await target.run(['import', 'verdicts', file]);
    expect(imported.stdout).toMatch(/accepted 2,659, duplicates 0, rejected 0/);
    const board = (await target.run(['leaderboard', '--json'])).stdout;
    const strip = (json: string) =>
      JSON.parse(json).entries.map(({ model, ...entry }: any) => ({ name: model.name, ...entry }));
    expect(strip(board)).toEqual(strip(expected));
  }
  const csv = await source.run([
    'export',
    'leaderboard',
    '--format',
    'csv',
    '--baseline',
    'gpt-4-0314',
    '--bootstrap-rounds',
    '0',
  ]);
  const [header, ...lines] = csv.stdout.trim().split('\n');
  expect(header).toBe(
    'rank,model,rating,uncontrolled_rating,ci_lower,ci_upper,win_rate_vs_baseline,win_rate_vs_baseline_lower,win_rate_vs_baseline_upper,wins,losses,ties,battles',
  );
  expect(lines).toHaveLength(3);
  // The judgment's quotes, commas and line breaks survive the CSV round trip.
  expect(await readFile(path.join(scratch, 'export.csv'), 'utf8')).toContain(
    '"Both are thorough, ""A"" is clearer, with commas, and\nnewlines.',
  );
});

test('prompt tags holding |, quotes and commas survive a CSV export and re-import', async () => {
  const tags = ['a|b', 'say "hi"', 'x, y', '[bracketed]', 'plain'];
  const source = await freshDatabase();
  const file = path.join(scratch, 'tagged.jsonl');
  const row = {
    judge: 'annotator-1',
    judge_kind: 'HUMAN',
    judge_version: '',
    prompt_id: 'q-tags',
    prompt_text: 'Why?',
    category: 'misc',
    tags,
    model_a: 'm1',
    model_b: 'm2',
    outcome: 'A>B',
    idempotency_key: 'tagged-1',
    created_at: '2026-01-01T00:00:00.000000Z',
  };
  await writeFile(file, `${JSON.stringify(row)}\n`);
  expect((await source.run(['import', 'verdicts', file])).stdout).toMatch(/accepted 1,/);
  const csv = path.join(scratch, 'tagged.csv');
  expect(
    (await source.run(['export', 'verdicts', '--format', 'csv', '--output', csv])).status,
  ).toBe(0);
  const target = await freshDatabase();
  expect((await target.run(['import', 'verdicts', csv])).stdout).toMatch(
    /accepted 1, duplicates 0, rejected 0/,
  );
  const exported = JSON.parse((await target.run(['export', 'verdicts'])).stdout);
  expect(exported.tags).toEqual([...tags].sort());
  // An export written before tags were JSON (joined with |) still reads as separate tags.
  const legacy = path.join(scratch, 'legacy.csv');
  const header = (await readFile(csv, 'utf8')).split('\n')[0];
  const columns = header.split(',');
  const legacyRow: Record<string, string> = {
    ...row,
    tags: 'one|two',
    idempotency_key: 'legacy-1',
    prompt_id: 'q-legacy',
  };
  const values = columns.map((column) => legacyRow[column] ?? '');
  await writeFile(legacy, `${header}\n${values.join(',')}\n`);
  expect((await target.run(['import', 'verdicts', legacy])).stdout).toMatch(/accepted 1,/);
  const lines = (await target.run(['export', 'verdicts'])).stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(lines.find((line) => line.idempotency_key === 'legacy-1').tags).toEqual(['one', 'two']);
});

test('demo loads the LLMFAO data once and shows a leaderboard', async () => {
  const cli = await freshDatabase();
  const first = await cli.run(['demo', '--load-only']);
  expect(first.status).toBe(0);
  expect(first.stdout).toMatch(/Loaded 14,294 new rows \(0 already there, 0 rejected\)/);
  expect(first.stdout).toMatch(/Bradley–Terry over 8,931 verdicts, 59 models/);
  const again = await cli.run(['demo', '--load-only']);
  expect(again.stdout).toMatch(/Loaded 0 new rows/);
});
