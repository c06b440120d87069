import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ImportOptionsError } from '../../src/ingest/format-options';
import {
  parseCsvTable,
  parseJsonlTable,
  type GenericTableOptions,
} from '../../src/ingest/generic-table';
import { readSourceLines } from '../../src/ingest/read-lines';
import { collect, kindCounts, parseBytes, parseFile, problems, verdicts } from './ingest-helpers';

const LLMFAO = join(__dirname, '..', '..', 'demo', 'llmfao', 'crowd-comparisons.csv');
const LLMFAO_OPTIONS: GenericTableOptions = {
  modelA: 'left',
  modelB: 'right',
  winner: 'winner',
  judge: 'worker',
  judgeName: 'llmfao-crowd',
  judgeKind: 'HUMAN',
  prompt: 'prompt',
  promptIdPrefix: 'llmfao:',
};
const COPILOT_OPTIONS: GenericTableOptions = {
  modelA: 'model_a',
  modelB: 'model_b',
  winner: 'acceptedIndex',
  winnerMap: { '0': 'A', '1': 'B' },
  judgeName: 'copilot-arena-users',
  judgeKind: 'HUMAN',
  promptText: 'prefix',
  responseA: 'completion_a',
  responseB: 'completion_b',
};

describe('csv table: LLMFAO crowd comparisons', () => {
  it('reads all 8,931 votes: left/right/tie become A>B/B>A/A=B, each worker a judge', async () => {
    const items = await collect(
      parseCsvTable(
        readSourceLines(LLMFAO),
        { sourceName: 'crowd-comparisons.csv' },
        LLMFAO_OPTIONS,
      ),
    );
    expect(kindCounts(items)).toEqual({ verdict: 8931 });
    const all = verdicts(items);
    const outcomes: Record<string, number> = {};
    for (const verdict of all) outcomes[verdict.outcome!] = (outcomes[verdict.outcome!] ?? 0) + 1;
    expect(outcomes).toEqual({ 'A>B': 2911, 'B>A': 2549, 'A=B': 3471 });
    expect(new Set(all.map((verdict) => verdict.judge)).size).toBe(124);
    expect(all[0]).toEqual({
      judge: 'llmfao-crowd:58',
      judgeKind: 'HUMAN',
      judgeVersion: null,
      prompt: { externalId: 'llmfao:8', text: null, category: null },
      modelA: 'Airoboros L2 70B',
      modelB: 'Weaver 12k',
      responseA: null,
      responseB: null,
      outcome: 'A=B',
      judgment: null,
      // The file does not say which answer the worker saw first: unknown, not A.
      shownFirst: null,
      createdAt: null,
      idempotencyKey: 'crowd-comparisons.csv:2',
      provenance: 'import:crowd-comparisons.csv',
    });
  });

  it('reads the file the same way with a byte order mark and CRLF line ends', async () => {
    const head = readFileSync(LLMFAO, 'utf8').split('\n').slice(0, 40).join('\n');
    const plain = await parseBytes(parseCsvTable, head, LLMFAO_OPTIONS, 'crowd.csv');
    const windows = await parseBytes(
      parseCsvTable,
      '\uFEFF' + head.replace(/\n/g, '\r\n'),
      LLMFAO_OPTIONS,
      'crowd.csv',
    );
    expect(windows).toEqual(plain);
    expect(kindCounts(plain)).toEqual({ verdict: 39 });
  });
});

describe('csv table: Copilot Arena layout', () => {
  it('maps acceptedIndex 0.0 and 1.0 numerically, and reads multi-line quoted fields', async () => {
    const items = await parseFile(parseCsvTable, 'copilot-arena-sample.csv', COPILOT_OPTIONS);
    const [first, second] = verdicts(items);
    expect(first).toMatchObject({
      judge: 'copilot-arena-users',
      modelA: 'codestral-2405',
      modelB: 'gpt-4o-mini-2024-07-18',
      outcome: 'A>B',
      prompt: { externalId: null, text: 'def add(a, b):\n    return ' },
      responseA: 'a + b',
      responseB: 'sum([a, b])',
      idempotencyKey: 'copilot-arena-sample.csv:2',
    });
    expect(second).toMatchObject({
      outcome: 'B>A',
      prompt: { text: 'const greeting = "' },
      responseB: 'Hello, "world"',
      idempotencyKey: 'copilot-arena-sample.csv:6',
    });
  });

  it('reports an unknown winner naming the value and the expected ones, a self-comparison and a truncated record', async () => {
    const items = await parseFile(parseCsvTable, 'copilot-arena-sample.csv', COPILOT_OPTIONS);
    expect(problems(items)).toEqual([
      { line: 8, reason: 'unknown winner "2.0" in column "acceptedIndex"; expected one of 0, 1.' },
      {
        line: 11,
        reason:
          'model A and model B are the same model ("codestral-2405"); a verdict compares two different models.',
      },
      { line: 13, reason: 'expected 7 fields (as in the header), but got 1.' },
    ]);
  });

  it('truncates a long unknown winner value to 50 characters', async () => {
    const text = `a,b,w\nm1,m2,${'x'.repeat(80)}\n`;
    const [error] = problems(
      await parseBytes(parseCsvTable, text, {
        modelA: 'a',
        modelB: 'b',
        winner: 'w',
        judgeName: 'j',
      }),
    );
    expect(error.reason).toBe(
      `unknown winner "${'x'.repeat(47)}..." in column "w"; expected one of A>>B, A>B, A=B, B>A, B>>A, BOTH_BAD, A, B, tie, bothbad, model_a, model_b, tie (bothbad), left, right.`,
    );
  });
});

describe('csv table: options and columns', () => {
  it('stops with one error when a named column is not in the header', async () => {
    const items = await parseBytes(parseCsvTable, 'a,b,w\nm1,m2,A\n', {
      modelA: 'a',
      modelB: 'b',
      winner: 'winner',
      judgeName: 'j',
    });
    expect(items).toEqual([
      {
        kind: 'error',
        line: 1,
        reason: 'the header has no column "winner"; its columns are a, b, w.',
      },
    ]);
  });

  it('uses an id column for keys, reads timestamps, categories, judgments and prompt text', async () => {
    const text =
      'rid,a,b,w,ts,cat,q,why\nr-1,m1,m2,B>>A,1700000000,coding,Write a loop,B is correct\nr-2,m1,m2,tie,2024-05-01T12:00:00Z,,Say hi,\n';
    const options: GenericTableOptions = {
      modelA: 'a',
      modelB: 'b',
      winner: 'w',
      judgeName: 'panel',
      id: 'rid',
      createdAt: 'ts',
      category: 'cat',
      promptText: 'q',
      judgment: 'why',
    };
    const [first, second] = verdicts(await parseBytes(parseCsvTable, text, options, 'panel.csv'));
    expect(first).toMatchObject({
      outcome: 'B>>A',
      idempotencyKey: 'panel.csv:id:r-1',
      createdAt: new Date(1700000000000),
      prompt: { externalId: null, text: 'Write a loop', category: 'coding' },
      judgment: 'B is correct',
    });
    expect(second).toMatchObject({
      outcome: 'A=B',
      createdAt: new Date('2024-05-01T12:00:00Z'),
      prompt: { category: null },
      judgment: null,
    });
  });

  it('gives each row without a prompt column a prompt of its own, keyed like the verdict', async () => {
    const [verdict] = verdicts(
      await parseBytes(
        parseCsvTable,
        'a,b,w\nm1,m2,left\n',
        { modelA: 'a', modelB: 'b', winner: 'w', judgeName: 'j' },
        't.csv',
      ),
    );
    expect(verdict.prompt).toEqual({ externalId: 't.csv:2', text: null, category: null });
  });

  it('throws on options that cannot work, before reading any row', async () => {
    const parse = (options: Partial<GenericTableOptions>) =>
      parseBytes(parseCsvTable, 'a,b,w\n', options as GenericTableOptions);
    await expect(parse({ modelA: 'a', modelB: 'b', winner: 'w' })).rejects.toThrow(
      'csv: a judge is required: name a judge column (judge) or a constant judgeName.',
    );
    await expect(parse({ modelA: 'a', winner: 'w', judgeName: 'j' })).rejects.toThrow(
      ImportOptionsError,
    );
    await expect(
      parse({
        modelA: 'a',
        modelB: 'b',
        winner: 'w',
        judgeName: 'j',
        winnerMap: { x: 'C' as never },
      }),
    ).rejects.toThrow(
      'csv: winnerMap["x"] must be an outcome label (A>>B, A>B, A=B, B>A, B>>A, BOTH_BAD) or A, B, tie, bothbad, but got "C".',
    );
    await expect(
      parse({ modelA: 'a', modelB: 'b', winner: 'w', judgeName: 'j', judgeKind: 'ROBOT' as never }),
    ).rejects.toThrow('csv: option judgeKind must be HUMAN or LLM, but got "ROBOT".');
  });

  it('reads the order of presentation from a shownFirst column, and reports a value naming neither answer', async () => {
    const csv = [
      'left,right,winner,first',
      'm1,m2,left,A',
      'm1,m2,left,b',
      'm1,m2,right,model_b',
      'm1,m2,right,m1',
      'm1,m2,tie,',
      'm1,m2,tie,m3',
    ].join('\n');
    const items = await parseBytes(parseCsvTable, csv, {
      modelA: 'left',
      modelB: 'right',
      winner: 'winner',
      judgeName: 'j',
      shownFirst: 'first',
    });
    expect(verdicts(items).map((verdict) => verdict.shownFirst)).toEqual([
      'A',
      'B',
      'B',
      'A',
      null,
    ]);
    expect(problems(items)).toEqual([
      {
        line: 7,
        reason:
          'expected column "first" to say which answer was shown first (A, B, model_a, model_b or one of the two model names), but got "m3".',
      },
    ]);
  });

  it('reads a tab-separated file', async () => {
    const [verdict] = verdicts(
      await parseBytes(parseCsvTable, 'a\tb\tw\nm1\tm2\tB\n', {
        modelA: 'a',
        modelB: 'b',
        winner: 'w',
        judgeName: 'j',
        delimiter: '\t',
      }),
    );
    expect(verdict.outcome).toBe('B>A');
  });
});

describe('jsonl table', () => {
  it('reads fields by name or dotted path, numbers and booleans as text', async () => {
    const text = [
      '{"pair": {"left": "m1", "right": "m2"}, "vote": 1, "who": 7}',
      '{"pair": {"left": "m1", "right": "m2"}, "vote": 0.0, "who": 8}',
      '{"pair": {"left": "m1", "right": "m2"}, "vote": null, "who": 9}',
      '[1, 2]',
    ].join('\n');
    const options: GenericTableOptions = {
      modelA: 'pair.left',
      modelB: 'pair.right',
      winner: 'vote',
      winnerMap: { '0': 'A', '1': 'B' },
      judge: 'who',
    };
    const items = await collect(
      parseJsonlTable(
        readSourceLines(Readable.from([Buffer.from(text)])),
        { sourceName: 'votes.jsonl' },
        options,
      ),
    );
    expect(
      verdicts(items).map((verdict) => [
        verdict.judge,
        verdict.modelA,
        verdict.outcome,
        verdict.idempotencyKey,
      ]),
    ).toEqual([
      ['7', 'm1', 'B>A', 'votes.jsonl:1'],
      ['8', 'm1', 'A>B', 'votes.jsonl:2'],
    ]);
    expect(problems(items)).toEqual([
      { line: 3, reason: 'unknown winner "" in column "vote"; expected one of 0, 1.' },
      { line: 4, reason: 'expected a JSON object per record.' },
    ]);
  });
});
