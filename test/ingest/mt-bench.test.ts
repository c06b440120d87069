import { parseMtBench } from '../../src/ingest/mt-bench';
import { kindCounts, parseBytes, parseFile, problems, verdicts } from './ingest-helpers';

const PAIR = 'mt-bench-gpt-4_pair.jsonl';
const HUMAN = 'mt-bench-human-judgments.json';

describe('mt-bench, FastChat pairwise judgments', () => {
  it('gives two verdicts per row, with positions swapped in game 2', async () => {
    const [game1, game2] = verdicts(await parseFile(parseMtBench, PAIR, {}));
    expect(game1).toMatchObject({
      judge: 'gpt-4',
      judgeVersion: 'pair-v2',
      judgeKind: 'LLM',
      modelA: 'vicuna-13b-v1.3',
      modelB: 'alpaca-13b',
      outcome: 'A>B',
      shownFirst: 'A',
      judgment: 'Assistant A is vivid; B is terse. [[A]]',
      prompt: {
        externalId: 'mt-bench:81',
        text: 'Compose a two-line travel slogan for a quiet mountain village.',
        tags: ['turn:1'],
      },
      responseA: 'Slow mornings, tall pines:\nthe village keeps time for you.',
      responseB: 'Visit village. Mountains nice.',
      createdAt: new Date(1687221234500),
      idempotencyKey: 'mt-bench:gpt-4:pair-v2:81:vicuna-13b-v1.3:alpaca-13b:turn1:game1',
    });
    // g2_winner "model_1": model_1 (vicuna) won again, now shown as Assistant B.
    expect(game2).toMatchObject({
      modelA: 'alpaca-13b',
      modelB: 'vicuna-13b-v1.3',
      outcome: 'B>A',
      responseB: game1.responseA,
    });
    expect(game2.idempotencyKey).toMatch(/:game2$/);
  });

  it('skips an error game, keeps the tie of the other, and gives a second turn its own prompt', async () => {
    const items = await parseFile(parseMtBench, PAIR, {});
    expect(problems(items, 'skipped')).toEqual([
      { line: 2, reason: 'game 2: the judge gave no verdict (winner "error").' },
    ]);
    const secondTurn = verdicts(items)[2];
    expect(secondTurn).toMatchObject({
      judgeVersion: 'pair-v2-multi-turn',
      outcome: 'A=B',
      prompt: { externalId: 'mt-bench:82:turn2', text: null, tags: ['turn:2'] },
      responseA: null,
    });
  });

  it('reports unknown winners and self-comparisons, and keeps the valid game of a row', async () => {
    const items = await parseFile(parseMtBench, PAIR, {});
    expect(problems(items)).toEqual([
      {
        line: 3,
        reason: 'game 1: unknown winner "model_3"; expected one of model_1, model_2, tie, error.',
      },
      {
        line: 4,
        reason:
          'model_1 and model_2 are the same model ("alpaca-13b"); a verdict compares two different models.',
      },
    ]);
    expect(kindCounts(items)).toEqual({ verdict: 4, skipped: 1, error: 2 });
    expect(verdicts(items)[3]).toMatchObject({
      prompt: { externalId: 'mt-bench:83' },
      modelA: 'alpaca-13b',
      outcome: 'A>B',
    });
  });

  it('uses another prompt id prefix when asked', async () => {
    const [first] = verdicts(await parseFile(parseMtBench, PAIR, { promptIdPrefix: 'mtb-ja:' }));
    expect(first.prompt.externalId).toBe('mtb-ja:81');
  });
});

describe('mt-bench, human judgments', () => {
  it('reads expert votes as human verdicts on the judged turn, keyed by position', async () => {
    const items = await parseFile(parseMtBench, HUMAN, {}, 'human_judgments.json');
    const [turn1, turn2, gpt4] = verdicts(items);
    expect(turn1).toMatchObject({
      judge: 'expert_0',
      judgeKind: 'HUMAN',
      judgeVersion: null,
      modelA: 'alpaca-13b',
      modelB: 'vicuna-13b-v1.3',
      outcome: 'B>A',
      prompt: {
        externalId: 'mt-bench:81',
        text: 'Compose a two-line travel slogan for a quiet mountain village.',
      },
      responseA: 'Visit village. Mountains nice.',
      idempotencyKey: 'human_judgments.json:2',
    });
    expect(turn2).toMatchObject({
      outcome: 'BOTH_BAD',
      prompt: { externalId: 'mt-bench:81:turn2', text: 'Now make it rhyme.', tags: ['turn:2'] },
      responseA: 'Village nice, mountains ice.',
      responseB: 'Pines and time, a gentle climb.',
    });
    expect(gpt4).toMatchObject({
      judge: 'gpt-4',
      judgeVersion: 'pair-v2',
      judgeKind: 'LLM',
      outcome: 'A=B',
    });
    expect(problems(items)).toEqual([
      {
        line: expect.any(Number),
        reason:
          'unknown winner "model_c"; expected one of model_a, model_b, tie, tie (bothbad), tie (inconsistent).',
      },
    ]);
  });

  it('reads the human layout from JSON lines too', async () => {
    const line =
      '{"question_id": 90, "model_a": "a", "model_b": "b", "winner": "tie", "judge": "author_1", "turn": 1}';
    const [verdict] = verdicts(
      await parseBytes(parseMtBench, `${line}\n${line}\n`, {}, 'votes.jsonl'),
    );
    expect(verdict).toMatchObject({
      judge: 'author_1',
      outcome: 'A=B',
      prompt: { externalId: 'mt-bench:90', text: null },
      idempotencyKey: 'votes.jsonl:1',
    });
  });

  it('reports a row without judge or with a bad turn', async () => {
    const text = [
      '{"question_id": 90, "model_a": "a", "model_b": "b", "winner": "tie", "turn": 1}',
      '{"question_id": 90, "model_a": "a", "model_b": "b", "winner": "tie", "judge": "x", "turn": 0}',
    ].join('\n');
    expect(problems(await parseBytes(parseMtBench, text, {}))).toEqual([
      {
        line: 1,
        reason: 'expected judge to be a name or [judge model, prompt name], but got nothing.',
      },
      { line: 2, reason: 'expected turn to be 1 or more, but got number 0.' },
    ]);
  });
});
