/**
 * The README's "Recording verdicts from a judge pipeline" snippets: each is a file in examples/,
 * quoted verbatim, and each stores its verdicts through a real server with a real API key.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { createApiKey } from '../../src/services/api-keys';
import { startTestServer, type TestServer } from '../support/test-server';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const PYTHON_EXAMPLE = path.join(ROOT, 'examples', 'record_verdicts.py');
const TYPESCRIPT_EXAMPLE = path.join(ROOT, 'examples', 'record-verdicts.ts');

let server: TestServer;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  server = await startTestServer({ auth: true });
  const { key } = await createApiKey(server.database.db, 'examples-test', 'write');
  env = { ...process.env, VERDICTS_URL: server.url, VERDICTS_API_KEY: key };
});
afterAll(async () => {
  await server.close();
});

async function storedVerdicts(externalId: string): Promise<unknown[]> {
  const { data } = await server.graphql<{
    verdicts: { nodes: { prompt: { externalId: string }; outcome: string; shownFirst: string }[] };
  }>(
    '{ verdicts(first: 500) { nodes { prompt { externalId } outcome shownFirst judge { name version kind } modelA { name } modelB { name } } } }',
  );
  return (data?.verdicts.nodes ?? []).filter((node) => node.prompt.externalId === externalId);
}

test('the Python snippet (standard library only) stores its swap pair, and a re-run stores nothing', async () => {
  const first = await run('python3', [PYTHON_EXAMPLE], { env });
  expect(first.stdout).toBe('accepted 2, duplicates 0, rejected 0\n');
  const again = await run('python3', [PYTHON_EXAMPLE], { env });
  expect(again.stdout).toBe('accepted 0, duplicates 2, rejected 0\n');
  const judge = { name: 'gpt-4-1106-preview', version: 'arena-hard-v0.1', kind: 'LLM' };
  expect(await storedVerdicts('py-q1')).toEqual([
    {
      prompt: { externalId: 'py-q1' },
      outcome: 'A_BETTER',
      shownFirst: 'A',
      judge,
      modelA: { name: 'gpt-4-0613' },
      modelB: { name: 'claude-2' },
    },
    {
      prompt: { externalId: 'py-q1' },
      outcome: 'B_BETTER',
      shownFirst: 'A',
      judge,
      modelA: { name: 'claude-2' },
      modelB: { name: 'gpt-4-0613' },
    },
  ]);
});

test('the TypeScript snippet (graphql-request) stores its swap pair', async () => {
  // Compiled as the project compiles (CommonJS), next to the project's node_modules.
  const source = await readFile(TYPESCRIPT_EXAMPLE, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const directory = path.join(ROOT, 'dist-examples');
  await mkdir(directory, { recursive: true });
  const compiled = path.join(directory, 'record-verdicts.js');
  await writeFile(compiled, outputText);
  const { stdout } = await run(process.execPath, [compiled], { env });
  expect(stdout).toBe('accepted 2, duplicates 0, rejected 0\n');
  const stored = (await storedVerdicts('ts-q1')) as { outcome: string }[];
  expect(stored.map((verdict) => verdict.outcome)).toEqual(['A_MUCH_BETTER', 'B_MUCH_BETTER']);
});

test("a wrong API key is refused with the server's message", async () => {
  await expect(
    run('python3', [PYTHON_EXAMPLE], { env: { ...env, VERDICTS_API_KEY: 'vk_wrong' } }),
  ).rejects.toMatchObject({
    stderr: expect.stringMatching(/HTTPError|API key/),
  });
});

test('the README quotes both snippets verbatim', async () => {
  const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Recording verdicts from a judge pipeline'));
  const blocks = [...section.matchAll(/```(python|ts)\n([\s\S]*?)```/g)].map(
    ([, language, code]) => ({ language, code }),
  );
  expect(blocks.slice(0, 2)).toEqual([
    { language: 'python', code: await readFile(PYTHON_EXAMPLE, 'utf8') },
    { language: 'ts', code: await readFile(TYPESCRIPT_EXAMPLE, 'utf8') },
  ]);
});
