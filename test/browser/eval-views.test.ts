/**
 * The views an eval engineer asks questions of (issue 23), in headless Chromium against a real
 * server holding the LLMFAO demo data, on whichever driver DATABASE_URL selects: the leaderboard's
 * find box, rank rule, forest plot axis and style names; the matrices' legend, weights, clicks and
 * widths; the judges' scatter, folded labels and disagreement browser; the grouped judge picker;
 * downloads compared with the cells shown. Every figure is checked against the API's answer.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS, viewReady, type Dashboard, type TestBrowser } from '../support/browser';
import { eventually, openDemoDashboard } from '../support/demo-dashboard';
import { apiData, cellsOf } from '../support/page-cells';
import type { TestServer } from '../support/test-server';

jest.setTimeout(120_000);

let dashboard: Dashboard;
let server: TestServer;
let browser: TestBrowser;
let origin: string;
let page: Page;

beforeAll(async () => {
  ({ server, browser, page, origin } = dashboard = await openDemoDashboard());
}, 240_000);

afterAll(() => dashboard?.close());

async function open(route: string): Promise<void> {
  await page.goto(origin + route);
  await viewReady(page);
}

const api = <Data = any>(query: string, variables?: Record<string, unknown>) =>
  apiData<Data>(server, query, variables);

const cells = (rowSelector: string) => cellsOf(page, rowSelector);

async function downloaded(selector: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return await readFile(await download.path(), 'utf8');
}

function csvOf(rows: string[][]): string {
  const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

async function pageOverflow(): Promise<number> {
  return Number(
    await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    ),
  );
}

const HUMAN_BOARD = { method: 'BRADLEY_TERRY', intervalMethod: 'BOOTSTRAP', judgeKinds: ['HUMAN'] };

test('the leaderboard explains its ranks, finds models, says when it was updated, and downloads as shown', async () => {
  await open('/');
  const board = await api(
    `query ($input: LeaderboardInput) { leaderboard(input: $input) { entries { rank rating ciLower ciUpper model { name } } } }`,
    { input: HUMAN_BOARD },
  );
  const entries: { rank: number; rating: number; model: { name: string } }[] =
    board.leaderboard.entries;
  expect(entries).toHaveLength(59);
  // The rank rule at the header, in full under the board.
  const rankHeader = page.locator('table.leaderboard thead th').first();
  expect(await rankHeader.getAttribute('title')).toContain('interval lies wholly above');
  expect(await rankHeader.getAttribute('aria-describedby')).toBe('rank-rule');
  expect(await page.textContent('#rank-rule')).toContain('share a rank');
  expect(await page.getAttribute('[data-updated]', 'data-updated')).toMatch(/^\d+$/);
  expect(await page.textContent('[data-updated]')).toMatch(/^Updated \d\d:\d\d:\d\d/);

  // The forest plot: its unit and an axis at the bottom, reachable from the top of the board.
  expect(await page.textContent('.forest-plot .unit')).toContain('Elo');
  const bottomTicks = await page.locator('.forest-plot [data-axis="bottom"]').allTextContents();
  expect(bottomTicks.length).toBeGreaterThan(2);
  await page.click('a[href="#forest-plot"]');
  await eventually(async () => {
    const box = await page.locator('#forest-plot').boundingBox();
    expect(box?.y).toBeLessThan(900);
    expect(box?.y).toBeGreaterThanOrEqual(-1);
  });

  // The download holds the cells shown, under the headers shown.
  const header = (await cells('table.leaderboard thead tr'))[0] ?? [];
  const rows = await cells('table.leaderboard tbody tr');
  expect(rows.map((row) => [row[0], row[1]?.replace(/ provisional$/, ''), row[2]])).toEqual(
    entries.map((entry) => [String(entry.rank), entry.model.name, entry.rating.toFixed(1)]),
  );
  expect(header[0]).toBe('Rank');
  const csv = await downloaded('[data-downloadable="leaderboard"] [data-download="csv"]');
  expect(csv).toBe(csvOf([header, ...rows]));
  const json = JSON.parse(
    await downloaded('[data-downloadable="leaderboard"] [data-download="json"]'),
  ) as Record<string, string>[];
  expect(json).toHaveLength(59);
  expect(json.map((row) => row.Rating)).toEqual(entries.map((entry) => entry.rating.toFixed(1)));

  // Find a model: the table and the plot keep the names containing the text, in any case.
  await page.fill('input[name="find"]', 'llama');
  await page.waitForURL(/find=llama/);
  const kept = entries.filter((entry) => entry.model.name.toLowerCase().includes('llama'));
  expect(kept.length).toBeGreaterThan(1);
  await eventually(async () => {
    const found = await cells('table.leaderboard tbody tr');
    expect(found.map((row) => row[1]?.replace(/ provisional$/, ''))).toEqual(
      kept.map((entry) => entry.model.name),
    );
  });
  expect(await page.locator('.forest-plot g.row').count()).toBe(kept.length);
  expect(await page.textContent('#find-result')).toBe(`${kept.length} of 59 models match “llama”.`);
  await page.fill('input[name="find"]', 'no such model');
  await eventually(async () =>
    expect(await page.textContent('#find-result')).toBe(
      'No model of the 59 here has “no such model” in its name.',
    ),
  );
});

test('style control names its features readably, and a phone shows rating and interval without overflow', async () => {
  await open('/?style=1&interval=SANDWICH');
  const board = await api(
    `query ($input: LeaderboardInput) { leaderboard(input: $input) {
      styleCoefficients { feature coefficient } entries { rating ciLower ciUpper model { name } } } }`,
    { input: { ...HUMAN_BOARD, intervalMethod: 'SANDWICH', styleControl: true } },
  );
  const features: { feature: string; coefficient: number }[] =
    board.leaderboard.styleCoefficients ?? [];
  const names: Record<string, string> = {
    tokenLength: 'answer length (tokens)',
    markdownHeaders: 'Markdown headers',
    listItems: 'list items',
    boldSpans: 'bold spans',
  };
  const shown = await cells('table.style-coefficients tbody tr');
  expect(shown.map((row) => [row[0], row[1]])).toEqual(
    features.map((feature) => [names[feature.feature], feature.coefficient.toFixed(3)]),
  );
  expect(shown.length).toBeGreaterThan(0);

  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await open('/?style=1&interval=SANDWICH');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-leaderboard-style.png') });
    expect(await pageOverflow()).toBeLessThanOrEqual(0);
    // The first row's rating and interval are on the screen, not behind a sideways scroll.
    for (const column of [3, 4]) {
      const box = await page
        .locator(`table.leaderboard tbody tr:first-child > :nth-child(${column})`)
        .boundingBox();
      expect(box).not.toBeNull();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    }
    const [first] = await cells('table.leaderboard tbody tr');
    const top = board.leaderboard.entries[0];
    expect(first?.[2]).toBe(top.rating.toFixed(1));
    expect(first?.[3]).toBe(`${top.ciLower.toFixed(1)} – ${top.ciUpper.toFixed(1)}`);
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

test('the overview has a legend for its colours', async () => {
  await open('/overview');
  expect(await page.textContent('[data-legend]')).toContain('a better rank in the category');
  expect(await page.locator('table.overview td.better').count()).toBeGreaterThan(0);
});

const MATRIX = `query ($input: LeaderboardInput) { leaderboard(input: $input) {
  entries { model { name } } winRates { modelA { name } modelB { name } predicted empirical battles } } }`;

interface MatrixAnswer {
  leaderboard: {
    entries: { model: { name: string } }[];
    winRates: {
      modelA: { name: string };
      modelB: { name: string };
      predicted: number;
      empirical: number | null;
      battles: number;
    }[];
  };
}

test('the empirical matrix: a legend, squares sized by battles, a sticky readout, a click to the pair’s battles', async () => {
  await open('/matrices?kind=LLM&matrix=empirical');
  const { leaderboard } = await api<MatrixAnswer>(MATRIX, {
    input: { method: 'BRADLEY_TERRY', judgeKinds: ['LLM'], bootstrapRounds: 0 },
  });
  const names = leaderboard.entries.map((entry) => entry.model.name);
  expect(await page.textContent('[data-legend]')).toContain('Square size: battles');
  const sized = leaderboard.winRates.filter((rate) => rate.empirical !== null);
  expect(await page.locator('.heatmap rect[data-cell]').count()).toBe(sized.length);
  // The pair with the most battles draws a larger square than the one with the fewest.
  const byBattles = [...sized].sort((a, b) => a.battles - b.battles);
  const cellOf = (rate: (typeof sized)[number]) =>
    `.heatmap rect[data-cell="${names.indexOf(rate.modelA.name)},${names.indexOf(rate.modelB.name)}"]`;
  const fewest = byBattles[0];
  const most = byBattles[byBattles.length - 1];
  if (fewest === undefined || most === undefined) throw new Error('no empirical cells');
  expect(fewest.battles).toBeLessThan(most.battles);
  const small = Number(await page.getAttribute(cellOf(fewest), 'width'));
  const large = Number(await page.getAttribute(cellOf(most), 'width'));
  expect(small).toBeLessThan(large);
  await page.hover(cellOf(most));
  expect(await page.textContent('.heatmap .readout')).toBe(
    `${most.modelA.name} vs ${most.modelB.name}: ${most.empirical?.toFixed(1)}% over ${most.battles} battles`,
  );
  // The readout stays on screen while the matrix scrolls under it.
  await page.mouse.wheel(0, 600);
  await eventually(async () => {
    const box = await page.locator('.heatmap .readout').boundingBox();
    expect(box?.y).toBeGreaterThanOrEqual(-1);
    expect(box?.y).toBeLessThan(900);
    expect(await page.evaluate('window.scrollY')).toBeGreaterThan(100);
  });

  // The matrix downloads as its values table shows it.
  await page.click('text=Show the values as a table');
  const table = await cells('table.matrix-table tr');
  const csv = await downloaded('.heatmap [data-download="csv"]');
  expect(csv).toBe(csvOf(table));

  await page.click(cellOf(most));
  await page.waitForURL(/\/head-to-head\?/);
  const url = new URL(page.url());
  expect([url.searchParams.get('a'), url.searchParams.get('b')]).toEqual([
    most.modelA.name,
    most.modelB.name,
  ]);
  expect(url.searchParams.get('kind')).toBe('LLM');
  await viewReady(page);
  // The pair's verdicts, as many as the API counts (one page), download as listed.
  const record = await api(
    'query ($a: String!, $b: String!) { headToHead(modelA: $a, modelB: $b, filter: { judgeKinds: [LLM] }) { verdictCount } }',
    { a: most.modelA.name, b: most.modelB.name },
  );
  const listed = await cells('table.battles tr');
  expect(listed.length - 1).toBe(Math.min(50, record.headToHead.verdictCount));
  expect(
    await downloaded('[data-downloadable="head-to-head-verdicts"] [data-download="csv"]'),
  ).toBe(csvOf(listed));
});

test('the matrices use the width at 1920 px, and a phone shows a readable top 10', async () => {
  await open('/matrices?kind=LLM');
  const narrow = Number(await page.getAttribute('.heatmap svg[role="img"]', 'width'));
  await page.setViewportSize({ width: 1920, height: 1080 });
  try {
    await open('/matrices?kind=LLM');
    await eventually(async () =>
      expect(Number(await page.getAttribute('.heatmap svg[role="img"]', 'width'))).toBeGreaterThan(
        narrow,
      ),
    );
    const main = await page.locator('main').boundingBox();
    const svg = await page.locator('.heatmap svg[role="img"]').boundingBox();
    // At least four fifths of the main column, without a sideways scroll.
    expect(svg?.width ?? 0).toBeGreaterThan(0.8 * (main?.width ?? 0));
    expect(await pageOverflow()).toBeLessThanOrEqual(0);
    await open('/?kind=HUMAN');
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await open('/matrices?kind=LLM');
    const { leaderboard } = await api<MatrixAnswer>(MATRIX, {
      input: { method: 'BRADLEY_TERRY', judgeKinds: ['LLM'], bootstrapRounds: 0 },
    });
    const top = new Set(leaderboard.entries.slice(0, 10).map((entry) => entry.model.name));
    expect(await page.inputValue('select[name="top"]')).toBe('10');
    expect(await page.locator('.heatmap rect[data-cell]').count()).toBe(
      leaderboard.winRates.filter((rate) => top.has(rate.modelA.name) && top.has(rate.modelB.name))
        .length,
    );
    expect(await pageOverflow()).toBeLessThanOrEqual(0);
    const svg = await page.locator('.heatmap svg[role="img"]').boundingBox();
    expect((svg?.x ?? 0) + (svg?.width ?? 0)).toBeLessThanOrEqual(390);
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

test('the judges view folds unused labels, names the judges in rank moves, scatters ranks and fits 1280 px', async () => {
  await open('/judges');
  const outcomes = await api(
    `{ a: judgeReport(judge: "gpt-4") { outcomes { outcome count } }
       b: judgeReport(judge: "gpt-3.5-turbo-instruct") { outcomes { outcome count } }
       c: judgeReport(judge: "HUMAN") { outcomes { outcome count } } }`,
  );
  const unused = [
    'A_MUCH_BETTER',
    'A_BETTER',
    'TIE',
    'BOTH_BAD',
    'B_BETTER',
    'B_MUCH_BETTER',
  ].filter((label) =>
    [outcomes.a, outcomes.b, outcomes.c].every(
      (report: { outcomes: { outcome: string; count: number }[] }) =>
        report.outcomes.every((outcome) => outcome.outcome !== label || outcome.count === 0),
    ),
  );
  expect(unused.length).toBeGreaterThan(0);
  expect(await page.getAttribute('[data-folded-labels]', 'data-folded-labels')).toBe(
    unused.join(' '),
  );
  const headers = (await cells('table.judges thead tr'))[0] ?? [];
  expect(headers).toHaveLength(12 - unused.length);

  const ranking = (
    await api(
      '{ rankingAgreement(judgeA: "gpt-4", judgeB: "HUMAN_MAJORITY") { movers { model rankA rankB } } }',
    )
  ).rankingAgreement;
  const [pairRow = []] = await cells('table.judge-pairs tr[data-pair="gpt-4|HUMAN_MAJORITY"]');
  const mover = ranking.movers[0];
  expect(pairRow[8]).toBe(
    `${mover.model}: ${mover.rankA} by gpt-4 → ${mover.rankB} by human majority`,
  );
  // Both tables fit the main column at 1280 px.
  for (const table of ['table.judges', 'table.judge-pairs']) {
    const width = await page.evaluate(
      `(() => { const t = document.querySelector(${JSON.stringify(table)}); return t.parentElement.scrollWidth - t.parentElement.clientWidth; })()`,
    );
    expect(width).toBeLessThanOrEqual(0);
  }

  await page.selectOption('select[name="pair"]', 'gpt-4|HUMAN_MAJORITY');
  await page.waitForURL(/pair=gpt-4%7CHUMAN_MAJORITY/);
  await eventually(async () => {
    const titles = await page.locator('.rank-scatter circle > title').allTextContents();
    expect(titles).toEqual(
      ranking.movers.map(
        (model: { model: string; rankA: number; rankB: number }) =>
          `${model.model}: ${model.rankA} by gpt-4, ${model.rankB} by human majority`,
      ),
    );
  });
});

test('the disagreement browser lists the API’s disagreements a page at a time, each opening its battles', async () => {
  await open('/judges?pair=gpt-4%7CHUMAN_MAJORITY');
  const DOCUMENT = `query ($after: String) { judgeDisagreements(judgeA: "gpt-4", judgeB: "HUMAN_MAJORITY", first: 25, after: $after) {
    nodes { preferenceA preferenceB votesB prompt { text } verdictA { id modelA { name } modelB { name } } verdictB { id } }
    pageInfo { hasNextPage endCursor } } }`;
  const first = (await api(DOCUMENT, { after: null })).judgeDisagreements;
  expect(first.nodes).toHaveLength(25);
  const said = (preference: string, node: any) =>
    preference === 'TIE'
      ? 'a tie'
      : `${preference === 'A' ? node.verdictA.modelA.name : node.verdictA.modelB.name} better`;
  const expected = (nodes: any[]) =>
    nodes.map((node) => [
      node.verdictA.modelA.name,
      node.verdictA.modelB.name,
      said(node.preferenceA, node),
      `${said(node.preferenceB, node)}${node.votesB === 1 ? '' : ` (majority of ${node.votesB})`}`,
    ]);
  await page.waitForSelector('[data-disagreements-ready="true"]');
  const rows = await cells('table.disagreements-table tbody tr');
  expect(rows.map((row) => row.slice(1, 5))).toEqual(expected(first.nodes));
  const csv = await downloaded('[data-downloadable="judge-disagreements"] [data-download="csv"]');
  expect(csv).toBe(csvOf([...(await cells('table.disagreements-table thead tr')), ...rows]));

  await page.click('[data-next-page]');
  await page.waitForURL(/disagreementsAfter=/);
  const second = (await api(DOCUMENT, { after: first.pageInfo.endCursor })).judgeDisagreements;
  await eventually(async () => {
    const next = await cells('table.disagreements-table tbody tr');
    expect(next.map((row) => row.slice(1, 5))).toEqual(expected(second.nodes));
  });
  const node = second.nodes[0];
  await page.click(`tr[data-verdict="${node.verdictA.id}"] a[data-battle="b"]`);
  await page.waitForURL(new RegExp(`/battles/${node.verdictB.id}\\?`));
  await viewReady(page);
  expect(await page.textContent('main h2')).toBe(`Battle ${node.verdictB.id}`);
});

test('the judges view lists the reviewers with the API’s agreement and the crowd’s alpha', async () => {
  await open('/judges');
  await page.waitForSelector('[data-testid="crowd-alpha"]');
  const { reviewerQuality } = await api(
    `{ reviewerQuality { reviewers { reviewer votes flagged agreement { agreement } } alpha { level alpha } } }`,
  );
  const nominal = reviewerQuality.alpha.find(
    (entry: { level: string }) => entry.level === 'NOMINAL',
  );
  expect(await page.textContent('[data-testid="crowd-alpha"]')).toContain(
    `nominal Krippendorff's alpha ${(nominal.alpha as number).toFixed(3)}`,
  );
  const rows = await cells('table.reviewers tbody tr');
  expect(rows).toHaveLength(Math.min(50, reviewerQuality.reviewers.length));
  const [first] = rows;
  const shown = reviewerQuality.reviewers.find(
    (reviewer: { reviewer: string }) => reviewer.reviewer === first?.[0],
  );
  expect(first?.[1]).toBe(shown.votes.toLocaleString('en-US'));
  expect(first?.[2]).toContain(`${(100 * shown.agreement.agreement).toFixed(1)}%`);
});

test('the judge picker groups the crowd, sorts its numbers naturally and finds judges; category counts follow the kind', async () => {
  await open('/?kind=LLM');
  const groups = await page.evaluate<[string, string[]][]>(
    `Array.from(document.querySelectorAll('select[name="judge"] optgroup'), (group) =>
      [group.label, Array.from(group.querySelectorAll('option'), (option) => option.value)])`,
  );
  const catalog = await api(
    '{ judges { name kind } categories { name judgeKinds { kind verdicts } } }',
  );
  const crowd = [
    ...new Set(
      catalog.judges
        .filter((judge: { name: string }) => judge.name.startsWith('llmfao-crowd:'))
        .map((judge: { name: string }) => judge.name),
    ),
  ] as string[];
  expect(crowd).toHaveLength(124);
  const crowdGroup = groups.find(([label]) => label === 'Human · llmfao-crowd (124)');
  expect(crowdGroup?.[1]).toEqual(
    [...crowd].sort((a, b) => Number(a.split(':')[1]) - Number(b.split(':')[1])),
  );
  expect(groups.find(([label]) => label === 'LLM judges (2)')?.[1]).toEqual([
    'gpt-3.5-turbo-instruct',
    'gpt-4',
  ]);
  await page.fill('input[name="judge-find"]', 'crowd:12');
  await eventually(async () =>
    expect(
      await page.$$eval('select[name="judge"] option', (options) =>
        options.map((option) => option.textContent),
      ),
    ).toEqual([
      'llmfao-crowd:12',
      'llmfao-crowd:120',
      'llmfao-crowd:121',
      'llmfao-crowd:122',
      'llmfao-crowd:123',
    ]),
  );
  expect(await page.textContent('#judge-find-result')).toBe('5 of 126 judges shown.');

  // Each category's count is the LLM verdicts a board of that category and kind holds.
  const options = await page.$$eval('select[name="category"] option', (nodes) =>
    nodes.map((node) => node.textContent ?? ''),
  );
  for (const category of catalog.categories) {
    const llm = category.judgeKinds.find((kind: { kind: string }) => kind.kind === 'LLM');
    const board = await api(
      'query ($input: LeaderboardInput) { leaderboard(input: $input) { verdictCount } }',
      { input: { judgeKinds: ['LLM'], categories: [category.name], bootstrapRounds: 0 } },
    );
    expect(llm.verdicts).toBe(board.leaderboard.verdictCount);
    expect(options).toContain(`${category.name} (${llm.verdicts})`);
  }
});

test('no request left the origin and nothing went wrong in the console', () => {
  expect(browser.requests.length).toBeGreaterThan(20);
  expect(
    browser.requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('blob:')),
  ).toEqual([]);
  expect(browser.errors).toEqual([]);
});
