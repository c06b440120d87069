/**
 * Headless Chromium for the dashboard tests: the system's own Chromium (`.ci/run` installs it
 * from the distribution when missing) driven by playwright-core, with a fresh profile per run.
 * Every request the page makes and every console error is recorded, so a test can assert that
 * nothing left the origin and nothing went wrong.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestServer, type TestServer, type TestServerOptions } from './test-server';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Where the browser tests write their screenshots: test-output/screenshots (git-ignored), so a
 * test run leaves the checkout clean; `SCREENSHOTS_DIR=docs/screenshots` refreshes the README's.
 */
export const SCREENSHOTS = path.resolve(
  process.env.SCREENSHOTS_DIR ?? path.join(__dirname, '..', '..', 'test-output', 'screenshots'),
);

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Every URL the page requested. */
  requests: string[];
  /** Console errors and uncaught exceptions, as text. */
  errors: string[];
  close(): Promise<void>;
}

function chromiumPath(): string {
  const fromEnvironment = process.env.CHROMIUM_PATH;
  if (fromEnvironment) return fromEnvironment;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      'The dashboard tests need Chromium: `apt-get install -y chromium` (or set CHROMIUM_PATH), but `which chromium` found none.',
    );
  }
}

export async function launchBrowser(viewport = { width: 1280, height: 900 }): Promise<TestBrowser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'verdicts-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return {
    context,
    page,
    requests,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the view has drawn its data (views set `data-ready="true"` when they have). */
export async function viewReady(page: Page): Promise<void> {
  await page.waitForSelector('main [data-ready="true"]', { timeout: 30_000 });
}

/** A test file's server and browser, opened together and closed together. */
export interface Dashboard {
  server: TestServer;
  browser: TestBrowser;
  page: Page;
  /** The dashboard's origin: the server's URL without `/graphql`. */
  origin: string;
  close(): Promise<void>;
}

/**
 * Starts a server (a fresh database) and Chromium for one test file, for its `beforeAll`; the
 * file stores its data through `server` afterwards, and its `afterAll` calls `close`.
 */
export async function openDashboard(options: TestServerOptions = {}): Promise<Dashboard> {
  const server = await startTestServer(options);
  let browser: TestBrowser;
  try {
    browser = await launchBrowser();
  } catch (error) {
    // The file's afterAll has no dashboard to close: without this the open server kept the
    // jest process alive after its summary (Chromium missing, say).
    await server.close();
    throw error;
  }
  return {
    server,
    browser,
    page: browser.page,
    origin: server.url.replace(/\/graphql$/, ''),
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
