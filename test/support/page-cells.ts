/**
 * Shared by the dashboard's browser tests: each table row's cells as shown, and an API answer
 * that must carry no error.
 */
import type { Page } from 'playwright-core';
import type { TestServer } from './test-server';

/** Each row's cells as shown (text with whitespace collapsed, help links and arrows left out). */
export async function cellsOf(page: Page, rowSelector: string): Promise<string[][]> {
  const script = `Array.from(document.querySelectorAll(${JSON.stringify(rowSelector)}), (row) =>
    Array.from(row.children, (cell) => {
      const copy = cell.cloneNode(true);
      copy.querySelectorAll('[aria-hidden="true"], [data-decoration]').forEach((node) => node.remove());
      return (copy.textContent ?? '').replace(/\\s+/g, ' ').trim();
    }))`;
  return await page.evaluate<string[][]>(script);
}

/** The API's data for a document that must succeed. */
export async function apiData<Data = any>(
  server: TestServer,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Data> {
  const result = await server.graphql(query, variables);
  expect(result.errors).toBeUndefined();
  return result.data as Data;
}
