/**
 * The dashboard's HTTP side: served at / with a strict Content-Security-Policy, hashed assets
 * cached for good, client routes falling back to the page, the API untouched (POST / still
 * reaches GraphQL). The browser tests (test/browser/) check what the page shows.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { contentSecurityPolicy, DASHBOARD_DIRECTORY } from '../../src/web/static-site';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let origin: string;

beforeAll(async () => {
  server = await startTestServer();
  origin = server.url.replace(/\/graphql$/, '');
});
afterAll(() => server.close());

test('the page is served at / with a strict policy and no inline script', async () => {
  const response = await fetch(`${origin}/`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const policy = response.headers.get('content-security-policy') ?? '';
  expect(policy).toContain("default-src 'self'");
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain(
    `connect-src 'self' ws://${new URL(origin).host} wss://${new URL(origin).host}`,
  );
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('cache-control')).toBe('no-cache');
  const html = await response.text();
  expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/[^"]+\.js"><\/script>/);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(html).not.toMatch(/https?:\/\//);
});

test('hashed assets are immutable, gzipped when asked, and a missing one is a 404', async () => {
  const scripts = readdirSync(path.join(DASHBOARD_DIRECTORY, 'assets')).filter((name) =>
    name.endsWith('.js'),
  );
  expect(scripts.length).toBeGreaterThan(0);
  const response = await fetch(`${origin}/assets/${scripts[0]}`, {
    headers: { 'accept-encoding': 'gzip' },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(response.headers.get('content-encoding')).toBe('gzip');
  expect((await response.text()).length).toBeGreaterThan(1000);
  const missing = await fetch(`${origin}/assets/index-missing.js`);
  expect(missing.status).toBe(404);
});

test('client routes fall back to the page; the API paths keep their own answers', async () => {
  for (const route of ['/matrices', '/battles/12', '/head-to-head?a=x&b=y']) {
    const response = await fetch(`${origin}${route}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="app">');
  }
  const health = await fetch(`${origin}/healthz`);
  expect(await health.json()).toMatchObject({ status: 'ok' });
  const posted = await fetch(`${origin}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ models { name } }' }),
  });
  expect(await posted.json()).toEqual({ data: { models: [] } });
});

test('a Host header that is not a plain host never enters the policy', () => {
  expect(contentSecurityPolicy('evil.example; script-src *')).toContain("connect-src 'self';");
  expect(contentSecurityPolicy('[::1]:4000')).toContain('ws://[::1]:4000');
});
