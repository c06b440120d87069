/**
 * Search and GraphiQL in headless Chromium, on whichever driver DATABASE_URL selects (issue 23).
 * The search view shows what `search` answers and opens battles; GraphiQL at /graphiql loads
 * from our own assets with every request to another origin refused, shows the schema docs, has
 * the README's examples as tabs, runs a query and a live subscription. Nothing leaves the
 * origin and nothing is logged as an error.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openDashboard, type Dashboard } from '../support/browser';

jest.setTimeout(120_000);

let dashboard: Dashboard;
let page: Page;
let origin: string;

const README_OPERATIONS = [
  ...readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8').matchAll(
    /```graphql\n([\s\S]*?)```/g,
  ),
].map((match) => match[1]);

function verdict(i: number, prompt: string, answer: string) {
  return {
    judge: i % 2 === 0 ? 'explore-llm' : 'explore-crowd',
    judgeKind: i % 2 === 0 ? 'LLM' : 'HUMAN',
    prompt: { externalId: `explore-${prompt.length}-${prompt.slice(0, 12)}`, text: prompt },
    modelA: `model-${i % 3}`,
    modelB: `model-${(i + 1) % 3}`,
    responseA: answer,
    responseB: `A different reply, number ${i}.`,
    outcome: i % 3 === 0 ? 'A_BETTER' : 'B_BETTER',
    idempotencyKey: `explore-${i}`,
  };
}

async function record(verdicts: Record<string, unknown>[]): Promise<void> {
  const result = await dashboard.server.graphql(
    'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }',
    { input: { verdicts } },
  );
  expect(result.errors).toBeUndefined();
  expect(result.data.recordVerdicts.accepted).toBe(verdicts.length);
}

beforeAll(async () => {
  dashboard = await openDashboard();
  page = dashboard.page;
  origin = dashboard.origin;
  // Refuse every request that leaves the server: GraphiQL must not need the internet.
  await dashboard.browser.context.route(
    (url) => url.origin !== origin,
    (route) => route.abort(),
  );
  await record([
    verdict(
      0,
      'Write a haiku about Kubernetes pods.',
      'Pods wake in the dark, the scheduler hums.',
    ),
    verdict(1, 'Write a haiku about Kubernetes pods.', 'Containers drift by.'),
    verdict(2, 'Explain binary search.', 'Halve the interval each step; a haiku of logarithms.'),
    verdict(3, 'What is the capital of France?', 'Paris.'),
  ]);
});
afterAll(async () => {
  await dashboard.close();
});

afterEach(() => {
  expect(dashboard.browser.requests.filter((url) => !url.startsWith(origin))).toEqual([]);
  expect(dashboard.browser.errors).toEqual([]);
});

test('search shows the prompts, snippets, battles and judges the API answers, and opens a battle', async () => {
  const api = await dashboard.server.graphql(
    `query ($query: String!) { search(query: $query, first: 20) { nodes {
       prompt { id } judges { name } battles(first: 5) { totalCount verdicts { id } }
       matchedAnswers { response { id } }
     } } }`,
    { query: 'haiku' },
  );
  expect(api.errors).toBeUndefined();
  const hits = api.data.search.nodes;
  expect(hits).toHaveLength(2);

  await page.goto(`${origin}/search`);
  await page.fill('#search-query', 'haiku');
  await page.click('form[role="search"] button[type="submit"]');
  await page.waitForSelector('[data-search-ready="true"]');
  expect(new URL(page.url()).searchParams.get('q')).toBe('haiku');
  const shown = await page.$$eval('.search-hit', (items) =>
    items.map((item) => ({
      prompt: item.getAttribute('data-prompt'),
      judges: item.querySelector('[data-judges]')?.getAttribute('data-judges'),
      battles: [...item.querySelectorAll('tr[data-verdict]')].map((row) =>
        row.getAttribute('data-verdict'),
      ),
      answers: [...item.querySelectorAll('[data-response]')].map((answer) =>
        answer.getAttribute('data-response'),
      ),
      marked: [...item.querySelectorAll('mark')].map((mark) => mark.textContent),
    })),
  );
  expect(
    shown.map(({ prompt, judges, battles, answers }) => ({ prompt, judges, battles, answers })),
  ).toEqual(
    hits.map((hit: any) => ({
      prompt: hit.prompt.id,
      judges: hit.judges.map((judge: any) => judge.name).join(', '),
      battles: hit.battles.verdicts.map((found: any) => found.id),
      answers: hit.matchedAnswers.map((match: any) => match.response.id),
    })),
  );
  for (const hit of shown) expect(hit.marked.length).toBeGreaterThan(0);

  const first = hits[0].battles.verdicts[0].id;
  await page.click(`tr[data-verdict="${first}"] a[href^="/battles/"]`);
  await page.waitForURL((url) => url.pathname === `/battles/${first}`);
});

test('a query with no searchable word is said to be one, not shown as no results', async () => {
  await page.goto(`${origin}/search?q=${encodeURIComponent('the and of')}`);
  await page.waitForSelector('.search [role="alert"]');
  expect(await page.textContent('.search [role="alert"]')).toContain('has no word to search for');
});

/** The text of a GraphiQL editor (CodeMirror 5 keeps its instance on its element). */
function editorText(selector: string): Promise<string> {
  return page.$eval(selector, (element) =>
    (element.querySelector('.CodeMirror') as any).CodeMirror.getValue(),
  );
}

/** Waits until one of the CodeMirror editors inside `selector` holds `needle`. */
async function waitForEditors(selector: string, needle: string): Promise<void> {
  // A function, not a string: the page's CSP forbids evaluating strings. (No DOM types here.)
  await page.waitForFunction(
    ([inside, text]) =>
      [...(globalThis as any).document.querySelectorAll(`${inside} .CodeMirror`)].some(
        (editor: any) => editor.CodeMirror.getValue().includes(text),
      ),
    [selector, needle],
  );
}

/** Waits for a condition on the server, checked on every turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs a named `operation` in the active tab. GraphiQL reads the operation name from the editor
 * a moment after an edit; the tab's title shows it, so that is the sign it may be run.
 */
async function runInGraphiql(operation: string): Promise<void> {
  const name = operation.match(/^(?:query|mutation|subscription) (\w+)/)?.[1];
  if (name === undefined) throw new Error(`expected a named operation, received: ${operation}`);
  await page.$eval(
    '.graphiql-query-editor',
    (element, text) => (element.querySelector('.CodeMirror') as any).CodeMirror.setValue(text),
    operation,
  );
  await page.waitForSelector(`.graphiql-tab-active .graphiql-tab-button >> text="${name}"`);
  await page.click('.graphiql-execute-button');
}

test('GraphiQL loads offline from our assets, shows the docs, and runs a query and a subscription', async () => {
  const response = await page.goto(`${origin}/graphiql`);
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("script-src 'self';");
  expect(policy).toContain("style-src 'self';");
  expect(policy).toContain("font-src 'self' data:;");
  expect(await page.title()).toContain('GraphiQL');
  await page.waitForSelector('.graphiql-container');
  // It fills the window, not only its editors' height.
  const box = await page.locator('.graphiql-container').boundingBox();
  expect(box?.height).toBe(page.viewportSize()?.height);
  expect(await page.locator('.graphiql-tab').count()).toBe(README_OPERATIONS.length);
  // Each tab is titled by its operation's name, not "<untitled>".
  expect(await page.locator('.graphiql-tab .graphiql-tab-button').allTextContents()).toEqual(
    README_OPERATIONS.map(
      (operation) => operation.match(/^(?:query|mutation|subscription) (\w+)/)?.[1],
    ),
  );
  // The header editor (beside the variables editor) holds the key's header, to fill in.
  await waitForEditors('.graphiql-editor-tool', '"Authorization": ""');

  await page.click('button[aria-label="Show Documentation Explorer"]');
  await page.waitForSelector('.graphiql-doc-explorer >> text=Query');
  await page.click('.graphiql-doc-explorer a:has-text("Query")');
  await page.waitForSelector('.graphiql-doc-explorer >> text=search');

  const query =
    'query SearchHaiku { search(query: "haiku", first: 5) { nodes { prompt { text } } } }';
  const expected = await dashboard.server.graphql(query);
  await runInGraphiql(query);
  await waitForEditors('.result-window', '"data"');
  expect(JSON.parse(await editorText('.result-window'))).toEqual({ data: expected.data });

  const live = () => dashboard.server.server.liveCounts().subscriptions;
  const before = live();
  await runInGraphiql(
    'subscription LiveVerdicts { verdictsRecorded { verdicts { prompt { text } } } }',
  );
  // Live: the subscription says nothing until a verdict is recorded after it started.
  await until(() => live() > before);
  await record([verdict(4, 'Why is the sky blue?', 'Rayleigh scattering.')]);
  await waitForEditors('.result-window', 'Why is the sky blue?');
});

test('Apollo Sandbox, when it cannot load, points to GraphiQL', async () => {
  const landing = await fetch(`${origin}/graphql`, { headers: { accept: 'text/html' } });
  const html = await landing.text();
  expect(html).toMatch(
    /Apollo Sandbox cannot be loaded[\s\S]*?<a href="\/graphiql">Open GraphiQL<\/a>/,
  );
  const redirect = await fetch(`${origin}/sandbox`, { redirect: 'manual' });
  expect(redirect.status).toBe(302);
  expect(redirect.headers.get('location')).toBe('/graphql');
  await page.goto(`${origin}/`);
  expect(await page.getAttribute('footer a[data-graphiql-link]', 'href')).toBe('/graphiql');
});
