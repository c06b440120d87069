/** What an operator sees: request logs, production hardening, and refusing to start unprotected. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createApiKey } from '../../src/services/api-keys';
import { startTestServer } from '../support/test-server';

test('every request logs one JSON line without keys, variables or verdict texts', async () => {
  const lines: string[] = [];
  const server = await startTestServer({ auth: true, log: (line) => lines.push(line) });
  try {
    const { key } = await createApiKey(server.database.db, 'logger-test', 'write');
    await server.graphql(
      'mutation Ingest($input: RecordVerdictsInput!) { recordVerdicts(input: $input) { accepted } }',
      {
        input: {
          verdicts: [
            {
              judge: 'j',
              prompt: { text: 'a very private prompt' },
              modelA: 'a',
              modelB: 'b',
              judgment: 'confidential reasoning [[A>B]]',
            },
          ],
        },
      },
      { authorization: `Bearer ${key}` },
    );
    await server.graphql(
      'query Board { leaderboard(input: { bootstrapRounds: 0 }) { verdictCount } }',
    );
    await server.graphql(
      'mutation Denied { recordVerdicts(input: { verdicts: [] }) { accepted } }',
    );
    expect(lines).toHaveLength(3);
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries[0]).toMatchObject({
      operation: 'Ingest',
      type: 'mutation',
      status: 'ok',
      errorCodes: [],
      apiKeyId: expect.any(Number),
    });
    expect(entries[1]).toMatchObject({
      operation: 'Board',
      type: 'query',
      status: 'ok',
      apiKeyId: null,
    });
    expect(entries[2]).toMatchObject({
      operation: 'Denied',
      status: 'error',
      errorCodes: ['UNAUTHENTICATED'],
      httpStatus: 401,
    });
    for (const entry of entries) expect(entry.durationMs).toBeGreaterThan(0);
    const all = lines.join('\n');
    for (const secret of [key, secretOf(key), 'a very private prompt', 'confidential reasoning'])
      expect(all).not.toContain(secret);
  } finally {
    await server.close();
  }
});

test('production turns off introspection and Sandbox and hides internals', async () => {
  const server = await startTestServer({ production: true });
  try {
    const introspection = await server.graphql('{ __schema { types { name } } }');
    expect(introspection.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const page = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('embeddable-sandbox');
    const bad = await server.graphql('{ verdicts(first: 1, after: "bogus") { nodes { id } } }');
    expect(bad.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    const wrongType = await server.graphql('{ verdicts(first: "x") { nodes { id } } }');
    expect(JSON.stringify(wrongType)).not.toMatch(/stacktrace|node_modules|\.ts:/);
  } finally {
    await server.close();
  }
});

describe('starting on a public address', () => {
  const main = path.join(__dirname, '..', '..', 'dist', 'main.js');
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'verdicts-exposed-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  function serve(env: Record<string, string>): Promise<{ status: number | null; output: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [main, 'serve'], {
        env: {
          ...process.env,
          DATABASE_URL: '',
          VERDICTS_DATA_DIR: dataDir,
          PORT: '0',
          HOST: '0.0.0.0',
          VERDICTS_LOG_REQUESTS: 'false',
          ...env,
        },
      });
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (output.includes('GraphQL API on')) child.kill('SIGTERM');
      });
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('exit', (status) => resolve({ status, output }));
    });
  }

  test('is refused while no API key exists, unless auth is off explicitly', async () => {
    const refused = await serve({});
    expect(refused.status).toBe(2);
    expect(refused.output).toContain(
      'refusing to listen on 0.0.0.0: API keys are on but none exists',
    );
    const open = await serve({ VERDICTS_AUTH: 'off' });
    expect(open.output).toContain('API keys are off (VERDICTS_AUTH=off)');
    expect(open.status).toBe(0);
  });

  test('a second process is refused while the server holds the embedded database', async () => {
    const child = spawn(process.execPath, [main, 'serve'], {
      env: {
        ...process.env,
        DATABASE_URL: '',
        VERDICTS_DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        VERDICTS_LOG_REQUESTS: 'false',
      },
    });
    let output = '';
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (output.includes('GraphQL API on')) resolve();
      }),
    );
    const second = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const cli = spawn(process.execPath, [main, 'keys', 'list'], {
        env: { ...process.env, DATABASE_URL: '', VERDICTS_DATA_DIR: dataDir },
      });
      let stderr = '';
      cli.stderr.on('data', (chunk) => (stderr += chunk));
      cli.on('exit', (status) => resolve({ status, stderr }));
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    expect(second.status).toBe(2);
    expect(second.stderr).toContain(`is in use by process ${child.pid}`);
  });

  test('is allowed once a key exists (made with verdicts keys create)', async () => {
    const created = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [main, 'keys', 'create', '--scope', 'admin', '--name', 'operator'],
        { env: { ...process.env, DATABASE_URL: '', VERDICTS_DATA_DIR: dataDir } },
      );
      let stdout = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.on('exit', (status) => resolve({ status, stdout }));
    });
    expect(created.status).toBe(0);
    expect(created.stdout.trim()).toMatch(/^vk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const started = await serve({});
    expect(started.status).toBe(0);
    expect(started.output).toContain('GraphQL API on');
  });
});

/** The secret part of `vk_<prefix>_<secret>` (the secret itself may contain '_'). */
function secretOf(key: string): string {
  return key.slice(key.indexOf('_', key.indexOf('vk_') + 3) + 1);
}
