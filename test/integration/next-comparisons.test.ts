import { spawn } from 'node:child_process';
import path from 'node:path';
import { CREATE_QUEUE, modelNames, storeAnswers } from '../support/review-fixtures';
import { recordAll } from '../support/record';
import { startTestServer, type TestServer } from '../support/test-server';
import { readAnswersVersion, readDataVersion } from '../../src/services/verdict-count-maintenance';

const NEXT = `query Next($input: NextComparisonsInput!) {
  nextComparisons(input: $input) {
    modelA { name } modelB { name } shownFirst kind reason
    prompt { externalId text }
    responseA { text model { name } } responseB { text model { name } }
  }
}`;

// model-00 … model-03 are measured (every pair judged on q0–q2 by judge-x); model-04 answered
// every prompt but has no verdict yet. judge-y judged model-00 vs model-01 on q3 only.
const MODELS = modelNames(5);
const MEASURED = MODELS.slice(0, 4);
const NEWCOMER = MODELS[4];
const PROMPTS = 6;
const MAIN = path.join(__dirname, '..', '..', 'dist', 'main.js');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await storeAnswers(server.database.db, MODELS, PROMPTS);
  const verdicts = [];
  for (let a = 0; a < MEASURED.length; a += 1)
    for (let b = a + 1; b < MEASURED.length; b += 1)
      for (let p = 0; p < 3; p += 1)
        verdicts.push({
          judge: 'judge-x',
          prompt: { externalId: `general-q${p}`, text: `Question ${p} of general?` },
          modelA: MEASURED[a],
          modelB: MEASURED[b],
          // The lower-numbered model wins two of three, so every model wins and loses.
          outcome: p < 2 ? 'A_BETTER' : 'B_BETTER',
          idempotencyKey: `x-${a}-${b}-${p}`,
        });
  verdicts.push({
    judge: 'judge-y',
    prompt: { externalId: 'general-q3', text: 'Question 3 of general?' },
    modelA: MEASURED[0],
    modelB: MEASURED[1],
    outcome: 'TIE',
    idempotencyKey: 'y-0-1-3',
  });
  await recordAll(server, verdicts);
});
afterAll(async () => {
  await server.close();
});

async function next(input: Record<string, unknown>) {
  const result = await server.graphql(NEXT, { input });
  expect(result.errors).toBeUndefined();
  return result.data.nextComparisons as {
    modelA: { name: string };
    modelB: { name: string };
    shownFirst: string;
    kind: string;
    reason: string;
    prompt: { externalId: string } | null;
    responseA: { text: string; model: { name: string } } | null;
    responseB: { text: string; model: { name: string } } | null;
  }[];
}

async function refusal(input: Record<string, unknown>) {
  const result = await server.graphql(NEXT, { input });
  expect(result.status).toBe(200);
  expect(result.data).toBeNull();
  return result.errors?.[0];
}

test('a model named in the slice with no verdicts gets placement matches against measured models, with both stored answers', async () => {
  const suggested = await next({ leaderboard: { models: MODELS }, count: 5, seed: 1 });
  expect(suggested).toHaveLength(5);
  for (const comparison of suggested) {
    expect([comparison.modelA.name, comparison.modelB.name]).toContain(NEWCOMER);
    expect(comparison.kind).toBe('PLACEMENT');
    expect(comparison.reason).toMatch(new RegExp(`^placement match \\d of 5 for ${NEWCOMER}`));
    expect(comparison.responseA?.model.name).toBe(comparison.modelA.name);
    expect(comparison.responseB?.model.name).toBe(comparison.modelB.name);
    const prompt = Number(comparison.prompt?.externalId.slice('general-q'.length));
    expect(comparison.responseA?.text).toBe(
      `${comparison.modelA.name} answers question ${prompt} of general.`,
    );
  }
  // The newcomer's opponents spread over the board rather than repeating one neighbour.
  const opponents = new Set(
    suggested.map((c) => (c.modelA.name === NEWCOMER ? c.modelB.name : c.modelA.name)),
  );
  expect(opponents.size).toBeGreaterThanOrEqual(3);
});

test('the same input gives the same answer, and another seed another draw', async () => {
  const input = { leaderboard: { models: MEASURED }, count: 12, seed: 7 };
  const first = await next(input);
  expect(first.every((c) => ['INFORMATION', 'EXPLORATION'].includes(c.kind))).toBe(true);
  expect(await next(input)).toEqual(first);
  expect(await next({ ...input, seed: 8 })).not.toEqual(first);
  const uniform = await next({ ...input, strategy: 'UNIFORM' });
  expect(uniform.map((c) => c.kind)).toEqual(Array(12).fill('UNIFORM'));
  expect(new Set(uniform.map((c) => c.shownFirst))).toEqual(new Set(['A', 'B']));
});

test('prompts both models answered and the slice has not judged on the pair come first, then any prompt of the slice', async () => {
  const pair = { models: MEASURED.slice(0, 2), judges: ['judge-x'] };
  const prompts = (list: Awaited<ReturnType<typeof next>>) =>
    list.map((c) => c.prompt?.externalId).sort();
  const fresh = await next({ leaderboard: pair, count: 3 });
  expect(prompts(fresh)).toEqual(['general-q3', 'general-q4', 'general-q5']);
  for (const c of fresh)
    expect(c.reason).toMatch(/a prompt both answered, not yet judged on this pair$/);
  // judge-y judged the pair on q3 only: for that judge q0–q2, q4 and q5 are fresh.
  const forY = await next({ leaderboard: { ...pair, judges: ['judge-y'] }, count: 5 });
  expect(prompts(forY)).toEqual([
    'general-q0',
    'general-q1',
    'general-q2',
    'general-q4',
    'general-q5',
  ]);
  const more = await next({ leaderboard: pair, count: 4 });
  expect(prompts(more.slice(0, 3))).toEqual(['general-q3', 'general-q4', 'general-q5']);
  expect(more[3].reason).toMatch(/so any prompt of the slice$/);
  expect(['general-q0', 'general-q1', 'general-q2']).toContain(more[3].prompt?.externalId);
});

test('unknown names, counts out of bounds, a TOP_K without k and a slice of one model are coded errors naming the field', async () => {
  const unknown = await refusal({ leaderboard: { models: ['model-99'] }, count: 1 });
  expect(unknown?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'input.leaderboard.models[0]',
  });
  expect(unknown?.message).toMatch(/closest known models: "model-0/);
  for (const count of [0, 1001]) {
    const bad = await refusal({ count });
    expect(bad?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.count' });
    expect(bad?.message).toBe(
      `input.count must be a whole number from 1 to 1000, but got ${count}.`,
    );
  }
  const topK = await refusal({ count: 1, objective: { target: 'TOP_K' } });
  expect(topK?.extensions).toMatchObject({ field: 'input.objective.k' });
  const tooBig = await refusal({ count: 1, objective: { target: 'TOP_K', k: 6 } });
  expect(tooBig?.extensions).toMatchObject({ field: 'input.objective.k' });
  const alone = await refusal({ leaderboard: { models: [NEWCOMER] }, count: 1 });
  expect(alone?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.leaderboard' });
  expect(alone?.message).toMatch(/at least two candidate models .* but it leaves 1\.$/);
});

test('without named models every model with a verdict or an answer in the slice is a candidate', async () => {
  const all = await next({ count: 30, seed: 3 });
  const seen = new Set(all.flatMap((c) => [c.modelA.name, c.modelB.name]));
  expect(seen).toEqual(new Set(MODELS));
});

test('nested models, prompts and answers are loaded in batches: 15 suggestions cost the statements of 1', async () => {
  const statements = async (count: number) => {
    const before = server.database.statementCount();
    expect(
      await next({ leaderboard: { models: MEASURED }, count, strategy: 'UNIFORM' }),
    ).toHaveLength(count);
    return server.database.statementCount() - before;
  };
  const one = await statements(1);
  // 15 of the 18 fresh (prompt, pair) comparisons, so no fallback to the slice's prompts.
  expect(await statements(15)).toBe(one);
});

test('an ADAPTIVE review queue is planned by nextComparisons: distinct stored comparisons, the newcomer placed', async () => {
  const result = await server.graphql(CREATE_QUEUE, {
    input: { name: 'adaptive', items: 8, strategy: 'ADAPTIVE', slice: { models: MODELS } },
  });
  expect(result.errors).toBeUndefined();
  expect(result.data.createReviewQueue.userErrors).toEqual([]);
  expect(result.data.createReviewQueue.queue).toMatchObject({
    strategy: 'ADAPTIVE',
    progress: { items: 8 },
  });
  const tooMany = await server.graphql(CREATE_QUEUE, {
    input: { name: 'adaptive-2', items: 61, strategy: 'ADAPTIVE', slice: { models: MODELS } },
  });
  // 10 pairs × 6 prompts.
  expect(tooMany.data.createReviewQueue.userErrors).toEqual([
    expect.objectContaining({
      code: 'NOT_ENOUGH_COMPARISONS',
      message: expect.stringMatching(/holds 60 distinct/),
    }),
  ]);
});

test('verdicts next prints the suggestions of the API, as lines or as its JSON, and fails with the API’s coded error', async () => {
  const run = (args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [MAIN, 'next', '--url', server.url, ...args], {
        env: { ...process.env, VERDICTS_API_KEY: '' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  const args = ['--count', '3', '--models', MODELS.join(','), '--seed', '1'];
  const [text, json, bad] = await Promise.all([
    run(args),
    run([...args, '--json']),
    run(['--count', '0']),
  ]);
  expect(text.stderr).toBe('');
  expect(text.status).toBe(0);
  const lines = text.stdout.trim().split('\n');
  expect(lines).toHaveLength(3);
  const expected = await next({ leaderboard: { models: MODELS }, count: 3, seed: 1 });
  expected.forEach((c, i) =>
    expect(lines[i]).toBe(
      `${i + 1}. ${c.modelA.name} vs ${c.modelB.name} on prompt ${c.prompt?.externalId} (both answers stored; show ${c.shownFirst === 'A' ? c.modelA.name : c.modelB.name} first): ${c.reason}.`,
    ),
  );
  const parsed = JSON.parse(json.stdout);
  expect(parsed.map((c: { reason: string }) => c.reason)).toEqual(expected.map((c) => c.reason));
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(
    /input\.count must be a whole number from 1 to 1000, but got 0\. \(BAD_USER_INPUT\)/,
  );
});

test('a verdict between stored answers keeps the answers cached; one that brings answers is seen by the next call', async () => {
  const db = server.database.db;
  // judge-x never judged the newcomer: every prompt both answered is fresh for this pair.
  const pair = { models: [MEASURED[2], NEWCOMER], judges: ['judge-x'] };
  const prompts = (list: Awaited<ReturnType<typeof next>>) =>
    list.map((c) => c.prompt?.externalId).sort();
  const six = ['general-q0', 'general-q1', 'general-q2', 'general-q3', 'general-q4', 'general-q5'];
  expect(prompts(await next({ leaderboard: pair, count: 6 }))).toEqual(six);

  const answersVersion = await readAnswersVersion(db);
  const dataVersion = await readDataVersion(db);
  const judgedBy = (key: string, extra: Record<string, unknown>) => ({
    judge: 'judge-z',
    modelA: MEASURED[2],
    modelB: NEWCOMER,
    outcome: 'A_BETTER',
    idempotencyKey: key,
    ...extra,
  });
  await recordAll(server, [
    judgedBy('z-kept', { prompt: { externalId: 'general-q0', text: 'Question 0 of general?' } }),
  ]);
  expect(await readDataVersion(db)).toBeGreaterThan(dataVersion);
  expect(await readAnswersVersion(db)).toBe(answersVersion);

  await recordAll(server, [
    judgedBy('z-new', {
      prompt: { externalId: 'general-q9', text: 'Question 9 of general?', category: 'general' },
      responseA: 'A new answer to question 9.',
      responseB: 'The newcomer answers question 9.',
    }),
  ]);
  expect(await readAnswersVersion(db)).toBeGreaterThan(answersVersion);
  const after = await next({ leaderboard: pair, count: 7 });
  expect(prompts(after)).toEqual([...six, 'general-q9']);
  const nine = after.find((c) => c.prompt?.externalId === 'general-q9');
  expect([nine?.responseA?.text, nine?.responseB?.text].sort()).toEqual([
    'A new answer to question 9.',
    'The newcomer answers question 9.',
  ]);
});
