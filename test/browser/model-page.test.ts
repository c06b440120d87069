/**
 * The model page (/models/<name>, issue 23) in headless Chromium against a real server, on
 * whichever driver DATABASE_URL selects: reached from the leaderboard, its figures checked
 * against the API's own answers, an unknown name's message, and its screenshots.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { recordAll } from '../support/record';
import {
  openDashboard,
  SCREENSHOTS,
  viewReady,
  type Dashboard,
  type TestBrowser,
} from '../support/browser';
import { apiData, cellsOf } from '../support/page-cells';
import type { TestServer } from '../support/test-server';

jest.setTimeout(120_000);

let dashboard: Dashboard;
let server: TestServer;
let browser: TestBrowser;
let origin: string;
let page: Page;

const MODELS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
const STRENGTH = [1.2, 0.6, 0.2, -0.4, -1];
const START = Date.parse('2026-02-02T09:00:00Z');
const DAY = 86_400_000;
const CATEGORIES = ['math', 'code', 'writing'];

/**
 * 240 verdicts over ten days. The outcome follows the strengths through a fixed sequence (no
 * randomness), so each model wins and loses; answers differ in length and markdown by model.
 */
function seed() {
  return Array.from({ length: 240 }, (_, i) => {
    const a = i % 5;
    const b = (a + 1 + (i % 4)) % 5;
    const pA = 1 / (1 + Math.exp(STRENGTH[b] - STRENGTH[a]));
    const draw = ((i * 7919) % 100) / 100;
    const outcome = draw < pA - 0.05 ? 'A_BETTER' : draw < pA + 0.05 ? 'TIE' : 'B_BETTER';
    const prompt = i % 30;
    const answer = (model: number) =>
      `${model % 2 ? '## Answer\n' : ''}${'Some words. '.repeat(3 + 4 * model)}\n${'- point\n'.repeat(model)}${model > 2 ? '**bold**' : ''}`;
    return {
      // Two judges, so that the judges page has a pair whose rank moves name (and link) a model.
      judge: i % 3 === 0 ? 'second-panel' : 'panel',
      prompt: {
        externalId: `q${prompt}`,
        text: `Question ${prompt}`,
        category: CATEGORIES[prompt % 3],
      },
      modelA: MODELS[a],
      modelB: MODELS[b],
      responseA: answer(a),
      responseB: answer(b),
      outcome,
      idempotencyKey: `k${i}`,
      createdAt: new Date(START + Math.floor(i / 24) * DAY + (i % 24) * 60_000).toISOString(),
    };
  });
}

beforeAll(async () => {
  ({ server, browser, page, origin } = dashboard = await openDashboard());
  await recordAll(server, seed());
}, 240_000);

afterAll(() => dashboard?.close());

const api = <Data = any>(query: string, variables?: Record<string, unknown>) =>
  apiData<Data>(server, query, variables);

const cells = (rowSelector: string) => cellsOf(page, rowSelector);

const one = (value: number | null) => (value === null ? '–' : value.toFixed(1));
const span = (lower: number | null, upper: number | null) =>
  lower === null || upper === null ? '–' : `${lower.toFixed(1)} – ${upper.toFixed(1)}`;

test('a model name on the leaderboard opens its page', async () => {
  await page.goto(origin + '/');
  await viewReady(page);
  await page.click('table.leaderboard [data-model-link="gamma"]');
  await page.waitForURL(/\/models\/gamma$/);
  await viewReady(page);
  expect(await page.textContent('#view-title')).toBe('gamma');
});

test('the rating history shows the API’s cut-offs, ratings, intervals and ranks', async () => {
  await page.goto(origin + '/models/gamma');
  await viewReady(page);
  const { modelHistory } = await api(
    `{ modelHistory(input: { model: "gamma" }) { points { cutOff rating ciLower ciUpper rank ratedModels battles } } }`,
  );
  expect(modelHistory.points).toHaveLength(10);
  expect(await page.locator('.history-chart circle.point').count()).toBe(
    modelHistory.points.filter((point: { rating: number | null }) => point.rating !== null).length,
  );
  expect(await cells('table[data-history] tbody tr')).toEqual(
    modelHistory.points.map((point: any) => [
      point.cutOff.slice(0, 10),
      one(point.rating),
      span(point.ciLower, point.ciUpper),
      point.rank === null ? '–' : `${point.rank} of ${point.ratedModels}`,
      String(point.battles),
      expect.any(String),
    ]),
  );
  const latest = modelHistory.points.at(-1);
  expect(await page.textContent('[data-latest-rating]')).toBe(one(latest.rating));
  expect(await page.textContent('[data-latest-rank]')).toBe(String(latest.rank));
  expect(await page.textContent('.history-chart')).toMatch(/Rating \(Elo points\)/);
  expect(await page.textContent('.history-chart')).toMatch(/Cut-off \(UTC date\)/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'model-page.png'), fullPage: true });
});

test('opponents, categories, answer style and recent battles match the API', async () => {
  await page.goto(origin + '/models/gamma');
  await viewReady(page);
  const { leaderboard, modelProfile } = await api(`{
    leaderboard { winRates { modelA { name } modelB { name } predicted empirical battles } }
    modelProfile(model: "gamma", recentVerdicts: 20) {
      categories { category battles wins losses ties }
      answerStyle { meanTokenLength } fieldAnswerStyle { meanTokenLength }
      recentVerdicts { id }
    }
  }`);
  const opponents = leaderboard.winRates
    .filter((cell: any) => cell.modelA.name === 'gamma')
    .sort((x: any, y: any) => y.battles - x.battles || x.modelB.name.localeCompare(y.modelB.name));
  expect(await cells('table[data-opponents] tbody tr')).toEqual(
    opponents.map((cell: any) => [
      cell.modelB.name,
      String(cell.battles),
      cell.empirical === null ? '–' : `${cell.empirical.toFixed(1)}%`,
      `${cell.predicted.toFixed(1)}%`,
      '',
    ]),
  );
  const categoryRows = await cells('table[data-categories] tbody tr');
  expect(categoryRows.map((row) => row.slice(0, 5))).toEqual(
    modelProfile.categories.map((row: any) =>
      [row.category, row.battles, row.wins, row.losses, row.ties].map(String),
    ),
  );
  const [lengthRow] = await cells('table[data-answer-style] tbody tr');
  expect(lengthRow.slice(0, 3)).toEqual([
    'Answer length (tokens)',
    modelProfile.answerStyle.meanTokenLength.toFixed(0),
    modelProfile.fieldAnswerStyle.meanTokenLength.toFixed(0),
  ]);
  const shown = await page
    .locator('table[data-recent-battles] tbody tr[data-verdict]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-verdict')));
  expect(shown).toEqual(modelProfile.recentVerdicts.map((verdict: { id: string }) => verdict.id));
  await page.click('table[data-recent-battles] tbody tr[data-verdict] td a[href^="/battles/"]');
  await page.waitForURL(new RegExp(`/battles/${shown[0]}`));
});

test('an unknown name shows the coded message and links the closest names', async () => {
  await page.goto(origin + '/models/gamm');
  await page.waitForSelector('[data-unknown-model]');
  const text = await page.textContent('[data-unknown-model]');
  expect(text).toMatch(
    /(?:input\.)?model must name a known model, but "gamm" is none of the 5 stored/,
  );
  await page.click('[data-unknown-model] [data-model-link="gamma"]');
  await page.waitForURL(/\/models\/gamma$/);
  await viewReady(page);
});

test('screenshots at 1920 px and phone width, with nothing overflowing the phone', async () => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(origin + '/models/alpha');
  await viewReady(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'model-page-1920.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await viewReady(page);
  const overflow = await page.evaluate(
    '(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)()',
  );
  expect(overflow).toBe(0);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-model-page.png'), fullPage: true });
  // The chart is drawn at the phone's width, so its 11 px labels stay 11 px.
  const label = await page.locator('.history-chart [data-axis="left"]').first().boundingBox();
  expect(label?.height).toBeGreaterThanOrEqual(10);
  await page.setViewportSize({ width: 1280, height: 900 });
});

/** The pages other than the leaderboard that name models, each with the models it must link. */
const NAMING_PAGES: [string, number][] = [
  ['/matrices', MODELS.length],
  ['/head-to-head?a=alpha&b=beta', 2],
  ['/search?q=Question', 2],
  ['/judges', 1],
];

/** The search view has no `data-ready`: it is drawn when its first hit is. */
const drawn = (route: string) =>
  route.startsWith('/search') ? page.waitForSelector('.search-hit') : viewReady(page);

/** The name and href of every model link on the page. */
const modelLinks = () =>
  page.$$eval('[data-model-link]', (links) =>
    links.map((link) => [link.getAttribute('data-model-link'), link.getAttribute('href')]),
  );

test('every model name on the matrices, head-to-head, search and judges pages links its page', async () => {
  for (const [route, atLeast] of NAMING_PAGES) {
    await page.goto(origin + route);
    await drawn(route);
    const links = await modelLinks();
    expect(new Set(links.map(([name]) => name)).size).toBeGreaterThanOrEqual(atLeast);
    for (const [name, href] of links)
      expect(href?.split('?')[0]).toBe(`/models/${encodeURIComponent(name ?? '')}`);
  }
});

test('a matrix label opens the model page, and search headings show the prompt text', async () => {
  await page.goto(origin + '/matrices');
  await viewReady(page);
  await page.click('svg [data-model-link="delta"]');
  await page.waitForURL(/\/models\/delta(\?|$)/);
  await viewReady(page);
  expect(await page.textContent('#view-title')).toBe('delta');
  await page.goto(origin + '/search?q=Question');
  await drawn('/search');
  const headings = await page.$$eval('.search-hit h3', (hits) => hits.map((h) => h.textContent));
  expect(headings.length).toBeGreaterThan(0);
  // The prompt's text (its matched passage), not its external id (q0…q29).
  for (const heading of headings) expect(heading).toMatch(/^Question/);
});

test('no page scrolls sideways at phone width: wide tables scroll in their own box', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const route of ['/', '/matrices', '/judges', '/search?q=Question', '/models/alpha']) {
    await page.goto(origin + route);
    await drawn(route);
    const overflow = await page.evaluate(
      '(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)()',
    );
    expect([route, overflow]).toEqual([route, 0]);
    // A caption of a table that scrolls in its box wraps within the box, not at the table's width.
    const cutCaptions = await page.$$eval('.scroll > table > caption', (captions) =>
      captions
        .filter((caption) => {
          const boxWidth = caption.closest('.scroll')?.clientWidth ?? 0;
          return caption.getBoundingClientRect().width > boxWidth + 1;
        })
        .map((caption) => caption.textContent),
    );
    expect([route, cutCaptions]).toEqual([route, []]);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('no request left the server, and nothing went wrong in the console', () => {
  const foreign = browser.requests.filter((url) => !url.startsWith(origin));
  expect(foreign).toEqual([]);
  expect(browser.errors).toEqual([]);
});
