import { readFileSync } from 'node:fs';
import { parseAlpacaEval } from '../../src/ingest/alpaca-eval';
import { fixture, kindCounts, parseBytes, parseFile, problems, verdicts } from './ingest-helpers';

const FILE = 'alpaca-eval-annotations.json';

describe('alpaca-eval annotations', () => {
  it('maps preferences 1, 2, 1.5 and 0 to labels with preferenceA, generator_1 being model A', async () => {
    const [first, second, draw, , legacyDraw] = verdicts(
      await parseFile(parseAlpacaEval, FILE, {}, 'annotations.json'),
    );
    expect(first).toMatchObject({
      judge: 'weighted_alpaca_eval_gpt4_turbo',
      judgeKind: 'LLM',
      modelA: 'gpt4_1106_preview',
      modelB: 'tiny-chat-1b',
      outcome: 'A>B',
      preferenceA: 1,
      shownFirst: null,
      prompt: {
        externalId: null,
        text: 'Name three colours of a rainbow.',
        tags: ['dataset:helpful_base'],
      },
      responseA: 'Red, orange and violet.',
      responseB: 'Blue.',
      provenance: 'import:annotations.json',
    });
    expect(second).toMatchObject({ outcome: 'B>A', preferenceA: 0 });
    expect(draw).toMatchObject({ outcome: 'A=B', preferenceA: 0.5 });
    expect(legacyDraw).toMatchObject({
      outcome: 'A=B',
      preferenceA: 0.5,
      prompt: { text: "Spell 'necessary'." },
    });
  });

  it('keeps a weighted preference as P(A better) = 2 − preference and leaves the label to the store', async () => {
    const weighted = verdicts(await parseFile(parseAlpacaEval, FILE, {}))[3];
    expect(weighted.outcome).toBeNull();
    expect(weighted.preferenceA).toBeCloseTo(0.2671676038, 12);
  });

  it("skips null and NaN preferences and reports ones outside AlpacaEval's range", async () => {
    const items = await parseFile(parseAlpacaEval, FILE, {});
    expect(kindCounts(items)).toEqual({ verdict: 5, skipped: 2, error: 1 });
    expect(problems(items, 'skipped').map((item) => item.reason)).toEqual([
      'preference is null: the annotator gave no valid annotation.',
      'preference is null: the annotator gave no valid annotation.',
    ]);
    expect(problems(items)).toEqual([
      {
        line: expect.any(Number),
        reason:
          'expected preference 1, 2, 1.5 (or 0 for a draw) or a value between 1 and 2, but got number 3.',
      },
    ]);
  });

  it("keys verdicts by annotator, models and instruction, so every model's annotations.json can be imported", async () => {
    const a = verdicts(await parseFile(parseAlpacaEval, FILE, {}, 'annotations.json'));
    const text = readFileSync(fixture(FILE), 'utf8').replace(/tiny-chat-1b/g, 'other-model');
    const b = verdicts(await parseBytes(parseAlpacaEval, text, {}, 'annotations.json'));
    expect(a[0].idempotencyKey).toMatch(
      /^alpaca-eval:weighted_alpaca_eval_gpt4_turbo:gpt4_1106_preview:tiny-chat-1b:[0-9a-f]{16}$/,
    );
    const keysA = new Set(a.map((verdict) => verdict.idempotencyKey));
    expect(keysA.size).toBe(a.length);
    expect(b.some((verdict) => keysA.has(verdict.idempotencyKey))).toBe(false);
    // Re-formatting the file (compact instead of pretty-printed) keeps the keys.
    const compact = JSON.stringify(
      JSON.parse(readFileSync(fixture(FILE), 'utf8').replace(/NaN/g, 'null')),
    );
    const c = verdicts(await parseBytes(parseAlpacaEval, compact, {}, 'annotations.json'));
    expect(c.map((verdict) => verdict.idempotencyKey)).toEqual(
      a.map((verdict) => verdict.idempotencyKey),
    );
  });

  it('keeps a repeated annotation distinct, and uses an instruction id when present', async () => {
    const row = {
      instruction: 'Hi',
      idx: 12,
      output_1: 'a',
      generator_1: 'm1',
      output_2: 'b',
      generator_2: 'm2',
      annotator: 'j',
      preference: 2,
    };
    const items = verdicts(await parseBytes(parseAlpacaEval, JSON.stringify([row, row]), {}));
    expect(items.map((verdict) => verdict.idempotencyKey)).toEqual([
      'alpaca-eval:j:m1:m2:12',
      'alpaca-eval:j:m1:m2:12:2',
    ]);
    expect(items[0].prompt).toEqual({ externalId: 'alpaca-eval:12', text: 'Hi', tags: [] });
  });

  it('reports rows without generators or annotator, and self-comparisons', async () => {
    const rows = [
      { instruction: 'x', generator_1: 'm1', annotator: 'j', preference: 1 },
      { instruction: 'x', generator_1: 'm1', generator_2: 'm1', annotator: 'j', preference: 1 },
      { instruction: 'x', generator_1: 'm1', generator_2: 'm2', preference: 1 },
    ];
    expect(
      problems(await parseBytes(parseAlpacaEval, JSON.stringify(rows, null, 2), {})).map(
        (item) => item.reason,
      ),
    ).toEqual([
      'expected generator_2 to name a model, but got nothing.',
      'generator_1 and generator_2 are the same model ("m1"); a verdict compares two different models.',
      'expected annotator to name the judge (or the judge option), but got nothing.',
    ]);
    const withJudge = verdicts(
      await parseBytes(parseAlpacaEval, JSON.stringify([rows[2]]), { judge: 'alpaca_eval_gpt4' }),
    );
    expect(withJudge[0].judge).toBe('alpaca_eval_gpt4');
  });
});
