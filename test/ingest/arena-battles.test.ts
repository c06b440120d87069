import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArenaBattles } from '../../src/ingest/arena-battles';
import { readSourceLines } from '../../src/ingest/read-lines';
import { scoreOfA } from '../../src/ratings/outcomes';
import type { Batched } from '../../src/domain/batches';
import type { ImportItem } from '../../src/domain/import-item';
import {
  collect,
  fixture,
  kindCounts,
  parseBytes,
  parseFile,
  problems,
  verdicts,
} from './ingest-helpers';

const HARD = 'arena-hard-battles.jsonl';
const ARENA = 'chatbot-arena-battles.json';

describe('arena-battles, Arena-Hard battle file (JSON lines)', () => {
  it('gives one verdict per row, keyed by file and line, so repeated strong verdicts stay distinct', async () => {
    const items = await parseFile(parseArenaBattles, HARD, {}, 'battles.jsonl');
    const all = verdicts(items);
    expect(kindCounts(items)).toEqual({ verdict: 14 });
    expect(all.map((verdict) => verdict.idempotencyKey)).toEqual(
      Array.from({ length: 14 }, (_, i) => `battles.jsonl:${i + 1}`),
    );
    // Lines 11–14 are one question: a strong verdict written three times plus the other game.
    expect(all.slice(10).map((verdict) => [verdict.prompt.externalId, verdict.outcome])).toEqual(
      Array.from({ length: 4 }, () => ['15f390071b5846bf9efa59780468c253', 'A>B']),
    );
    expect(all[0]).toEqual({
      prompt: { externalId: 'b4b1c3f799f6459b8cfb15fa27e399e7', text: null, tags: [] },
      modelA: 'gpt-4-0314',
      modelB: 'gpt-4-0613',
      outcome: 'A>B',
      responseA: null,
      responseB: null,
      responseATokens: null,
      responseBTokens: null,
      createdAt: null,
      judge: 'arena-humans',
      judgeKind: 'HUMAN',
      judgeVersion: null,
      // Arena-Hard's battle rows are re-oriented to the baseline: what the judge saw first is unknown.
      shownFirst: null,
      idempotencyKey: 'battles.jsonl:1',
      provenance: 'import:battles.jsonl',
    });
    expect(all[2].outcome).toBe('A=B');
  });

  it('gives identical keys when the same file is imported again', async () => {
    const keys = async () =>
      verdicts(await parseFile(parseArenaBattles, HARD, {})).map(
        (verdict) => verdict.idempotencyKey,
      );
    expect(await keys()).toEqual(await keys());
  });

  it('takes the judge from options, e.g. the LLM judge of Arena-Hard battles', async () => {
    const [first] = verdicts(
      await parseFile(parseArenaBattles, HARD, { judge: 'gpt-4-1106-preview', judgeKind: 'LLM' }),
    );
    expect(first).toMatchObject({ judge: 'gpt-4-1106-preview', judgeKind: 'LLM' });
  });

  it('reads the file with a byte order mark and CRLF line ends the same way', async () => {
    const text = '\uFEFF' + readFileSync(fixture(HARD), 'utf8').replace(/\n/g, '\r\n');
    expect(await parseBytes(parseArenaBattles, text, {}, HARD)).toEqual(
      await parseFile(parseArenaBattles, HARD, {}),
    );
  });
});

describe('arena-battles, Chatbot Arena clean_battle file (JSON array)', () => {
  it('reads prompt, responses, timestamp, language tag, voter and token counts', async () => {
    const [first, bothBad, tie] = verdicts(await parseFile(parseArenaBattles, ARENA, {}));
    expect(first).toMatchObject({
      judge: 'arena_user_1001',
      judgeKind: 'HUMAN',
      modelA: 'gpt-4-0613',
      modelB: 'claude-2.1',
      outcome: 'A>B',
      prompt: {
        externalId: '5e1f0c9a7b8d4e2f',
        text: 'Why is the sky blue?',
        tags: ['lang:English'],
      },
      responseA: 'Rayleigh scattering of sunlight.',
      responseB: 'Because of the ocean.',
      responseATokens: 4,
      createdAt: new Date(1700000000123),
      // A Chatbot Arena vote: model A was on the left.
      shownFirst: 'A',
      idempotencyKey: `${ARENA}:2`,
    });
    expect(bothBad).toMatchObject({
      outcome: 'BOTH_BAD',
      prompt: { text: 'Quote, "verbatim", a line\nfrom a poem.' },
      responseA: 'Roses are red,\nviolets are "blue".',
    });
    // No question_id: the prompt is deduplicated by its text.
    expect(tie).toMatchObject({
      outcome: 'A=B',
      judge: 'arena_user_1002',
      prompt: { externalId: null, text: '¿Qué hora es?', tags: ['lang:Spanish'] },
    });
  });

  it('reports self-battles and unknown winners as errors with their line', async () => {
    const items = await parseFile(parseArenaBattles, ARENA, {});
    expect(problems(items)).toEqual([
      {
        line: 115,
        reason:
          'self-battle: model_a and model_b are the same model ("gpt-4-0613"); a verdict compares two different models.',
      },
      {
        line: 152,
        reason: 'unknown winner "model_c"; expected one of model_a, model_b, tie, tie (bothbad).',
      },
    ]);
  });

  it("gives a battle without question_id or conversation (FastChat's simple layout) a prompt of its own", async () => {
    const all = verdicts(await parseFile(parseArenaBattles, ARENA, {}));
    const last = all[all.length - 1];
    expect(last.prompt).toEqual({ externalId: `${ARENA}:189`, text: null, tags: ['lang:English'] });
    expect(last.idempotencyKey).toBe(`${ARENA}:189`);
  });

  it('reports a file cut in the middle of an element after the complete battles', async () => {
    const text = readFileSync(fixture(ARENA), 'utf8');
    const cut = text.slice(0, text.indexOf('"Self?"'));
    const items = await parseBytes(parseArenaBattles, cut, {}, ARENA);
    expect(kindCounts(items)).toEqual({ verdict: 3, error: 1 });
    expect(items[items.length - 1]).toEqual({
      kind: 'error',
      line: 115,
      reason: 'the file ends inside the array element starting on line 115 (truncated file?).',
    });
  });

  it('keeps battles on one line distinct in a compact JSON array', async () => {
    const row = { model_a: 'a', model_b: 'b', winner: 'model_a', question_id: 'q' };
    const items = await parseBytes(
      parseArenaBattles,
      JSON.stringify([row, row, row]),
      {},
      'compact.json',
    );
    expect(verdicts(items).map((verdict) => verdict.idempotencyKey)).toEqual([
      'compact.json:1',
      'compact.json:1:1',
      'compact.json:1:2',
    ]);
  });

  it('reports malformed lines, missing models and bad timestamps, and goes on', async () => {
    const text = [
      '{"model_a": "a", "model_b": "b", "winner": "model_b"}',
      '{"model_a": "a", "model_b": "b", "winner": "model_b"',
      '{"model_b": "b", "winner": "tie"}',
      '{"model_a": "a", "model_b": "b", "winner": "tie", "tstamp": "yesterday"}',
      '["not", "an", "object"]',
      '{"model_a": "a", "model_b": "b", "winner": "tie"}',
    ].join('\n');
    const items = await parseBytes(parseArenaBattles, text, {});
    expect(problems(items)).toEqual([
      {
        line: 2,
        reason: expect.stringMatching(/^invalid JSON: expected ',' or '}' after property value/),
      },
      { line: 3, reason: 'expected model_a to name a model, but got nothing.' },
      { line: 4, reason: 'expected tstamp in seconds since 1970, but got "yesterday".' },
      { line: 5, reason: 'expected a JSON object per record, but got an array of 3.' },
    ]);
    expect(verdicts(items).map((verdict) => verdict.idempotencyKey)).toEqual([
      'input.txt:1',
      'input.txt:6',
    ]);
  });
});

/** The full official file (Apache-2.0), kept for the leaderboard tests in test/fixtures/arena-hard. */
const OFFICIAL = join(
  __dirname,
  '..',
  'fixtures',
  'arena-hard',
  'battles_official_judgments_2models.jsonl',
);

(existsSync(OFFICIAL) ? describe : describe.skip)(
  'arena-battles on the full official Arena-Hard battle file',
  () => {
    it('gives 2,658 verdicts with distinct keys and the published scores as win rate against gpt-4-0314', async () => {
      const items = await collect(
        parseArenaBattles(
          readSourceLines(OFFICIAL),
          { sourceName: 'battles_official_judgments_2models.jsonl' },
          {},
        ),
      );
      const all = verdicts(items);
      expect(all).toHaveLength(2658);
      expect(new Set(all.map((verdict) => verdict.idempotencyKey)).size).toBe(2658);
      const score = (model: string) => {
        const rows = all.filter((verdict) => verdict.modelB === model);
        return (
          (100 * rows.reduce((sum, verdict) => sum + (1 - scoreOfA(verdict.outcome!)), 0)) /
          rows.length
        );
      };
      expect(score('gpt-4-0613').toFixed(2)).toBe('37.90');
      expect(score('gpt-3.5-turbo-0125').toFixed(2)).toBe('23.34');
    });
  },
);

describe('arena-battles in batches', () => {
  it('hands a chunk of rows over as one batch, with the same items as one at a time', async () => {
    const parse = () =>
      parseArenaBattles(
        readSourceLines(fixture(HARD)),
        { sourceName: HARD },
        {},
      ) as Batched<ImportItem>;
    const batches: (readonly ImportItem[])[] = [];
    for await (const batch of parse().batches()) batches.push(batch);
    const items = await collect(parse());
    // The fixture is one chunk: every row comes in the same async step.
    expect(batches).toHaveLength(1);
    expect(items.length).toBeGreaterThan(1);
    expect(batches.flat()).toEqual(items);
  });
});
