/**
 * The dashboard in headless Chromium against a real server holding the LLMFAO demo data (the
 * same loader `verdicts demo` uses), on whichever driver DATABASE_URL selects. Every figure the
 * page shows is checked against the API's own answer over HTTP. One server and one browser for
 * the file; the tests run in order and the last ones add data.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_SLICE } from '../../src/cli/demo-command';
import { computeLeaderboard } from '../../src/services/leaderboard';
import { parseJudgeTranscript } from '../../src/ingest/transcript';
import { viewReady, type Dashboard, type TestBrowser } from '../support/browser';
import { eventually, openDemoDashboard } from '../support/demo-dashboard';
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

const ENTRY_FIELDS =
  'rank rating ciLower ciUpper intervalReliable wins losses ties battles winRateVsBaseline model { name }';

async function apiLeaderboard(input: Record<string, unknown>) {
  const result = await server.graphql(
    `query ($input: LeaderboardInput) { leaderboard(input: $input) { verdictCount entries { ${ENTRY_FIELDS} } } }`,
    { input },
  );
  expect(result.errors).toBeUndefined();
  return result.data.leaderboard as {
    verdictCount: number;
    entries: {
      rank: number;
      rating: number;
      ciLower: number | null;
      ciUpper: number | null;
      intervalReliable: boolean | null;
      wins: number;
      losses: number;
      ties: number;
      battles: number;
      winRateVsBaseline: number | null;
      model: { name: string };
    }[];
  };
}

/** The leaderboard table as text, one array per row: rank, model, rating, interval, W, L, T, battles. */
async function tableRows(): Promise<string[][]> {
  return cellTexts('table.leaderboard tbody tr');
}

/** The text of each cell of each matching row (a cell's link text where it has one). */
async function cellTexts(rowSelector: string): Promise<string[][]> {
  const script = `Array.from(document.querySelectorAll(${JSON.stringify(rowSelector)}),
    (row) => Array.from(row.children, (cell) => ((cell.querySelector('a') ?? cell).textContent ?? '').trim()))`;
  return await page.evaluate<string[][]>(script);
}

function expectedRow(
  entry: Awaited<ReturnType<typeof apiLeaderboard>>['entries'][number],
): string[] {
  const interval =
    entry.ciLower === null || entry.ciUpper === null
      ? '–'
      : `${entry.ciLower.toFixed(1)} – ${entry.ciUpper.toFixed(1)}`;
  // An interval the coverage bench does not back is starred, as in the CLI.
  const starred = entry.intervalReliable === false ? `${interval} *` : interval;
  const count = (value: number) => value.toLocaleString('en-US');
  return [
    String(entry.rank),
    entry.model.name,
    entry.rating.toFixed(1),
    starred,
    count(entry.wins),
    count(entry.losses),
    count(entry.ties),
    count(entry.battles),
  ];
}

/** The table's sort: by the column, equal values in the API's order. */
function byBattlesDescending<Entry extends { battles: number }>(entries: Entry[]): Entry[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => b.entry.battles - a.entry.battles || a.index - b.index)
    .map(({ entry }) => entry);
}

async function open(route: string): Promise<void> {
  await page.goto(origin + route);
  await viewReady(page);
}

test('the leaderboard table and forest plot show the API’s ratings, intervals and records', async () => {
  // The dashboard opens on the human judges, the board `verdicts demo` prints.
  await open('/');
  const board = await apiLeaderboard({
    method: 'BRADLEY_TERRY',
    intervalMethod: 'BOOTSTRAP',
    judgeKinds: ['HUMAN'],
  });
  expect(board.entries.length).toBe(59);
  expect(await tableRows()).toEqual(board.entries.map(expectedRow));
  const demo = await computeLeaderboard(server.database.db, DEMO_SLICE);
  expect(board.entries.map((entry) => [entry.model.name, entry.rating])).toEqual(
    demo.entries.map((entry) => [entry.model.name, entry.rating]),
  );
  const caption = await page.textContent('table.leaderboard caption');
  expect(caption).toContain(
    `over ${board.verdictCount.toLocaleString('en-US')} verdicts, 59 models`,
  );
  const plotted = await page.locator('.forest-plot g.row > title').allTextContents();
  expect(plotted).toEqual(
    board.entries.map(
      (entry) =>
        `${entry.rank}. ${entry.model.name}: ${entry.rating.toFixed(1)} (95% interval ${entry.ciLower?.toFixed(1)} – ${entry.ciUpper?.toFixed(1)})`,
    ),
  );
  expect(await page.getAttribute('.forest-plot svg', 'aria-label')).toContain('59 models');
});

test('every slice option round-trips through the URL, and a control change writes it', async () => {
  const query =
    '?interval=SANDWICH&kind=HUMAN&category=creativity&baseline=GPT+4&anchor=GPT+4&anchorRating=1200&strong=2&swap=MERGE&sort=battles&dir=desc';
  await open(`/${query}`);
  const input = {
    method: 'BRADLEY_TERRY',
    intervalMethod: 'SANDWICH',
    judgeKinds: ['HUMAN'],
    categories: ['creativity'],
    baseline: 'GPT 4',
    anchor: { model: 'GPT 4', rating: 1200 },
    strongVerdictWeight: 2,
    swapPolicy: 'MERGE',
  };
  const board = await apiLeaderboard(input);
  const byBattles = byBattlesDescending(board.entries);
  const rows = await tableRows();
  expect(rows.map((row) => row.slice(0, 8))).toEqual(byBattles.map(expectedRow));
  // The win rate vs the baseline, then its interval in brackets when there is one.
  expect(rows.map((row) => row[8]?.replace(/ \(.*\)$/, ''))).toEqual(
    byBattles.map((entry) => `${entry.winRateVsBaseline?.toFixed(1)}%`),
  );
  expect(await page.inputValue('select[name="interval"]')).toBe('SANDWICH');
  expect(await page.isChecked('input[name="kind"][value="HUMAN"]')).toBe(true);
  expect(await page.inputValue('select[name="baseline"]')).toBe('GPT 4');
  expect(await page.inputValue('input[name="anchorRating"]')).toBe('1200');
  expect(await page.inputValue('select[name="swap"]')).toBe('MERGE');
  expect(
    await page
      .locator('select[name="category"] option:checked')
      .evaluateAll((options) => options.map((option) => option.getAttribute('value'))),
  ).toEqual(['creativity']);

  // A reload of the same address shows the same view.
  await page.reload();
  await viewReady(page);
  expect(await tableRows()).toEqual(rows);

  // Changing a control writes the URL; the table follows; Back returns to the previous state.
  await page.selectOption('select[name="swap"]', 'DROP_INCONSISTENT');
  await page.waitForURL(/swap=DROP_INCONSISTENT/);
  expect(new URL(page.url()).searchParams.get('category')).toBe('creativity');
  const dropped = await apiLeaderboard({ ...input, swapPolicy: 'DROP_INCONSISTENT' });
  await eventually(async () => {
    const now = await tableRows();
    expect(now.map((row) => row[1])).toEqual(
      byBattlesDescending(dropped.entries).map((entry) => entry.model.name),
    );
  });
  await page.goBack();
  await page.waitForURL(/swap=MERGE/);
  await eventually(async () => expect(await tableRows()).toEqual(rows));

  // Sorting is a column header button, keyboard-operable, and lives in the URL too.
  await page.focus('th button.sort >> text=Rating');
  await page.keyboard.press('Enter');
  await page.waitForURL(/sort=rating/);
  const ratings = (await tableRows()).map((row) => Number(row[2]));
  expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
});

test('a board mixing human and LLM judges says so, and one click splits it', async () => {
  await open('/?kind=all');
  expect(await page.textContent('.mixing')).toContain(
    'This board mixes 8,931 human verdicts from 124 judges and 4,278 LLM verdicts from 2 judges',
  );
  await page.click('.mixing a >> text=LLM only');
  await page.waitForURL((url) => url.searchParams.getAll('kind').join() === 'LLM');
  await viewReady(page);
  const llm = await apiLeaderboard({
    method: 'BRADLEY_TERRY',
    intervalMethod: 'BOOTSTRAP',
    judgeKinds: ['LLM'],
  });
  await eventually(async () => expect(await tableRows()).toEqual(llm.entries.map(expectedRow)));
  expect(await page.locator('.mixing').count()).toBe(0);
  expect(await page.textContent('.judge-kinds')).toContain(
    'LLM judges only (4,278 LLM verdicts from 2 judges); the data also hold human judges.',
  );
  await page.click('.judge-kinds a >> text=both, mixed');
  await page.waitForURL((url) => url.searchParams.get('kind') === 'all');
  await page.waitForSelector('.mixing');
  // The same on the other boards.
  await open('/overview?kind=all&interval=NONE');
  expect(await page.textContent('.mixing')).toContain('This board mixes 8,931 human verdicts');
  await open('/matrices?kind=all');
  expect(await page.textContent('.mixing')).toContain('This board mixes 8,931 human verdicts');
});

test('the baseline and anchor menus list only the slice’s rated models; the Models filter says what it keeps', async () => {
  const listed = ['GPT 4', 'Claude v1', 'GPT 3.5 Turbo'];
  await open(`/?${listed.map((name) => `model=${encodeURIComponent(name)}`).join('&')}`);
  const board = await apiLeaderboard({
    method: 'BRADLEY_TERRY',
    judgeKinds: ['HUMAN'],
    models: listed,
  });
  // In the menus by name.
  const rated = board.entries.map((entry) => entry.model.name).sort((a, b) => a.localeCompare(b));
  expect(rated.length).toBeGreaterThan(1);
  expect(rated.length).toBeLessThan(59);
  const options = (name: string) =>
    page
      .locator(`select[name="${name}"] option`)
      .evaluateAll((items) => items.map((item) => item.textContent?.trim()));
  await eventually(async () => expect(await options('baseline')).toEqual(['none', ...rated]));
  expect(await options('anchor')).toEqual(['mean 1000', ...rated]);
  expect(await page.textContent('#models-hint')).toContain(
    'Keeps only verdicts between two of the listed models',
  );
  expect(await page.getAttribute('input[name="model"]', 'aria-describedby')).toBe('models-hint');
});

test('the heatmaps hold one cell per pair with the API’s values, readable by hover and keys', async () => {
  await open('/matrices?kind=LLM');
  const result = await server.graphql(
    'query ($input: LeaderboardInput) { leaderboard(input: $input) { entries { model { name } } winRates { modelA { name } modelB { name } predicted empirical battles } } }',
    { input: { method: 'BRADLEY_TERRY', judgeKinds: ['LLM'], bootstrapRounds: 0 } },
  );
  const { entries, winRates } = result.data.leaderboard as {
    entries: { model: { name: string } }[];
    winRates: {
      modelA: { name: string };
      modelB: { name: string };
      predicted: number;
      empirical: number | null;
      battles: number;
    }[];
  };
  expect(await page.locator('.heatmap rect[data-cell]').count()).toBe(winRates.length);
  const [first, second] = entries.map((entry) => entry.model.name);
  const pair = winRates.find((rate) => rate.modelA.name === first && rate.modelB.name === second);
  expect(pair).toBeDefined();
  await page.hover('.heatmap rect[data-cell="0,1"]');
  expect(await page.textContent('.heatmap .readout')).toBe(
    `${first} vs ${second}: ${pair?.predicted.toFixed(1)}%`,
  );

  await page.click('[role="tab"] >> text=Battle count');
  await page.waitForURL(/matrix=count/);
  await viewReady(page);
  expect(await page.locator('.heatmap rect[data-cell]').count()).toBe(
    winRates.filter((rate) => rate.battles > 0).length,
  );
  await page.focus('.heatmap svg');
  await page.keyboard.press('ArrowDown');
  const down = winRates.find(
    (rate) => rate.modelA.name === entries[1]?.model.name && rate.modelB.name === second,
  );
  expect(await page.textContent('.heatmap .readout')).toBe(
    down === undefined || down.battles === 0
      ? `${entries[1]?.model.name} vs ${second}: no value`
      : `${entries[1]?.model.name} vs ${second}: ${down.battles} battles`,
  );

  await page.click('[role="tab"] >> text=Empirical win rate');
  await page.waitForURL(/matrix=empirical/);
  expect(await page.locator('.heatmap rect[data-cell]').count()).toBe(
    winRates.filter((rate) => rate.empirical !== null).length,
  );
});

test('the overview shows each model’s rank in every category, linking to that leaderboard', async () => {
  await open('/overview?kind=HUMAN&interval=SANDWICH');
  const categories = (await server.graphql('{ categories { name } }')).data.categories.map(
    (category: { name: string }) => category.name,
  ) as string[];
  expect(categories.length).toBeGreaterThan(1);
  const overall = await apiLeaderboard({
    method: 'BRADLEY_TERRY',
    intervalMethod: 'SANDWICH',
    judgeKinds: ['HUMAN'],
  });
  const perCategory = await Promise.all(
    categories.map((category) =>
      apiLeaderboard({
        method: 'BRADLEY_TERRY',
        intervalMethod: 'SANDWICH',
        judgeKinds: ['HUMAN'],
        categories: [category],
      }),
    ),
  );
  const rows = await cellTexts('table.overview tbody tr');
  expect(rows).toEqual(
    overall.entries.map((entry) => [
      entry.model.name,
      String(entry.rank),
      ...perCategory.map((board) =>
        String(
          board.entries.find((candidate) => candidate.model.name === entry.model.name)?.rank ?? '–',
        ),
      ),
    ]),
  );
  await page.click(`table.overview thead a >> text=${categories[0]}`);
  await page.waitForURL(
    (url) => url.pathname === '/' && url.searchParams.get('category') === categories[0],
  );
  await viewReady(page);
  expect((await tableRows()).map((row) => row[0])).toEqual(
    perCategory[0]?.entries.map((entry) => String(entry.rank)),
  );
});

test('head to head shows the record of two models and the verdicts where they met', async () => {
  const met = await server.graphql(
    '{ verdicts(first: 1, filter: { judgeKinds: [LLM] }) { nodes { modelA { name } modelB { name } } } }',
  );
  const { modelA, modelB } = met.data.verdicts.nodes[0];
  await open(
    `/head-to-head?a=${encodeURIComponent(modelA.name)}&b=${encodeURIComponent(modelB.name)}&kind=all`,
  );
  const api = await server.graphql(
    'query ($a: String!, $b: String!) { headToHead(modelA: $a, modelB: $b) { wins losses ties verdictCount empiricalWinRate predictedWinRate } verdicts(filter: { models: [$a, $b] }, first: 50) { nodes { id } } }',
    { a: modelA.name, b: modelB.name },
  );
  const record = api.data.headToHead;
  // Opened on both kinds, the record says it pools them.
  const pairKinds = await server.graphql(
    'query ($input: LeaderboardInput) { leaderboard(input: $input) { judgeKinds { kind verdicts } } }',
    { input: { models: [modelA.name, modelB.name], bootstrapRounds: 0 } },
  );
  const [human, llm] = pairKinds.data.leaderboard.judgeKinds;
  expect([human.kind, llm.kind]).toEqual(['HUMAN', 'LLM']);
  expect(await page.textContent('.mixing')).toContain(
    `This record mixes ${human.verdicts} human verdicts`,
  );
  const figure = (name: string) => page.textContent(`[data-figure="${name}"]`);
  expect(await figure('verdicts')).toBe(String(record.verdictCount));
  expect(await figure('wins')).toBe(String(record.wins));
  expect(await figure('losses')).toBe(String(record.losses));
  expect(await figure('ties')).toBe(String(record.ties));
  expect(await figure('empirical')).toBe(
    record.empiricalWinRate === null ? '–' : `${record.empiricalWinRate.toFixed(1)}%`,
  );
  expect(await figure('predicted')).toBe(`${record.predictedWinRate.toFixed(1)}%`);
  expect(
    await page
      .locator('table.battles tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-verdict'))),
  ).toEqual(api.data.verdicts.nodes.map((node: { id: string }) => node.id));

  await page.click('table.battles tbody tr:first-child a');
  await page.waitForURL(/\/battles\/\d+/);
  await viewReady(page);
  expect(await page.textContent('#answer-A')).toBe(`Answer A: ${modelA.name}`);
  expect(await page.textContent('#answer-B')).toBe(`Answer B: ${modelB.name}`);
});

test('the judges view shows each judge’s bias and consistency and their agreement, as the API does', async () => {
  await open('/judges');
  const report = (
    await server.graphql(
      '{ judgeReport(judge: "gpt-4") { verdicts positionBias { firstShownWinRate } swapConsistency { pairs rate } } }',
    )
  ).data.judgeReport;
  const [row = []] = await cellTexts('table.judges tr[data-judge="gpt-4"]');
  // Label columns no judge used are folded away: columns are found by their header.
  const headers = (await page.locator('table.judges thead th').allTextContents()).map((text) =>
    text.trim(),
  );
  const column = (header: string) => row[headers.indexOf(header)];
  expect(row[0]).toBe('gpt-4');
  expect(row[1]).toBe(report.verdicts.toLocaleString('en-US'));
  // LLMFAO's files do not say which answer was shown first, so the bias is unavailable there.
  if (report.positionBias.firstShownWinRate === null)
    expect(column('First shown wins')).toMatch(/^unavailable/);
  else
    expect(column('First shown wins')).toBe(
      `${(100 * report.positionBias.firstShownWinRate).toFixed(1)}%`,
    );
  expect(column('Swap pairs')).toBe(report.swapConsistency.pairs.toLocaleString('en-US'));
  const pair = (
    await server.graphql(
      '{ judgeAgreement(judgeA: "gpt-4", judgeB: "HUMAN_MAJORITY") { kappa } rankingAgreement(judgeA: "gpt-4", judgeB: "HUMAN_MAJORITY") { spearman } }',
    )
  ).data;
  const [pairRow = []] = await cellTexts('table.judge-pairs tr[data-pair="gpt-4|HUMAN_MAJORITY"]');
  expect(pairRow[5]).toBe(pair.judgeAgreement.kappa.toFixed(3));
  expect(pairRow[6]).toBe(pair.rankingAgreement.spearman.toFixed(3));
});

test('the page is readable on a phone: no horizontal page scroll, controls folded away', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open('/');
  const overflow = Number(
    await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    ),
  );
  expect(overflow).toBeLessThanOrEqual(0);
  expect(await page.getAttribute('details.controls', 'open')).toBeNull();
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('the battle view shows the prompt, both answers side by side and the judgment; a runaway answer scrolls in its box', async () => {
  const transcript = parseJudgeTranscript(
    await readFile(path.join(__dirname, '..', '..', 'demo', 'judge-prompt-transcript.txt'), 'utf8'),
  );
  expect(transcript).not.toBeNull();
  const judgment =
    'Assistant A gives an ordered path from linear algebra to transformers.\n\nAssistant B starts well, then repeats the same four sections (**Read Books**, **Attend Conferences**, …) dozens of times.\n\nMy final verdict is: [[A>>B]]';
  const recorded = await server.graphql(
    `mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { results { status verdict { id } } } }`,
    {
      input: {
        verdicts: [
          {
            judge: 'browser-test-judge',
            judgeKind: 'LLM',
            modelA: 'arena-hard-assistant-a',
            modelB: 'arena-hard-assistant-b',
            shownFirst: 'A',
            judgment,
            prompt: { externalId: 'demo:arena-hard-transcript', text: transcript?.prompt },
            responseA: transcript?.answerA,
            responseB: transcript?.answerB,
          },
        ],
      },
    },
  );
  const { status, verdict } = recorded.data.recordVerdicts.results[0];
  expect(status).toBe('ACCEPTED');
  await open(`/battles/${verdict.id}`);
  expect(await page.textContent('.prompt-body')).toContain(
    'In what order should I learn Deep Learning',
  );
  expect(await page.textContent('[data-side="A"] .answer-body')).toContain('Linear Algebra');
  expect(await page.textContent('[data-side="B"] .answer-body')).toContain(
    'Participate in Hackathons',
  );
  expect(await page.textContent('.verdict-line')).toContain(
    'arena-hard-assistant-a A>>B arena-hard-assistant-b',
  );
  expect(await page.textContent('.verdict-line')).toContain('answer A was shown first');
  expect(await page.textContent('.judgment.current .judgment-body')).toContain(
    'repeats the same four sections',
  );
  // Markdown is rendered (headers and bold of answer B), and the long answer scrolls in its box.
  expect(await page.locator('[data-side="B"] .answer-body h3').count()).toBeGreaterThan(20);
  const box = await page.evaluate<{ scroll: number; client: number }>(
    `(() => { const element = document.querySelector('[data-side="B"] .answer-body');
    return { scroll: element.scrollHeight, client: element.clientHeight }; })()`,
  );
  expect(box.scroll).toBeGreaterThan(3 * box.client);
  expect(box.client).toBeLessThan(600);
});

test('a verdict recorded through the API appears without a reload, and the page says how fresh it is', async () => {
  await open('/?kind=HUMAN');
  expect(await page.locator('tr[data-model="browser-test-newcomer"]').count()).toBe(0);
  const verdicts = ['GPT 4', 'Claude v1'].map((opponent, i) => ({
    judge: 'browser-test-annotator',
    judgeKind: 'HUMAN',
    modelA: 'browser-test-newcomer',
    modelB: opponent,
    outcome: i === 0 ? 'A_BETTER' : 'B_BETTER',
    prompt: { externalId: 'llmfao:1' },
  }));
  const recorded = await server.graphql(
    'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }',
    { input: { verdicts } },
  );
  expect(recorded.data.recordVerdicts.accepted).toBe(2);
  await page.waitForSelector('tr[data-model="browser-test-newcomer"]', { timeout: 20_000 });
  const board = await apiLeaderboard({
    method: 'BRADLEY_TERRY',
    intervalMethod: 'BOOTSTRAP',
    judgeKinds: ['HUMAN'],
  });
  await eventually(async () => expect(await tableRows()).toEqual(board.entries.map(expectedRow)));
  expect(await page.textContent('.freshness')).toMatch(
    /(Live|Polling) · checked \d+ s ago · last verdict \d+ s ago/,
  );
});

test('no request left the origin and nothing went wrong in the console', () => {
  expect(browser.requests.length).toBeGreaterThan(20);
  expect(browser.requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
  expect(browser.errors).toEqual([]);
});
