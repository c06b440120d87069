/**
 * The README's screenshots (issue 23): every view over the LLMFAO demo data at 1280 px, 1920 px and
 * phone width, written as `<view>.png`, `<view>-1920.png` and `phone-<view>.png`. On a phone no
 * view may be wider than the screen, and no view may reach outside the server or log an error.
 * (The model page and the Vote view have their own data and write theirs in model-page.test.ts
 * and vote.test.ts.)
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS, viewReady, type Dashboard, type TestBrowser } from '../support/browser';
import { openDemoDashboard } from '../support/demo-dashboard';
import { apiData } from '../support/page-cells';
import type { TestServer } from '../support/test-server';

jest.setTimeout(180_000);

let dashboard: Dashboard;
let server: TestServer;
let browser: TestBrowser;
let origin: string;
let page: Page;

beforeAll(async () => {
  ({ server, browser, page, origin } = dashboard = await openDemoDashboard());
}, 240_000);

afterAll(() => dashboard?.close());

const WIDTHS = [
  { suffix: '', size: { width: 1280, height: 900 } },
  { suffix: '-1920', size: { width: 1920, height: 1080 } },
  { suffix: 'phone', size: { width: 390, height: 844 } },
] as const;

interface View {
  name: string;
  route: string;
  /** Resolves when the view has drawn its data. */
  ready: (page: Page) => Promise<unknown>;
}

const drawn = (page: Page) => viewReady(page);

/** The views, with routes to the demo data's own models, battles and words. */
async function views(): Promise<View[]> {
  const { verdicts } = await apiData(
    server,
    '{ verdicts(first: 1, filter: { judgeKinds: [LLM] }) { nodes { id modelA { name } modelB { name } prompt { text } } } }',
  );
  const met = verdicts.nodes[0];
  // The prompt's longest word: no stop word ("against" is one).
  const word = (met.prompt.text as string)
    .split(/[^A-Za-z]+/)
    .reduce((longest, candidate) => (candidate.length > longest.length ? candidate : longest), '');
  const found = await apiData(
    server,
    'query ($q: String!) { search(query: $q, first: 1) { nodes { prompt { id } } } }',
    { q: word },
  );
  if (found.search.nodes.length === 0)
    throw new Error(`expected the search for "${word}" to find its prompt, it found none`);
  const pair = `a=${encodeURIComponent(met.modelA.name)}&b=${encodeURIComponent(met.modelB.name)}`;
  return [
    { name: 'leaderboard', route: '/?kind=HUMAN', ready: drawn },
    { name: 'overview', route: '/overview', ready: drawn },
    { name: 'heatmap-predicted', route: '/matrices?kind=LLM', ready: drawn },
    { name: 'heatmap-empirical', route: '/matrices?kind=LLM&matrix=empirical', ready: drawn },
    { name: 'head-to-head', route: `/head-to-head?${pair}&kind=all`, ready: drawn },
    { name: 'judges', route: '/judges', ready: drawn },
    { name: 'battle', route: `/battles/${met.id}`, ready: drawn },
    {
      name: 'search',
      route: `/search?q=${encodeURIComponent(word)}`,
      ready: (page) => page.waitForSelector('[data-search-ready="true"] .search-hit'),
    },
    {
      name: 'graphiql',
      route: '/graphiql',
      ready: (page) => page.waitForSelector('.graphiql-container .CodeMirror'),
    },
  ];
}

async function pageOverflow(): Promise<number> {
  return Number(
    await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    ),
  );
}

test('every view at 1280 px, 1920 px and phone width, none wider than a phone', async () => {
  const overflowing: string[] = [];
  for (const view of await views()) {
    for (const { suffix, size } of WIDTHS) {
      await page.setViewportSize(size);
      await page.goto(origin + view.route);
      await view.ready(page);
      const file = suffix === 'phone' ? `phone-${view.name}.png` : `${view.name}${suffix}.png`;
      await page.screenshot({ path: path.join(SCREENSHOTS, file), fullPage: suffix === 'phone' });
      if (view.name === 'leaderboard' && suffix === '')
        await page
          .locator('.forest-plot')
          .screenshot({ path: path.join(SCREENSHOTS, 'forest-plot.png') });
      if (suffix === 'phone' && (await pageOverflow()) > 0) overflowing.push(view.name);
    }
  }
  await page.setViewportSize(WIDTHS[0].size);
  expect(overflowing).toEqual([]);
});

test('no request left the origin and nothing went wrong in the console', () => {
  expect(browser.requests.length).toBeGreaterThan(20);
  expect(
    browser.requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('blob:')),
  ).toEqual([]);
  expect(browser.errors).toEqual([]);
});
