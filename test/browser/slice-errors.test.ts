/**
 * Issue 18 item 4 in the dashboard: a slice naming an unknown judge (from a link, say) shows a
 * readable message in place of the board, never a raw error beside a board of another slice.
 */
import type { Page } from 'playwright-core';
import { recordAll } from '../support/record';
import { openDashboard, viewReady, type Dashboard, type TestBrowser } from '../support/browser';
import type { TestServer } from '../support/test-server';

jest.setTimeout(120_000);

let dashboard: Dashboard;
let server: TestServer;
let browser: TestBrowser;
let page: Page;
let origin: string;

beforeAll(async () => {
  ({ server, browser, page, origin } = dashboard = await openDashboard());
  await recordAll(
    server,
    ['A_BETTER', 'B_BETTER', 'TIE', 'A_BETTER'].map((outcome, i) => ({
      judge: 'gpt-4-1106-preview',
      prompt: { externalId: `slice-errors-${i}` },
      modelA: 'gpt-4-0613',
      modelB: 'claude-2',
      outcome,
      idempotencyKey: `slice-errors-${i}`,
    })),
  );
}, 240_000);

afterAll(() => dashboard?.close());

const MESSAGE =
  'Nothing to show for this slice. The judges filter must name a known judge, but "gpt4" is none ' +
  'of the 1 stored (closest known judges: "gpt-4-1106-preview"). Change ' +
  'it in the slice panel.';

test('a link naming an unknown judge shows why, with the closest judges, and no table', async () => {
  await page.goto(`${origin}/?judge=gpt4`);
  const alert = page.locator('main p.error[role="alert"]');
  await alert.waitFor();
  expect((await alert.textContent())?.replace(/\s+/g, ' ').trim()).toBe(MESSAGE);
  expect(await page.locator('table.leaderboard').count()).toBe(0);
});

test('going from a good slice to an unknown name drops the old board', async () => {
  await page.goto(`${origin}/?judge=gpt-4-1106-preview`);
  await viewReady(page);
  expect(await page.locator('table.leaderboard tbody tr').count()).toBe(2);
  // In-page navigation, as Back or a control would do: the page keeps its state.
  await page.evaluate(`history.pushState(null, '', '/?judge=gpt4');
    dispatchEvent(new PopStateEvent('popstate'))`);
  await page.locator('main p.error[role="alert"]').waitFor();
  expect(await page.locator('table.leaderboard').count()).toBe(0);
  expect(browser.errors).toEqual([]);
});
