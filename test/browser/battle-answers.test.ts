/**
 * The battle view of an Arena-Hard battle whose file carries no answer text: with the questions
 * and answers imported after the battles (the order of the report in issue #18), the view shows
 * both stored answers, not "No answer stored", and says the order shown is unknown.
 */
import type { Page } from 'playwright-core';
import { openDashboard, viewReady, type Dashboard, type TestBrowser } from '../support/browser';
import { importBattles, importQuestionsAndAnswers } from '../support/arena-hard-files';
import type { TestServer } from '../support/test-server';

jest.setTimeout(120_000);

let dashboard: Dashboard;
let server: TestServer;
let browser: TestBrowser;
let page: Page;
let origin: string;

beforeAll(async () => {
  ({ server, browser, page, origin } = dashboard = await openDashboard());
  expect(await importBattles(server)).toMatchObject({ accepted: 2658, rejected: 0 });
  await importQuestionsAndAnswers(server);
}, 240_000);

afterAll(() => dashboard?.close());

test('the battle view shows both answers of a battle imported without them', async () => {
  const listed = await server.graphql(`{ verdicts(first: 1) { nodes {
    id modelA { name } modelB { name } responseA { text } responseB { text } } } }`);
  const [verdict] = listed.data.verdicts.nodes;
  expect(verdict.responseA).not.toBeNull();
  expect(verdict.responseB).not.toBeNull();
  await page.goto(`${origin}/battles/${verdict.id}`);
  await viewReady(page);
  // The first line of each answer, as text (markdown marks aside), is on the page.
  const firstWords = (text: string) =>
    text
      .split('\n')
      .find((line) => /[A-Za-z]{3}/.test(line))!
      .replace(/[#*`_>[\]]/g, '')
      .trim()
      .split(/\s+/)
      .slice(0, 4)
      .join(' ');
  const sideA = await page.textContent('[data-side="A"]');
  const sideB = await page.textContent('[data-side="B"]');
  expect(sideA).toContain(`Answer A: ${verdict.modelA.name}`);
  expect(sideB).toContain(`Answer B: ${verdict.modelB.name}`);
  expect(sideA).not.toContain('No answer stored');
  expect(sideB).not.toContain('No answer stored');
  expect(await page.textContent('[data-side="A"] .answer-body')).toContain(
    firstWords(verdict.responseA.text),
  );
  expect(await page.textContent('[data-side="B"] .answer-body')).toContain(
    firstWords(verdict.responseB.text),
  );
  // The battle file does not say what the judge saw first.
  expect(sideA).toContain('Order shown unknown');
  expect(browser.errors).toEqual([]);
});
