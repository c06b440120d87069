import { readFileSync } from 'node:fs';
import { parseArenaHardJudgments } from '../../src/ingest/arena-hard-judgment';
import { fixture, kindCounts, parseBytes, parseFile, problems, verdicts } from './ingest-helpers';

const V01 = 'arena-hard-v0.1-judgment.jsonl';
const V20 = 'arena-hard-v2.0-judgment.jsonl';

describe('arena-hard judgments, v0.1', () => {
  it('gives one verdict per game: game 1 is baseline vs model, game 2 is swapped', async () => {
    const [game1, game2] = verdicts(
      await parseFile(parseArenaHardJudgments, V01, {}, 'student-7b.jsonl'),
    );
    expect(game1).toMatchObject({
      judge: 'gpt-4-1106-preview',
      judgeKind: 'LLM',
      modelA: 'gpt-4-0314',
      modelB: 'student-7b',
      outcome: 'A>>B',
      shownFirst: 'A',
      prompt: { externalId: 'f7c6dcee42e646abac890e3bb540d403' },
      idempotencyKey:
        'arena-hard:gpt-4-1106-preview:f7c6dcee42e646abac890e3bb540d403:student-7b:gpt-4-0314:game1',
      provenance: 'import:student-7b.jsonl',
    });
    // Score null: the label is read from the judgment, as the judge saw it (A = the model).
    expect(game2).toMatchObject({
      modelA: 'student-7b',
      modelB: 'gpt-4-0314',
      outcome: 'B>A',
      judgment: expect.stringContaining('[[B>A]]'),
    });
    expect(game2.idempotencyKey).toMatch(/:game2$/);
  });

  it('recovers the question and both answers from the judge transcript', async () => {
    const [game1, game2] = verdicts(await parseFile(parseArenaHardJudgments, V01, {}));
    const transcript = readFileSync(fixture('judge-prompt-transcript.txt'), 'utf8');
    expect(game1.prompt.text).toBe(
      'In what order should I learn Deep Learning from the foundations such as matrices and vectors all the way to transformers?',
    );
    expect(game1.responseA).toMatch(/^To learn Deep Learning from the foundations/);
    expect(game1.responseA).toMatch(/gain hands-on experience\.$/);
    expect(game1.responseB).toMatch(/^Learning deep learning requires a structured approach\./);
    expect(game1.responseB).toMatch(/- \*\*Regularly$/);
    expect(transcript).toContain(game1.responseA!);
    // In game 2 the same two answers sit in swapped positions.
    expect(game2.responseA).toBe(game1.responseB);
    expect(game2.responseB).toBe(game1.responseA);
    expect(game2.prompt.text).toBe(game1.prompt.text);
  });

  it('reports unknown scores, missing or ambiguous labels, malformed lines and rows without a model, and goes on', async () => {
    const items = await parseFile(parseArenaHardJudgments, V01, {});
    expect(problems(items)).toEqual([
      {
        line: 2,
        reason: 'game 1: unknown score "A>>>B"; expected one of A>>B, A>B, A=B, B>A, B>>A.',
      },
      {
        line: 2,
        reason: 'game 2: score is null and the judgment holds no verdict label like [[A>B]].',
      },
      { line: 3, reason: 'invalid JSON: unexpected end of JSON input.' },
      {
        line: 4,
        reason: 'game 1: score is null and the judgment holds several different labels (A>B, B>A).',
      },
      { line: 5, reason: 'expected model to name the judged model, but got nothing.' },
    ]);
    expect(kindCounts(items)).toEqual({ verdict: 3, error: 5 });
    expect(verdicts(items)[2]).toMatchObject({
      prompt: { externalId: 'q-invented-0003', text: null },
      outcome: 'A=B',
      responseA: null,
    });
  });

  it('takes the baseline of v0.1 rows from an option', async () => {
    const [game1] = verdicts(
      await parseFile(parseArenaHardJudgments, V01, {
        baseline: 'gpt-4-turbo-2024-04-09',
        judgeVersion: 'arena-hard-v0.1',
      }),
    );
    expect(game1).toMatchObject({
      modelA: 'gpt-4-turbo-2024-04-09',
      judgeVersion: 'arena-hard-v0.1',
    });
  });
});

describe('arena-hard judgments, v2.0', () => {
  it('skips null games, reads the baseline and category from the row and the transcript from the prompt messages', async () => {
    const items = await parseFile(parseArenaHardJudgments, V20, {});
    expect(problems(items, 'skipped')).toEqual([
      { line: 1, reason: 'game 1 is null (the judge call failed).' },
    ]);
    const [haiku, heap1, heap2] = verdicts(items);
    expect(haiku).toMatchObject({
      judge: 'gemini-2.5',
      modelA: 'student-7b',
      modelB: 'gemini-2.0-flash-001',
      outcome: 'B>A',
      judgment: 'Comparing both answers.\n\nMy final verdict is [[B>A]]',
      prompt: {
        externalId: 'a1b2c3d4e5f60718',
        category: 'creative_writing',
        text: 'Write a haiku about rain on a tin roof.',
      },
      responseA: 'Rain taps the tin roof\na thousand tiny fingers\nasking to come in',
      responseB: 'Tin roof drums softly\nsilver threads of evening rain\nthe kettle answers',
      idempotencyKey:
        'arena-hard:gemini-2.5:a1b2c3d4e5f60718:student-7b:gemini-2.0-flash-001:game2',
    });
    // "A<B" is the mirrored spelling of B>A; a null score falls back to the judgment's label.
    expect(heap1).toMatchObject({
      modelA: 'o3-mini-2025-01-31',
      modelB: 'student-7b',
      outcome: 'B>A',
    });
    expect(heap2).toMatchObject({
      modelA: 'student-7b',
      modelB: 'o3-mini-2025-01-31',
      outcome: 'A>>B',
    });
  });

  it('refuses a row whose model is its own baseline', async () => {
    const items = await parseFile(parseArenaHardJudgments, V20, {});
    expect(problems(items)).toEqual([
      {
        line: 3,
        reason:
          'the judged model and the baseline are the same model ("o3-mini-2025-01-31"); a verdict compares two different models.',
      },
    ]);
  });

  it('gives the same keys when the same file is parsed twice, and distinct keys within it', async () => {
    const keys = async () =>
      verdicts(await parseFile(parseArenaHardJudgments, V20, {})).map(
        (verdict) => verdict.idempotencyKey,
      );
    const first = await keys();
    expect(await keys()).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });

  it('reads a game that is not an object as an error', async () => {
    const items = await parseBytes(
      parseArenaHardJudgments,
      '{"uid": "u1", "model": "m", "judge": "j", "baseline": "b", "games": ["A>B"]}\n',
      {},
    );
    expect(problems(items)).toEqual([
      { line: 1, reason: 'game 1: expected an object, but got "A>B".' },
    ]);
  });
});
