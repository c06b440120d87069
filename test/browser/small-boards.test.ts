/**
 * Boards too small to rate anyone, and a server that goes away: the README's quick-start
 * verdicts in headless Chromium against a real server, figures checked against the API.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { recordAll } from '../support/record';
import { openDashboard, viewReady, type Dashboard, type TestBrowser } from '../support/browser';
import type { TestServer } from '../support/test-server';

jest.setTimeout(120_000);

let dashboard: Dashboard;
let server: TestServer;
let browser: TestBrowser;
let origin: string;
let page: Page;
let serverStopped = false;

const JUDGE = 'gpt-4-1106-preview';

beforeAll(async () => {
  ({ server, browser, page, origin } = dashboard = await openDashboard());
  // The quick start's two verdicts: gpt-4-0613 wins both games of one prompt.
  await recordAll(server, [
    {
      judge: JUDGE,
      prompt: { externalId: 'q1', text: 'Write a haiku about Kubernetes.', category: 'writing' },
      modelA: 'gpt-4-0613',
      modelB: 'claude-2',
      outcome: 'A_BETTER',
      shownFirst: 'A',
      idempotencyKey: 'q1-g1',
    },
    {
      judge: JUDGE,
      prompt: { externalId: 'q1' },
      modelA: 'claude-2',
      modelB: 'gpt-4-0613',
      outcome: 'B_BETTER',
      shownFirst: 'A',
      idempotencyKey: 'q1-g2',
    },
  ]);
}, 240_000);

afterAll(async () => {
  if (!serverStopped) return dashboard?.close();
  // The last test stopped the HTTP server itself; the rest still needs closing.
  await browser.close();
  await server.database.close();
});

async function cells(selector: string): Promise<string[][]> {
  const script = `Array.from(document.querySelectorAll(${JSON.stringify(selector)}),
    (row) => Array.from(row.children, (cell) => (cell.textContent ?? '').replace(/\\s+/g, ' ').trim()))`;
  return await page.evaluate<string[][]>(script);
}

async function downloaded(selector: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = await download.path();
  return await readFile(file, 'utf8');
}

test('the quick start’s two verdicts: both models rated apart, with record and reason, as the API says', async () => {
  await page.goto(`${origin}/?judge=${encodeURIComponent(JUDGE)}`);
  await viewReady(page);
  // The picker counts in the right number, and says the one judge is chosen.
  expect(await page.textContent('#judge-find-result')).toBe('1 judge in 1 group; 1 chosen.');
  const result = await server.graphql(
    `query ($input: LeaderboardInput) { leaderboard(input: $input) {
      entries { model { name } }
      ratedApart { model { name } reason explanation wins losses ties battles } } }`,
    { input: { judges: [JUDGE], judgeKinds: ['LLM'] } },
  );
  expect(result.errors).toBeUndefined();
  const { entries, ratedApart } = result.data.leaderboard;
  expect(entries).toEqual([]);
  expect(ratedApart.map((model: { reason: string }) => model.reason).sort()).toEqual([
    'NEVER_LOST',
    'NEVER_WON',
  ]);
  const rows = await cells('table.rated-apart tbody tr');
  expect(rows.map((row) => row.slice(0, 6))).toEqual(
    ratedApart.map(
      (model: {
        model: { name: string };
        explanation: string;
        wins: number;
        losses: number;
        ties: number;
        battles: number;
      }) => [
        model.model.name,
        model.explanation,
        String(model.wins),
        String(model.losses),
        String(model.ties),
        String(model.battles),
      ],
    ),
  );
  // Its download holds the same cells, under the same headers.
  const header = (await cells('table.rated-apart thead tr'))[0];
  const csv = await downloaded('[data-downloadable="rated-apart"] [data-download="csv"]');
  const quote = (text: string) => (/[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  expect(csv).toBe(
    [header ?? [], ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n',
  );
  const json = JSON.parse(
    await downloaded('[data-downloadable="rated-apart"] [data-download="json"]'),
  );
  expect(json.map((row: Record<string, string>) => row.Model)).toEqual(rows.map((row) => row[0]));
  expect(json[0]?.Why).toBe(rows[0]?.[1]);
});

test('with the server stopped, the page says so, and a changed control shows no table for other controls', async () => {
  await page.goto(`${origin}/?judge=${encodeURIComponent(JUDGE)}`);
  await viewReady(page);
  expect(await page.locator('table.rated-apart tbody tr').count()).toBe(2);
  expect(browser.errors).toEqual([]);
  const errorsBefore = browser.errors.length;
  await server.server.stop();
  serverStopped = true;
  // The live line notices on its own (the socket closes; polling fails) and marks the page.
  await page.waitForSelector('[data-page-stale]', { timeout: 30_000 });
  expect(await page.textContent('[data-page-stale]')).toContain('may be out of date');
  // The slice now asks a question the server cannot answer: the old table must go.
  await page.selectOption('select[name="method"]', 'ELO');
  await page.waitForURL(/method=ELO/);
  await page.waitForSelector('[data-stale-note]', { timeout: 30_000 });
  expect(await page.textContent('[data-stale-note]')).toContain(
    'Nothing is shown for these controls until it answers.',
  );
  expect(await page.locator('table.rated-apart').count()).toBe(0);
  expect(await page.locator('table.leaderboard').count()).toBe(0);
  // Only the refused connections were logged meanwhile.
  expect(
    browser.errors
      .slice(errorsBefore)
      .filter((error) => !/ERR_CONNECTION_REFUSED|Failed to fetch|WebSocket/.test(error)),
  ).toEqual([]);
});

test('no request left the origin, and nothing went wrong before the server stopped', () => {
  expect(
    browser.requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('blob:')),
  ).toEqual([]);
});
