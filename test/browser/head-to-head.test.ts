/**
 * The head-to-head view's decision panel and its verdict table, in headless Chromium against a
 * real server, every figure checked against the API's own answer over HTTP.
 */
import type { Page } from 'playwright-core';
import { recordAll } from '../support/record';
import { openDashboard, viewReady, type Dashboard, type TestBrowser } from '../support/browser';
import type { TestServer } from '../support/test-server';
import { eventually } from '../support/demo-dashboard';

jest.setTimeout(120_000);

let dashboard: Dashboard;
let server: TestServer;
let browser: TestBrowser;
let origin: string;
let page: Page;

let key = 0;
function verdicts(modelA: string, modelB: string, outcome: string, times: number) {
  return Array.from({ length: times }, () => ({
    judge: 'panel',
    prompt: { externalId: `p${key}`, text: `Prompt number ${key}` },
    modelA,
    modelB,
    outcome,
    shownFirst: key % 2 === 0 ? 'A' : 'B',
    idempotencyKey: `k${key++}`,
  }));
}

beforeAll(async () => {
  ({ server, browser, page, origin } = dashboard = await openDashboard());
  await recordAll(server, [
    ...verdicts('alpha', 'beta', 'A_BETTER', 9),
    ...verdicts('beta', 'alpha', 'B_MUCH_BETTER', 4),
    ...verdicts('beta', 'alpha', 'A_BETTER', 5),
    ...verdicts('alpha', 'beta', 'TIE', 3),
    ...verdicts('beta', 'gamma', 'A_BETTER', 12),
    ...verdicts('gamma', 'beta', 'A_BETTER', 7),
    ...verdicts('gamma', 'delta', 'A_BETTER', 10),
    ...verdicts('delta', 'gamma', 'A_BETTER', 6),
  ]);
}, 240_000);

afterAll(() => dashboard?.close());

async function open(route: string): Promise<void> {
  await page.goto(origin + route);
  await viewReady(page);
}

async function apiComparison(a: string, b: string, leaderboard: Record<string, unknown>) {
  const result = await server.graphql(
    `query ($input: ComparisonInput!) { comparison(input: $input) {
      decision level additionalVerdicts ratingDifference { value ciLower ciUpper } probabilityABetter { value ciLower ciUpper } } }`,
    { input: { modelA: a, modelB: b, leaderboard } },
  );
  expect(result.errors).toBeUndefined();
  return result.data.comparison;
}

const signed = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)}`;
const pct = (value: number) => `${(100 * value).toFixed(1)}%`;
const figure = (name: string) => page.textContent(`[data-figure="${name}"]`);

async function tableRows(): Promise<string[][]> {
  return await page.evaluate<
    string[][]
  >(`Array.from(document.querySelectorAll('table.battles tbody tr[data-verdict]'),
    (row) => Array.from(row.children, (cell) => (cell.textContent ?? '').trim()))`);
}

test('shows the difference and the probability with the intervals Query.comparison gives', async () => {
  await open('/head-to-head?a=alpha&b=gamma&interval=SANDWICH');
  const api = await apiComparison('alpha', 'gamma', {
    method: 'BRADLEY_TERRY',
    intervalMethod: 'SANDWICH',
  });
  const d = api.ratingDifference;
  expect(await figure('difference')).toBe(
    `${signed(d.value)} (${signed(d.ciLower)} to ${signed(d.ciUpper)})`,
  );
  const p = api.probabilityABetter;
  expect(await figure('probability')).toBe(
    `${pct(p.value)} (${pct(p.ciLower)} – ${pct(p.ciUpper)})`,
  );
  expect(await page.getAttribute('[data-figure="decision"]', 'data-decision')).toBe(api.decision);
  if (api.decision === 'INCONCLUSIVE')
    expect(await figure('more-verdicts')).toBe(
      `about ${api.additionalVerdicts.toLocaleString('en-US')}`,
    );
  else expect(await figure('more-verdicts')).toBe('none: decided');
});

test('outcomes are seen from A, with a winner column, and filter to A’s wins, losses and ties', async () => {
  await open('/head-to-head?a=alpha&b=beta');
  const api = await server.graphql(
    '{ verdicts(filter: { models: ["alpha", "beta"] }, first: 50) { nodes { id outcome modelA { name } } } }',
  );
  const nodes: { id: string; outcome: string; modelA: { name: string } }[] =
    api.data.verdicts.nodes;
  const fromAlpha = (node: (typeof nodes)[number]) => {
    const swap: Record<string, string> = {
      A_BETTER: 'B_BETTER',
      B_BETTER: 'A_BETTER',
      A_MUCH_BETTER: 'B_MUCH_BETTER',
      B_MUCH_BETTER: 'A_MUCH_BETTER',
    };
    return node.modelA.name === 'alpha' ? node.outcome : (swap[node.outcome] ?? node.outcome);
  };
  const label: Record<string, string> = {
    A_BETTER: 'A>B',
    A_MUCH_BETTER: 'A>>B',
    B_BETTER: 'B>A',
    B_MUCH_BETTER: 'B>>A',
    TIE: 'A=B',
  };
  const winner = (outcome: string) =>
    outcome.startsWith('A_') ? 'alpha' : outcome.startsWith('B_') ? 'beta' : 'tie';
  const rows = await tableRows();
  expect(rows.map((row) => [row[3], row[4]])).toEqual(
    nodes.map((node) => [label[fromAlpha(node)], winner(fromAlpha(node))]),
  );
  // "beta" stored as A with B_MUCH_BETTER reads as alpha's strong win.
  expect(rows.filter((row) => row[3] === 'A>>B')).toHaveLength(4);

  for (const [button, result, expected] of [
    ['WIN', 'win', 'alpha'],
    ['LOSS', 'loss', 'beta'],
    ['TIE', 'tie', 'tie'],
  ] as const) {
    await page.click(`.result-filter button[data-result="${button}"]`);
    await page.waitForURL(new RegExp(`result=${result}`));
    await viewReady(page);
    // Polled through evaluate: waitForFunction with a string would eval in the page, which its CSP forbids.
    await eventually(async () =>
      expect(
        await page.evaluate<boolean>(
          `Array.from(document.querySelectorAll('table.battles tbody tr[data-verdict] td.winner')).every((cell) => cell.textContent === ${JSON.stringify(expected)})`,
        ),
      ).toBe(true),
    );
    const filtered = await server.graphql(
      `{ verdicts(filter: { models: ["alpha", "beta"], resultFor: { model: "alpha", result: ${button} } }, first: 50) { nodes { id } } }`,
    );
    const shown = await page
      .locator('table.battles tbody tr[data-verdict]')
      .evaluateAll((list) => list.map((row) => row.getAttribute('data-verdict')));
    expect(shown).toEqual(filtered.data.verdicts.nodes.map((node: { id: string }) => node.id));
    expect(shown.length).toBe({ win: 13, loss: 5, tie: 3 }[result]);
  }
});

test('says when the two never met, and when the slice cannot decide', async () => {
  await open('/head-to-head?a=alpha&b=delta');
  expect(await figure('never-met')).toMatch(/alpha and delta never met in this slice/);
  expect(await page.locator('table.battles tbody tr[data-verdict]').count()).toBe(0);
  expect(await figure('difference')).toMatch(/^[+−]\d+\.\d \(/);
  await open('/head-to-head?a=alpha&b=beta&method=ELO');
  expect(await figure('no-comparison')).toMatch(
    /needs Bradley–Terry with bootstrap or sandwich intervals/,
  );
  expect(await page.locator('[data-figure="difference"]').count()).toBe(0);
});

test('nothing went wrong in the console', () => {
  expect(browser.errors).toEqual([]);
});
