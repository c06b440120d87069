/**
 * Leaderboard fits run in worker threads (services/rating-workers.ts): the answers are the ones
 * this thread computes, and the server answers other requests while a fit runs (issue 19).
 */
import { createRandom, StyleRowsBuilder } from '../../src/ratings';
import { LeaderboardCache } from '../../src/services/leaderboard-cache';
import type { LeaderboardRequest } from '../../src/services/leaderboard-request';
import { IN_PROCESS_RATINGS, runRatingTask, type RatingTask } from '../../src/services/rating-task';
import { RatingWorkers } from '../../src/services/rating-workers';
import { recordAll } from '../support/record';
import { startTestServer, type TestServer } from '../support/test-server';

const JUDGE = 'rating-workers';
const MODELS = Array.from({ length: 24 }, (_, i) => `worker-model-${String(i).padStart(2, '0')}`);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // 24 models of spread strength, answers whose length the judge likes, and prompts that repeat
  // (four verdicts each), so that every rating path has work: plain, style, clustered.
  const random = createRandom(7);
  const answer = (model: number) =>
    'word '.repeat(30 + 5 * model + Math.floor(random.nextFloat() * 30)) +
    '\n- point'.repeat(model % 3);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < 2400; i += 1) {
    const a = Math.floor(random.nextFloat() * MODELS.length);
    const b = (a + 1 + Math.floor(random.nextFloat() * (MODELS.length - 1))) % MODELS.length;
    const aWins = random.nextFloat() < 1 / (1 + 10 ** ((b - a) / 20));
    rows.push({
      judge: JUDGE,
      prompt: { externalId: `rw-${i % 600}`, text: `Question ${i % 600}` },
      modelA: MODELS[a],
      modelB: MODELS[b],
      responseA: answer(a),
      responseB: answer(b),
      outcome: random.nextFloat() < 0.1 ? 'TIE' : aWins ? 'A_BETTER' : 'B_BETTER',
      idempotencyKey: `rw${i}`,
    });
  }
  await recordAll(server, rows);
});
afterAll(async () => {
  await server.close();
});

const filter = { judges: [JUDGE] };
const REQUESTS: [string, LeaderboardRequest][] = [
  ['a bootstrap with a baseline', { filter, bootstrapRounds: 50, baseline: MODELS[3] }],
  [
    'a sandwich with an anchor',
    { filter, intervalMethod: 'SANDWICH', anchor: { model: MODELS[0], rating: 1200 } },
  ],
  ['style control with a bootstrap', { filter, styleControl: true, bootstrapRounds: 20 }],
  ['style control with a sandwich', { filter, styleControl: true, intervalMethod: 'SANDWICH' }],
  ['prompts as clusters, bootstrap', { filter, clusterBy: 'PROMPT', bootstrapRounds: 30 }],
  ['prompts as clusters, sandwich', { filter, clusterBy: 'PROMPT', intervalMethod: 'SANDWICH' }],
  ['a ridge, no rounds', { filter, regularization: 0.5, bootstrapRounds: 0 }],
  ['a profile with a baseline', { filter, intervalMethod: 'PROFILE', baseline: MODELS[3] }],
  [
    'prompts as clusters, profile with an anchor',
    {
      filter,
      clusterBy: 'PROMPT',
      intervalMethod: 'PROFILE',
      anchor: { model: MODELS[0], rating: 1200 },
    },
  ],
];

test.each(REQUESTS)(
  '%s: the worker thread gives the same board as this thread',
  async (_, request) => {
    const workers = new RatingWorkers(1);
    try {
      const inWorker = await new LeaderboardCache(undefined, null, workers).get(
        server.database.db,
        request,
        1,
      );
      const here = await new LeaderboardCache(undefined, null, IN_PROCESS_RATINGS).get(
        server.database.db,
        request,
        1,
      );
      expect(inWorker.leaderboard.entries.length).toBe(MODELS.length);
      if (request.intervalMethod === 'PROFILE') {
        expect(inWorker.leaderboard.intervalMethod).toBe('PROFILE');
        expect(inWorker.leaderboard.entries.every((entry) => entry.ciLower !== null)).toBe(true);
      }
      expect(JSON.stringify(inWorker.leaderboard)).toBe(JSON.stringify(here.leaderboard));
      expect(inWorker.leaderboard.jointUncertainty()).toEqual(here.leaderboard.jointUncertainty());
    } finally {
      await workers.close();
    }
  },
);

const HEAVY_BOARD = `query ($input: LeaderboardInput) {
  leaderboard(input: $input) { bootstrapRounds entries { model { name } rating ciLower ciUpper } }
}`;

test('while a fit runs in the worker, the server answers /healthz and other queries', async () => {
  const heavy = server.graphql(HEAVY_BOARD, {
    input: { judges: [JUDGE], styleControl: true, bootstrapRounds: 1000, seed: 99 },
  });
  let heavyDone = false;
  void heavy.then(() => (heavyDone = true));
  // The condition, not a delay: the fit has reached the worker.
  while (server.server.ratingsInWorkers() === 0 && !heavyDone)
    await new Promise((resolve) => setImmediate(resolve));
  expect(heavyDone).toBe(false);

  const health = await fetch(server.url.replace(/\/graphql$/, '/healthz'));
  expect(health.status).toBe(200);
  const small = await server.graphql('{ judges { name } }');
  expect(small.errors).toBeUndefined();
  // Both answered while the fit was still running: on the server's own thread they would wait.
  expect(server.server.ratingsInWorkers()).toBe(1);
  expect(heavyDone).toBe(false);

  const answer = await heavy;
  expect(answer.errors).toBeUndefined();
  expect(answer.data.leaderboard.bootstrapRounds).toBe(1000);
});

function badTask(): Extract<RatingTask, { kind: 'plain' }> {
  return {
    kind: 'plain',
    cells: [],
    modelCount: -1,
    request: {
      method: 'BRADLEY_TERRY',
      filter: {},
      anchor: null,
      baseline: null,
      strongVerdictWeight: 1,
      bootstrapRounds: 0,
      seed: 0,
      confidenceLevel: 0.95,
      intervalMethod: 'BOOTSTRAP',
      regularization: 0,
      styleControl: false,
      swapPolicy: 'KEEP_BOTH',
      clusterBy: 'VERDICT',
    },
    fit: { anchor: null, regularization: 0, modelNames: [] },
    baseline: null,
  };
}

/** A style task over `rowCount` seeded rows of 6 models, built fresh (as StyleVerdicts.rows does). */
function styleTask(rowCount: number): Extract<RatingTask, { kind: 'style-controlled' }> {
  const random = createRandom(11);
  const builder = new StyleRowsBuilder(4, rowCount);
  const styleA = new Float64Array(4);
  const styleB = new Float64Array(4);
  for (let row = 0; row < rowCount; row += 1) {
    const a = row % 6;
    const b = (a + 1 + (row % 5)) % 6;
    for (let feature = 0; feature < 4; feature += 1) {
      styleA[feature] = Math.floor(random.nextFloat() * 400);
      styleB[feature] = Math.floor(random.nextFloat() * 400);
    }
    builder.append(a, b, random.nextFloat() < 0.3 + a / 10 ? 1 : 0, 1, 1, styleA, styleB);
  }
  const plain = badTask();
  return {
    ...plain,
    kind: 'style-controlled',
    rows: builder.rows(6),
    cells: [],
    request: { ...plain.request, styleControl: true, intervalMethod: 'SANDWICH' },
    fit: { ...plain.fit, modelNames: MODELS.slice(0, 6) },
  };
}

test('a style task hands its row arrays to the worker instead of a copy, with the same answer', async () => {
  const workers = new RatingWorkers(1);
  try {
    const task = styleTask(3000);
    const { rows } = task;
    const arrays = [
      rows.modelA,
      rows.modelB,
      rows.score,
      rows.count,
      rows.weight,
      rows.differences,
    ];
    const here = runRatingTask(styleTask(3000));
    const inWorker = await workers.run(task);
    // Transferred: this thread's views are detached, so nothing was copied.
    expect(arrays.map((array) => array.length)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(JSON.stringify(inWorker)).toBe(JSON.stringify(here));
    expect(inWorker.ratings).toHaveLength(6);
    // Sent again, its rows are gone: that task fails alone and the pool goes on.
    await expect(workers.run(task)).rejects.toThrow(
      "a style task's rows must hold 3000 rows (12000 style differences), but its arrays hold 0, 0, 0, 0, 0 and 0: they were handed to a worker already",
    );
    expect(workers.busy).toBe(0);
    await expect(workers.run(styleTask(300))).resolves.toMatchObject({ mleExists: true });
  } finally {
    await workers.close();
  }
});

test('a task that throws in the worker fails alone, with its own message, and the pool goes on', async () => {
  const workers = new RatingWorkers(1);
  try {
    await expect(workers.run(badTask())).rejects.toThrow(/modelCount.*non-negative integer.*-1/);
    const fine = { ...badTask(), modelCount: 0 };
    await expect(workers.run(fine)).resolves.toMatchObject({ ratings: [] });
    expect(workers.busy).toBe(0);
  } finally {
    await workers.close();
  }
});

test('closing the pool fails the tasks still waiting for a worker', async () => {
  const workers = new RatingWorkers(1);
  const running = workers.run({ ...badTask(), modelCount: 0 });
  const waiting = workers.run({ ...badTask(), modelCount: 0 });
  const settled = Promise.allSettled([running, waiting]);
  await workers.close();
  const [first, second] = await settled;
  expect(second).toMatchObject({
    status: 'rejected',
    reason: new Error('The rating workers closed.'),
  });
  // The running one was still booting its worker when the pool closed, so it fails too.
  expect(first).toMatchObject({
    status: 'rejected',
    reason: { message: expect.stringMatching(/rating worker failed/) },
  });
  await expect(workers.run(badTask())).rejects.toThrow('The rating workers are closed.');
});
