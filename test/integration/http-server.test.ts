import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ maxRequestBytes: 64 * 1024 });
});
afterAll(async () => {
  await server.close();
});

test('the server runs on the database the environment names', () => {
  expect(server.database.driver).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
});

test('/healthz answers when the database does', async () => {
  const response = await fetch(server.url.replace('/graphql', '/healthz'));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', database: server.database.driver });
});

test('idle keep-alive connections outlive a 60 s proxy pool, so clients close them first', async () => {
  // Node's default (5 s) raced clients reusing a connection the server was closing: ECONNRESET.
  const response = await fetch(server.url.replace('/graphql', '/healthz'));
  await response.text();
  expect(response.headers.get('keep-alive')).toBe('timeout=65');
});

test('an unknown path is a coded 404', async () => {
  const response = await fetch(server.url.replace('/graphql', '/nope'));
  expect(response.status).toBe(404);
  expect(await response.json()).toEqual({
    errors: [
      {
        message: 'No such path "/nope"; GraphQL is served at /graphql.',
        extensions: { code: 'NOT_FOUND' },
      },
    ],
  });
});

test('a body over the size limit is refused with 413 before it is parsed', async () => {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: '{ models { name } }',
      variables: { padding: 'x'.repeat(70 * 1024) },
    }),
  });
  expect(response.status).toBe(413);
  const body: any = await response.json();
  expect(body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  expect(body.errors[0].message).toMatch(
    /^Request bodies must be at most 65536 bytes, but this one/,
  );
});

test('malformed JSON and invalid UTF-8 are coded 400s', async () => {
  for (const body of [
    Buffer.from('{"query": '),
    Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  ]) {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    const json: any = await response.json();
    expect(json.errors[0].extensions.code).toBe('BAD_REQUEST');
  }
});

test('a browser gets Apollo Sandbox on /graphql in development, and /sandbox leads there', async () => {
  const response = await fetch(server.url, { headers: { accept: 'text/html' } });
  expect(response.status).toBe(200);
  expect(await response.text()).toContain('embeddable-sandbox');
  const sandbox = await fetch(server.url.replace('/graphql', '/sandbox'), { redirect: 'manual' });
  expect(sandbox.status).toBe(302);
  expect(sandbox.headers.get('location')).toBe('/graphql');
});

test('a simple cross-site POST is blocked by CSRF prevention', async () => {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: '{"query":"{ models { name } }"}',
  });
  expect(response.status).toBe(400);
  expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
});

test('a wrong type in variables is a coded BAD_USER_INPUT', async () => {
  const result = await server.graphql(
    'query ($first: Int) { verdicts(first: $first) { nodes { id } } }',
    { first: 'ten' },
  );
  expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
});

describe('the compiled server process', () => {
  let child: ChildProcessWithoutNullStreams;
  let output = '';

  afterEach(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  test('drains an in-flight batch on SIGTERM, then closes the database and exits 0', async () => {
    child = spawn(
      process.execPath,
      [path.join(__dirname, '..', '..', 'dist', 'main.js'), 'serve'],
      {
        // Not NODE_ENV=test (Jest's): libraries behave differently there, e.g. Apollo's own signal handlers.
        env: {
          ...process.env,
          NODE_ENV: 'development',
          PORT: '0',
          VERDICTS_DATA_DIR: 'memory://',
          VERDICTS_AUTH: 'off',
          VERDICTS_LOG_REQUESTS: 'false',
        },
      },
    );
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 30_000);
      child.stdout.on('data', () => {
        const match = /GraphQL API on (\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );

    const verdicts = Array.from({ length: 3000 }, (_, i) => ({
      judge: 'drain-judge',
      prompt: { externalId: `q${i % 300}` },
      modelA: `m${i % 9}`,
      modelB: `m${(i % 9) + 1}`,
      outcome: 'TIE',
      idempotencyKey: `d${i}`,
    }));
    // Half the body goes first, so the request is surely in flight when the signal arrives (a
    // fixed delay before the signal raced the connection on a loaded machine); the rest follows it.
    const body = Buffer.from(
      JSON.stringify({
        query:
          'mutation ($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }',
        variables: { input: { verdicts } },
      }),
    );
    const request = http.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': body.length },
    });
    const inFlight = new Promise<{
      errors?: unknown;
      data: { recordVerdicts: { accepted: number } };
    }>((resolve, reject) => {
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve(JSON.parse(text)));
      });
      request.on('error', reject);
    });
    await new Promise<void>((resolve) =>
      request.write(body.subarray(0, body.length >> 1), () => resolve()),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalled = Date.now();
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    request.end(body.subarray(body.length >> 1));

    const result = await inFlight;
    expect(result.errors).toBeUndefined();
    expect(result.data.recordVerdicts.accepted).toBe(3000);
    expect(await exited).toBe(0);
    // Once nothing is in flight it stops at once, not after the 10 s drain grace period.
    expect(Date.now() - signalled).toBeLessThan(8000);
    expect(output).toContain('SIGTERM: finishing in-flight requests, then closing the database.');
  });
});
