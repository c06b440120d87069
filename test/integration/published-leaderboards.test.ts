/**
 * The leaderboard reproduces published numbers when the published data go in through the API:
 * LLMFAO (CC BY 4.0, demo/llmfao), Arena-Hard-Auto v0.1 (Apache-2.0,
 * test/fixtures/arena-hard) and AlpacaEval 2 (non-commercial: read from ../shared only).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { spearmanCorrelation } from '../../src/ratings';
import {
  readComparisons,
  readGoldenScores,
  readPublishedScores,
  type Judge,
} from '../ratings/llmfao-fixture';
import { recordAll } from '../support/record';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const LLMFAO_JUDGES: Record<Judge, string> = {
  crowd: 'crowd',
  gpt4: 'gpt-4',
  gpt3: 'gpt-3.5-turbo-instruct',
};
const WINNER_TO_OUTCOME = { left: 'A_BETTER', right: 'B_BETTER', tie: 'TIE' } as const;

const BOARD = `query ($input: LeaderboardInput) {
  leaderboard(input: $input) {
    verdictCount modelCount mleExists intervalMethod
    entries { rank model { name } rating ciLower ciUpper winRateVsBaseline winRateVsBaselineLower winRateVsBaselineUpper battles }
  }
}`;

async function board(input: Record<string, unknown>) {
  const result = await server.graphql(BOARD, { input });
  expect(result.errors).toBeUndefined();
  return result.data.leaderboard as {
    verdictCount: number;
    modelCount: number;
    mleExists: boolean;
    intervalMethod: string | null;
    entries: any[];
  };
}

function ratingsByName(entries: any[]): Map<string, number> {
  return new Map(entries.map((entry) => [entry.model.name, entry.rating]));
}

describe('LLMFAO', () => {
  beforeAll(async () => {
    const start = Date.UTC(2023, 8, 1);
    for (const judge of ['crowd', 'gpt4', 'gpt3'] as const) {
      // Crowd votes are by many annotators; the worker id is not in the fixture, so each vote is by the crowd.
      await recordAll(
        server,
        readComparisons(judge).map((vote, row) => ({
          judge: LLMFAO_JUDGES[judge],
          judgeKind: judge === 'crowd' ? 'HUMAN' : 'LLM',
          prompt: { externalId: `llmfao-pair-${row}` },
          modelA: vote.left,
          modelB: vote.right,
          outcome: WINNER_TO_OUTCOME[vote.winner],
          createdAt: new Date(start + row * 1000).toISOString(),
          idempotencyKey: `${judge}-${row}`,
        })),
      );
    }
  }, 120_000);

  test.each(['crowd', 'gpt3'] as const)(
    'Bradley–Terry as probabilities equals the published %s bt_score to 1e-5',
    async (judge) => {
      const { entries, verdictCount } = await board({
        judges: [LLMFAO_JUDGES[judge]],
        bootstrapRounds: 0,
      });
      expect(verdictCount).toBe(readComparisons(judge).length);
      const published = readPublishedScores(judge);
      const strengths = entries.map((entry) => 10 ** (entry.rating / 400));
      const total = strengths.reduce((sum, s) => sum + s, 0);
      expect(entries).toHaveLength(published.size);
      entries.forEach((entry, i) => {
        expect(Math.abs(strengths[i] / total - published.get(entry.model.name)!)).toBeLessThan(
          1e-5,
        );
      });
    },
  );

  test('the published gpt4 table stopped at 100 MM sweeps; the converged fit differs from it but ranks alike', async () => {
    const { entries } = await board({ judges: ['gpt-4'], bootstrapRounds: 0 });
    const published = readPublishedScores('gpt4');
    const strengths = entries.map((entry) => 10 ** (entry.rating / 400));
    const total = strengths.reduce((sum, s) => sum + s, 0);
    const gaps = entries.map((entry, i) =>
      Math.abs(strengths[i] / total - published.get(entry.model.name)!),
    );
    expect(Math.max(...gaps)).toBeGreaterThan(1e-3);
    const names = entries.map((entry) => entry.model.name);
    expect(
      spearmanCorrelation(
        strengths,
        names.map((name) => published.get(name)!),
      ),
    ).toBeGreaterThan(0.99);
  });

  test("online Elo in file order equals evalica's golden elo to 1e-6", async () => {
    const { entries } = await board({ method: 'ELO', judges: ['crowd'] });
    const golden = readGoldenScores('elo');
    expect(entries).toHaveLength(golden.size);
    for (const entry of entries)
      expect(Math.abs(entry.rating - golden.get(entry.model.name)!)).toBeLessThan(1e-6);
  });

  test.each([
    ['crowd', 'gpt-4', 0.7309],
    ['crowd', 'gpt-3.5-turbo-instruct', 0.7166],
    ['gpt-4', 'gpt-3.5-turbo-instruct', 0.7171],
  ])(
    'Spearman correlation of the %s and %s leaderboards is %d ± 0.002',
    async (first, second, published) => {
      const a = ratingsByName((await board({ judges: [first], bootstrapRounds: 0 })).entries);
      const b = ratingsByName((await board({ judges: [second], bootstrapRounds: 0 })).entries);
      const shared = [...a.keys()].filter((name) => b.has(name));
      expect(shared.length).toBeGreaterThan(50);
      expect(
        Math.abs(
          spearmanCorrelation(
            shared.map((n) => a.get(n)!),
            shared.map((n) => b.get(n)!),
          ) - published,
        ),
      ).toBeLessThan(0.002);
    },
  );

  test('the same input always gives the same output; another seed moves the intervals', async () => {
    const input = { judges: ['crowd'], bootstrapRounds: 50, seed: 7 };
    const first = await board(input);
    expect(first.intervalMethod).toBe('BOOTSTRAP');
    expect(await board(input)).toEqual(first);
    const other = await board({ ...input, seed: 8 });
    expect(other.entries.map((e) => e.rating)).toEqual(first.entries.map((e) => e.rating));
    expect(other.entries.map((e) => e.ciLower)).not.toEqual(first.entries.map((e) => e.ciLower));
    for (const entry of first.entries) expect(entry.ciLower).toBeLessThanOrEqual(entry.rating);
    for (const entry of first.entries) expect(entry.ciUpper).toBeGreaterThanOrEqual(entry.rating);
  });

  test("an anchor pins one model's rating and shifts the rest", async () => {
    const centred = ratingsByName((await board({ judges: ['crowd'], bootstrapRounds: 0 })).entries);
    const anchored = ratingsByName(
      (
        await board({
          judges: ['crowd'],
          bootstrapRounds: 0,
          anchor: { model: 'GPT 4', rating: 1500 },
        })
      ).entries,
    );
    expect(anchored.get('GPT 4')).toBeCloseTo(1500, 9);
    const shift = 1500 - centred.get('GPT 4')!;
    for (const [name, rating] of centred) expect(anchored.get(name)).toBeCloseTo(rating + shift, 6);
  });
});

describe('Arena-Hard-Auto v0.1', () => {
  const fixtures = path.join(__dirname, '..', 'fixtures', 'arena-hard');
  const published = new Map(
    readFileSync(path.join(fixtures, 'published_leaderboard_20240731.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','))
      .map(([model, score, lower, upper]) => [
        model,
        { score: Number(score), lower: Number(lower), upper: Number(upper) },
      ]),
  );

  beforeAll(async () => {
    const battles = readFileSync(
      path.join(fixtures, 'battles_official_judgments_2models.jsonl'),
      'utf8',
    )
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(battles).toHaveLength(2658);
    await recordAll(
      server,
      battles.map((battle, row) => ({
        judge: 'gpt-4-1106-preview',
        judgeKind: 'LLM',
        prompt: { externalId: `arena-hard-${battle.question_id}` },
        modelA: battle.model_a,
        modelB: battle.model_b,
        outcome: { model_a: 'A_BETTER', model_b: 'B_BETTER', tie: 'TIE' }[battle.winner as string],
        idempotencyKey: `battles-${row}`,
      })),
    );
  });

  test('win rate vs gpt-4-0314 and its 95% interval match the published scores', async () => {
    const { entries } = await board({
      judges: ['gpt-4-1106-preview'],
      baseline: 'gpt-4-0314',
      anchor: { model: 'gpt-4-0314', rating: 1000 },
    });
    for (const model of ['gpt-4-0613', 'gpt-3.5-turbo-0125']) {
      const entry = entries.find((e) => e.model.name === model)!;
      const expected = published.get(model)!;
      expect(Math.abs(entry.winRateVsBaseline - expected.score)).toBeLessThan(0.01);
      // The published interval came from 100 unseeded bootstrap rounds: agree within a point.
      expect(Math.abs(entry.winRateVsBaselineLower - expected.lower)).toBeLessThan(1);
      expect(Math.abs(entry.winRateVsBaselineUpper - expected.upper)).toBeLessThan(1);
    }
    const baseline = entries.find((e) => e.model.name === 'gpt-4-0314')!;
    expect(baseline.rating).toBeCloseTo(1000, 9);
    expect(baseline.winRateVsBaseline).toBeCloseTo(50, 9);
  });
});

const ALPACA_EVAL = path.join(__dirname, '..', '..', '..', 'shared', 'data', 'alpaca_eval');
// AlpacaEval's data is CC BY-NC: it is read from the shared data folder when present, never shipped.
const describeWithAlpacaEval = existsSync(path.join(ALPACA_EVAL, 'preferences.csv.gz'))
  ? describe
  : describe.skip;

describeWithAlpacaEval('AlpacaEval 2 (weighted_alpaca_eval_gpt4_turbo, soft preferences)', () => {
  const annotator = 'weighted_alpaca_eval_gpt4_turbo';
  const rows = gunzipSync(readFileSync(path.join(ALPACA_EVAL, 'preferences.csv.gz')))
    .toString('utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    // The baseline's own row (itself vs itself, 50%) is not a comparison.
    .filter(
      ([dir, rowAnnotator, , baseline, model, preference]) =>
        dir === annotator && rowAnnotator === annotator && preference !== '' && model !== baseline,
    );
  const publishedWinRate = new Map(
    readFileSync(path.join(ALPACA_EVAL, 'leaderboards', `${annotator}_leaderboard.csv`), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','))
      .map(([model, winRate]) => [model, Number(winRate)]),
  );

  beforeAll(async () => {
    await recordAll(
      server,
      rows.map(([, , idx, baseline, model, preference]) => {
        // AlpacaEval's preference is 1 + P(model better), with a legacy 0 meaning a draw.
        const modelBetter = Number(preference) === 0 ? 0.5 : Number(preference) - 1;
        return {
          judge: annotator,
          judgeKind: 'LLM',
          prompt: { externalId: `alpaca-eval-${idx}` },
          modelA: baseline,
          modelB: model,
          preferenceA: 1 - modelBetter,
          idempotencyKey: `${model}-${idx}`,
        };
      }),
    );
  }, 180_000);

  test('win rate vs gpt4_1106_preview equals the published win_rate to 0.01 for every model present', async () => {
    const { entries } = await board({
      judges: [annotator],
      baseline: 'gpt4_1106_preview',
      bootstrapRounds: 0,
    });
    // Two annotated models (`example`, `text_davinci_003`) have no published row.
    const models = entries.filter(
      (e) => publishedWinRate.has(e.model.name) && e.model.name !== 'gpt4_1106_preview',
    );
    expect(models.length).toBeGreaterThanOrEqual(55);
    for (const entry of models) {
      expect(
        Math.abs(entry.winRateVsBaseline - publishedWinRate.get(entry.model.name)!),
      ).toBeLessThan(0.01);
    }
    expect(entries.find((e) => e.model.name === 'claude-2')!.winRateVsBaseline).toBeCloseTo(
      17.19,
      2,
    );
  });
});
