/**
 * The Vote view in headless Chromium: a reviewer votes by keyboard on blind answers, sees the
 * models revealed, moves on, and a leaderboard open in another tab moves with the vote, live.
 */
import { createApiKey } from '../../src/services/api-keys';
import { modelNames, storeAnswers } from '../support/review-fixtures';
import { openDashboard, SCREENSHOTS, viewReady, type Dashboard } from '../support/browser';
import type { TestServer } from '../support/test-server';
import { eventually } from '../support/demo-dashboard';

jest.setTimeout(120_000);

const MODELS = modelNames(3);
let dashboard: Dashboard;
let server: TestServer;
let origin: string;

beforeAll(async () => {
  ({ server, origin } = dashboard = await openDashboard());
  await storeAnswers(server.database.db, MODELS, 4);
  // A board to watch: every model wins and loses twice against the others.
  const verdicts = [
    [0, 1],
    [1, 2],
    [2, 0],
    [1, 0],
    [2, 1],
    [0, 2],
  ].map(([winner, loser], i) => ({
    judge: 'seed-annotator',
    judgeKind: 'HUMAN',
    prompt: { externalId: `general-q${i % 4}` },
    modelA: MODELS[winner],
    modelB: MODELS[loser],
    outcome: 'A_BETTER',
  }));
  const seeded = await server.graphql(
    'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }',
    { input: { verdicts } },
  );
  expect(seeded.data.recordVerdicts.accepted).toBe(6);
  const created = await server.graphql(
    `mutation { createReviewQueue(input: { name: "browser", items: 6, reviewsPerItem: 1 }) { userErrors { code } } }`,
  );
  expect(created.data.createReviewQueue.userErrors).toEqual([]);
}, 240_000);

afterAll(() => dashboard?.close());

/**
 * Wins + losses + ties over the leaderboard table (columns rank, model, rating, interval, W, L,
 * T, battles): twice the verdicts it rates. A script, as the page evaluates it.
 */
const TABLE_BATTLES = `Array.from(document.querySelectorAll('table.leaderboard tbody tr'), (row) =>
  [4, 5, 6].reduce((sum, column) => sum + Number(row.children[column]?.textContent?.trim()), 0)
).reduce((total, battles) => total + battles, 0)`;

async function apiBattles(): Promise<number> {
  const board = await server.graphql(
    `{ leaderboard(input: { judgeKinds: [HUMAN] }) { entries { wins losses ties } } }`,
  );
  return (
    board.data.leaderboard.entries as { wins: number; losses: number; ties: number }[]
  ).reduce((total, entry) => total + entry.wins + entry.losses + entry.ties, 0);
}

test('a keyboard vote on blind answers reveals the models, and the leaderboard moves live', async () => {
  const board = dashboard.page;
  await board.goto(`${origin}/?kind=HUMAN`);
  await viewReady(board);
  expect(await board.evaluate<number>(TABLE_BATTLES)).toBe(12);

  const vote = await dashboard.browser.context.newPage();
  await vote.goto(`${origin}/vote?queue=browser`);
  await vote.fill('input[name="reviewerName"]', 'browser-reviewer');
  await vote.click('button[type="submit"]');
  await vote.waitForSelector('.comparison[data-stage="voting"]');
  // Blind: no model name anywhere on the page before the vote (the answers' texts name their
  // model, so only the headings and the reveal are checked).
  const headings = await vote.locator('.vote-answers h3').allTextContents();
  expect(headings).toEqual(['A', 'B']);
  expect(await vote.locator('.revealed-model').count()).toBe(0);
  const firstText = (await vote.locator('.vote-answers section').first().textContent()) ?? '';
  expect(await vote.textContent('.vote-keys')).toContain('Both are bad');
  await vote.screenshot({ path: `${SCREENSHOTS}/vote.png` });

  await vote.keyboard.press('2'); // A is better
  await vote.waitForSelector('.comparison[data-stage="revealed"]');
  const revealed = await vote.locator('.revealed-model').allTextContents();
  expect(revealed).toHaveLength(2);
  // The answer shown as A is the revealed model's own (the fixture's texts start with the name).
  expect(firstText).toContain(`${revealed[0]} answers question`);

  const stored = await server.graphql(
    `{ verdicts(filter: { judges: ["human:browser-reviewer"] }) { edges { node { outcome shownFirst modelA { name } modelB { name } } } } }`,
  );
  const [verdict] = stored.data.verdicts.edges.map((edge: { node: unknown }) => edge.node);
  const shownFirstModel = verdict.shownFirst === 'A' ? verdict.modelA.name : verdict.modelB.name;
  expect(shownFirstModel).toBe(revealed[0]);
  expect(verdict.outcome).toBe(verdict.shownFirst === 'A' ? 'A_BETTER' : 'B_BETTER');

  // The other tab's board catches up with the API without a reload.
  expect(await apiBattles()).toBe(14);
  // Polled through evaluate: waitForFunction with a string would eval in the page, which its CSP forbids.
  await eventually(async () => expect(await board.evaluate<number>(TABLE_BATTLES)).toBe(14));

  const firstItem = await vote.getAttribute('.comparison', 'data-item');
  await vote.keyboard.press('Enter');
  await vote.waitForSelector(`.comparison[data-stage="voting"]:not([data-item="${firstItem}"])`);
  await vote.waitForSelector('.vote-progress[data-votes="1"]');
  await vote.close();
});

test('on a phone the answers stack and nothing scrolls sideways', async () => {
  const phone = await dashboard.browser.context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(`${origin}/vote?queue=browser`);
  // sessionStorage is per tab: a new tab asks who votes again.
  await phone.fill('input[name="reviewerName"]', 'phone-reviewer');
  await phone.click('button[type="submit"]');
  await phone.waitForSelector('.comparison[data-stage="voting"]');
  const [a, b] = await phone.locator('.vote-answers section').all();
  const boxA = await a.boundingBox();
  const boxB = await b.boundingBox();
  expect(boxB?.y ?? 0).toBeGreaterThan((boxA?.y ?? 0) + (boxA?.height ?? 0) - 1);
  expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
    390,
  );
  // Touch votes work as well as keys.
  await phone.click('.vote-buttons button:has-text("Tie")');
  await phone.waitForSelector('.comparison[data-stage="revealed"]');
  await phone.screenshot({ path: `${SCREENSHOTS}/vote-phone.png`, fullPage: true });
  await phone.close();
});

test('no request left the origin and nothing went wrong in the console', () => {
  expect(dashboard.browser.requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
  expect(dashboard.browser.errors).toEqual([]);
});

describe('with API keys on', () => {
  let keyed: Dashboard;
  beforeAll(async () => {
    keyed = await openDashboard({ auth: true });
    await storeAnswers(keyed.server.database.db, MODELS, 2);
    const admin = await createApiKey(keyed.server.database.db, 'lead', 'admin');
    const created = await keyed.server.graphql(
      `mutation { createReviewQueue(input: { name: "keyed", items: 2, reviewsPerItem: 1 }) { userErrors { code } } }`,
      {},
      { authorization: `Bearer ${admin.key}` },
    );
    expect(created.data.createReviewQueue.userErrors).toEqual([]);
  }, 120_000);
  afterAll(() => keyed?.close());

  test('a read key is refused for voting, and a write key votes under its own name', async () => {
    const reader = await createApiKey(keyed.server.database.db, 'rita', 'read');
    const writer = await createApiKey(keyed.server.database.db, 'will', 'write');
    const origin = keyed.server.url.replace(/\/graphql$/, '');
    const { page } = keyed;
    await page.goto(`${origin}/vote?queue=keyed`);
    await page.fill('input[name="writeKey"]', reader.key);
    await page.click('button[type="submit"]');
    await page.waitForSelector('text=The server refused that key.');
    await page.fill('input[name="writeKey"]', writer.key);
    await page.click('button[type="submit"]');
    await page.waitForSelector('.comparison[data-stage="voting"]');
    await page.keyboard.press('x');
    await page.waitForSelector('.comparison[data-stage="revealed"]');
    const stored = await keyed.server.graphql(
      `{ verdicts(filter: { judges: ["human:will"] }) { edges { node { outcome judge { kind } } } } }`,
    );
    expect(stored.data.verdicts.edges).toEqual([
      { node: { outcome: 'BOTH_BAD', judge: { kind: 'HUMAN' } } },
    ]);
    expect(keyed.browser.errors.filter((error) => !/status of 40[13]/.test(error))).toEqual([]);
  });
});
