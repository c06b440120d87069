/**
 * intervalMethod PROFILE over HTTP (issue 21): profile-likelihood intervals on plain
 * Bradley–Terry boards, model-based by verdict and CR3-scaled by prompt, with baselines and
 * anchors, kept apart from other methods in the cache, and refused where they do not apply.
 */
import { createRandom } from '../../src/ratings';
import { recordAll } from '../support/record';
import { startTestServer, type TestServer } from '../support/test-server';

const JUDGE = 'profile-judge';
const MODELS = ['pf-0', 'pf-1', 'pf-2', 'pf-3', 'pf-4'];
const VERDICTS_PER_PROMPT = 3;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // Every prompt's verdicts agree (one draw per prompt): wholly correlated within a prompt, so
  // the prompt-level variance is about three times the verdict-level one.
  const random = createRandom(21);
  const rows: Record<string, unknown>[] = [];
  for (let prompt = 0; prompt < 120; prompt += 1) {
    const a = Math.floor(random.nextFloat() * MODELS.length);
    const b = (a + 1 + Math.floor(random.nextFloat() * (MODELS.length - 1))) % MODELS.length;
    const draw = random.nextFloat();
    const aWins = 1 / (1 + 10 ** ((b - a) / 8));
    const outcome = draw < 0.1 ? 'TIE' : draw < 0.1 + 0.9 * aWins ? 'A_BETTER' : 'B_BETTER';
    for (let copy = 0; copy < VERDICTS_PER_PROMPT; copy += 1)
      rows.push({
        judge: JUDGE,
        prompt: { externalId: `pf-${prompt}`, text: `Profile question ${prompt}` },
        modelA: MODELS[a],
        modelB: MODELS[b],
        outcome,
        idempotencyKey: `pf-${prompt}-${copy}`,
      });
  }
  await recordAll(server, rows);
});
afterAll(async () => {
  await server.close();
});

const BOARD = `query ($input: LeaderboardInput) {
  leaderboard(input: $input) {
    intervalMethod clusterBy bootstrapRounds intervalUnavailableReason
    entries {
      model { name } rating ciLower ciUpper
      winRateVsBaseline winRateVsBaselineLower winRateVsBaselineUpper
    }
  }
}`;

interface Entry {
  model: { name: string };
  rating: number;
  ciLower: number;
  ciUpper: number;
  winRateVsBaseline: number | null;
  winRateVsBaselineLower: number | null;
  winRateVsBaselineUpper: number | null;
}

async function board(input: Record<string, unknown>) {
  const result = await server.graphql(BOARD, { input: { judges: [JUDGE], ...input } });
  expect(result.errors).toBeUndefined();
  return result.data.leaderboard as {
    intervalMethod: string;
    clusterBy: string;
    bootstrapRounds: number;
    intervalUnavailableReason: string | null;
    entries: Entry[];
  };
}

function byName(entries: Entry[]): Map<string, Entry> {
  return new Map(entries.map((entry) => [entry.model.name, entry]));
}

describe.each(['VERDICT', 'PROMPT'])('clusterBy %s', (clusterBy) => {
  test('every model gets a profile interval around its rating', async () => {
    const answer = await board({ intervalMethod: 'PROFILE', clusterBy });
    expect(answer).toMatchObject({
      intervalMethod: 'PROFILE',
      clusterBy,
      bootstrapRounds: 0,
      intervalUnavailableReason: null,
    });
    expect(answer.entries).toHaveLength(MODELS.length);
    for (const entry of answer.entries) {
      expect(entry.ciLower).toBeLessThan(entry.rating);
      expect(entry.ciUpper).toBeGreaterThan(entry.rating);
    }
  });

  test('the win rate against a baseline is the profile of the difference, as an anchor at the baseline gives it', async () => {
    const withBaseline = byName(
      (await board({ intervalMethod: 'PROFILE', clusterBy, baseline: 'pf-2' })).entries,
    );
    const anchored = byName(
      (
        await board({
          intervalMethod: 'PROFILE',
          clusterBy,
          anchor: { model: 'pf-2', rating: 1500 },
        })
      ).entries,
    );
    expect(anchored.get('pf-2')).toMatchObject({ rating: 1500, ciLower: 1500, ciUpper: 1500 });
    expect(withBaseline.get('pf-2')).toMatchObject({
      winRateVsBaseline: 50,
      winRateVsBaselineLower: 50,
      winRateVsBaselineUpper: 50,
    });
    const eloOf = (percent: number) => 400 * Math.log10(percent / (100 - percent));
    for (const name of MODELS.filter((model) => model !== 'pf-2')) {
      const entry = withBaseline.get(name) as Entry;
      const other = anchored.get(name) as Entry;
      expect(entry.winRateVsBaselineLower).toBeLessThan(entry.winRateVsBaseline as number);
      expect(entry.winRateVsBaselineUpper).toBeGreaterThan(entry.winRateVsBaseline as number);
      // Two computations in two gauges; the endpoints are found to 0.02 Elo points.
      expect(
        Math.abs(eloOf(entry.winRateVsBaselineLower as number) - (other.ciLower - 1500)),
      ).toBeLessThan(0.05);
      expect(
        Math.abs(eloOf(entry.winRateVsBaselineUpper as number) - (other.ciUpper - 1500)),
      ).toBeLessThan(0.05);
    }
  });
});

test('by prompt, correlated verdicts widen the profile intervals over the model-based ones', async () => {
  const byVerdict = byName((await board({ intervalMethod: 'PROFILE' })).entries);
  const byPrompt = byName(
    (await board({ intervalMethod: 'PROFILE', clusterBy: 'PROMPT' })).entries,
  );
  for (const name of MODELS) {
    const verdict = byVerdict.get(name) as Entry;
    const prompt = byPrompt.get(name) as Entry;
    expect(prompt.rating).toBeCloseTo(verdict.rating, 6);
    // Three identical verdicts per prompt: about √3 times as wide; 1.3 leaves room for the
    // CR3 correction and the skew.
    expect(prompt.ciUpper - prompt.ciLower).toBeGreaterThan(
      1.3 * (verdict.ciUpper - verdict.ciLower),
    );
  }
});

test('swapPolicy MERGE takes PROFILE too', async () => {
  const answer = await board({ intervalMethod: 'PROFILE', swapPolicy: 'MERGE' });
  expect(answer.intervalMethod).toBe('PROFILE');
  expect(answer.entries.every((entry) => entry.ciLower < entry.rating)).toBe(true);
});

test('the cache keeps a PROFILE board apart from a SANDWICH board of the same slice', async () => {
  const profile = await board({ intervalMethod: 'PROFILE' });
  const sandwich = await board({ intervalMethod: 'SANDWICH' });
  const again = await board({ intervalMethod: 'PROFILE' });
  expect(sandwich.intervalMethod).toBe('SANDWICH');
  expect(again).toEqual(profile);
  expect(sandwich.entries.map((entry) => entry.ciLower)).not.toEqual(
    profile.entries.map((entry) => entry.ciLower),
  );
});

// An executed operation answers 200 with its coded errors (graphql/guards/http-status.ts).
describe('PROFILE is refused where it does not apply, with what does', () => {
  test.each([
    [
      { method: 'ELO' },
      'online Elo, which gives no interval at all (its ratings depend on the order of the verdicts); use method BRADLEY_TERRY for intervals',
    ],
    [{ styleControl: true }, 'style control; use BOOTSTRAP or SANDWICH'],
  ])('%j', async (input, asked) => {
    const result = await server.graphql(BOARD, {
      input: { judges: [JUDGE], intervalMethod: 'PROFILE', ...input },
    });
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([
      {
        message: `intervalMethod PROFILE applies to plain Bradley–Terry (clusterBy VERDICT or PROMPT, any swapPolicy), but this request asks for ${asked}.`,
        path: ['leaderboard'],
        extensions: { code: 'BAD_USER_INPUT', field: 'input.intervalMethod' },
      },
    ]);
  });

  test('Query.comparison', async () => {
    const result = await server.graphql(
      `query ($input: ComparisonInput!) { comparison(input: $input) { decision } }`,
      {
        input: {
          modelA: 'pf-4',
          modelB: 'pf-0',
          leaderboard: { judges: [JUDGE], intervalMethod: 'PROFILE' },
        },
      },
    );
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([
      {
        message:
          'a comparison takes leaderboard.intervalMethod SANDWICH (CR3 by prompt) or BOOTSTRAP, whose joint uncertainty gives the difference its interval; PROFILE intervals are per rating only.',
        path: ['comparison'],
        extensions: { code: 'BAD_USER_INPUT', field: 'input.leaderboard.intervalMethod' },
      },
    ]);
  });
});
