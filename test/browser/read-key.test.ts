/**
 * With public reads off the dashboard asks for a read key, keeps it for the tab only
 * (sessionStorage) and sends it with every request; a refused key is said to be refused.
 */
import { createApiKey } from '../../src/services/api-keys';
import { openDashboard, viewReady, type Dashboard, type TestBrowser } from '../support/browser';
import type { TestServer } from '../support/test-server';

let dashboard: Dashboard;
let server: TestServer;
let browser: TestBrowser;
let origin: string;
let readKey: string;

beforeAll(async () => {
  ({ server, browser, origin } = dashboard = await openDashboard({
    auth: true,
    publicRead: false,
  }));
  readKey = (await createApiKey(server.database.db, 'dashboard-reader', 'read')).key;
  const writeKey = (await createApiKey(server.database.db, 'dashboard-writer', 'write')).key;
  const verdicts = [
    ['alpha', 'beta', 'A_BETTER'],
    ['beta', 'gamma', 'A_BETTER'],
    ['gamma', 'alpha', 'A_BETTER'],
    ['beta', 'alpha', 'A_BETTER'],
  ].map(([modelA, modelB, outcome], i) => ({
    judge: 'reader-test-judge',
    modelA,
    modelB,
    outcome,
    prompt: { text: `question ${i}` },
  }));
  const recorded = await server.graphql(
    'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }',
    { input: { verdicts } },
    { authorization: `Bearer ${writeKey}` },
  );
  expect(recorded.data.recordVerdicts.accepted).toBe(4);
}, 120_000);

afterAll(() => dashboard?.close());

test('the page asks for a read key, says when one is refused, and shows the leaderboard with a good one', async () => {
  const { page } = browser;
  await page.goto(`${origin}/`);
  await page.waitForSelector('form.key-prompt');
  expect(await page.locator('table.leaderboard').count()).toBe(0);

  await page.fill('input[name="key"]', 'vk_000000000000_not-a-key');
  await page.click('form.key-prompt button[type="submit"]');
  await page.waitForSelector('form.key-prompt >> text=The key given was refused');

  await page.fill('input[name="key"]', readKey);
  await page.click('form.key-prompt button[type="submit"]');
  await viewReady(page);
  expect(await page.locator('table.leaderboard tbody tr').count()).toBe(3);
  expect(await page.evaluate('sessionStorage.getItem("verdicts.readKey")')).toBe(readKey);
  expect(await page.evaluate('localStorage.length')).toBe(0);
});

test('the key lasts for the tab only: a new tab asks again', async () => {
  const other = await browser.context.newPage();
  await other.goto(`${origin}/`);
  await other.waitForSelector('form.key-prompt');
  await other.close();
});

test('the only console errors are the refused requests, and nothing left the origin', () => {
  expect(browser.requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
  expect(browser.errors.filter((text) => !/status of 401/.test(text))).toEqual([]);
});
