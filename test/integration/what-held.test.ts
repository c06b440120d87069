/**
 * Issue 19, "what held and must keep holding": the hostile review's payloads against the static
 * files (no path traversal, however the path is spelled) and the header and body limits (431 for
 * oversized headers, 413 for a body over the limit whether declared or streamed in chunks), each
 * followed by a request the server must still answer. Raw HTTP, so that no client normalises the
 * paths first.
 */
import http from 'node:http';
import net from 'node:net';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let port: number;
beforeAll(async () => {
  server = await startTestServer({ maxRequestBytes: 64 * 1024 });
  port = server.server.port;
});
afterAll(async () => {
  await server.close();
});

interface RawAnswer {
  status: number;
  body: string;
}

/** One request with the path exactly as written, over a fresh connection. */
function rawRequest(
  path: string,
  options: { method?: string; headers?: Record<string, string>; chunks?: Buffer[] } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
      },
      (response) => {
        const parts: Buffer[] = [];
        response.on('data', (chunk: Buffer) => parts.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(parts).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    for (const chunk of options.chunks ?? []) request.write(chunk);
    request.end();
  });
}

/** Bytes written straight to a socket: paths no HTTP client would send. */
function socketRequest(text: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
      resolve({ status, body: received.slice(received.indexOf('\r\n\r\n') + 4) });
    });
    socket.write(text);
  });
}

async function stillAnswers(): Promise<void> {
  const answer = await server.graphql('{ __typename }');
  expect(answer.data).toEqual({ __typename: 'Query' });
}

/** Text that only files outside web/dist hold: the package manifest, sources, system files. */
const OUTSIDE = [
  /"devDependencies"/,
  /root:.*:0:0:/,
  /^import /m,
  /DATABASE_URL=/,
  /"compilerOptions"/,
];

const TRAVERSALS = [
  '/../package.json',
  '/../../../../../../etc/passwd',
  '/assets/../../package.json',
  '/assets/../../../src/server.ts',
  '/%2e%2e/package.json',
  '/%2E%2E/%2E%2E/package.json',
  '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
  '/assets/..%2f..%2fpackage.json',
  '/assets/%252e%252e%252fpackage.json',
  '/..%5c..%5cpackage.json',
  '/assets/..\\..\\package.json',
  '//etc/passwd',
  '/assets//../../tsconfig.json',
  '/index.html%00.js',
  '/assets/%00../../package.json',
  '/%c0%ae%c0%ae/package.json',
  '/package.json',
  '/tsconfig.json',
  '/src/server.ts',
  '/dist/main.js',
  '/.env',
  '/web/dist/index.html/../../../package.json',
  '/battles/..%2f..%2f..%2fpackage.json',
];

test.each(TRAVERSALS)('%s serves nothing from outside the dashboard', async (path) => {
  const answer = await rawRequest(path);
  expect([200, 400, 404]).toContain(answer.status);
  for (const marker of OUTSIDE) expect(answer.body).not.toMatch(marker);
});

test('absolute-form and malformed request targets are refused, never served from disk', async () => {
  for (const target of ['http://127.0.0.1/../../package.json', '*', '..\\package.json']) {
    const answer = await socketRequest(
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    );
    expect(answer.status).toBeGreaterThanOrEqual(200);
    expect(answer.status).toBeLessThan(500);
    for (const marker of OUTSIDE) expect(answer.body).not.toMatch(marker);
  }
  await stillAnswers();
});

test('headers over 16 KiB are refused with 431, and the server carries on', async () => {
  const answer = await socketRequest(
    `GET /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(20 * 1024)}\r\nConnection: close\r\n\r\n`,
  );
  expect(answer.status).toBe(431);
  const many = Array.from({ length: 2000 }, (_, i) => `X-H${i}: ${'b'.repeat(10)}`).join('\r\n');
  const manyAnswer = await socketRequest(
    `GET /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n${many}\r\nConnection: close\r\n\r\n`,
  );
  expect(manyAnswer.status).toBe(431);
  await stillAnswers();
});

test('a body over the limit is 413 whether declared or streamed in chunks, and the server carries on', async () => {
  const declared = await socketRequest(
    `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\nConnection: close\r\n\r\n{"query":`,
  );
  expect(declared.status).toBe(413);
  expect(JSON.parse(declared.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  const chunk = Buffer.from(`"${'x'.repeat(16 * 1024)}`);
  const streamed = await rawRequest('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    chunks: [
      Buffer.from('{"query":"{ __typename }","variables":{"p":'),
      chunk,
      chunk,
      chunk,
      chunk,
      chunk,
    ],
  });
  expect(streamed.status).toBe(413);
  expect(JSON.parse(streamed.body).errors[0]).toEqual({
    message: 'Request bodies must be at most 65536 bytes, but this one is larger.',
    extensions: { code: 'PAYLOAD_TOO_LARGE' },
  });
  await stillAnswers();
});
