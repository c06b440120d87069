import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { textSizeOfFile } from '../../src/ingest/source-size';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'verdicts-source-size-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileOf(name: string, bytes: Buffer | string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

test('a plain file counts at its size, a gzip one at its text, whatever the names say', async () => {
  const text = '{"model_a":"x","model_b":"y","winner":"model_a"}\n'.repeat(5000);
  const gzipped = gzipSync(text);
  expect(gzipped.length).toBeLessThan(text.length / 10);
  expect(await textSizeOfFile(await fileOf('battles.jsonl', text))).toBe(text.length);
  expect(await textSizeOfFile(await fileOf('battles.jsonl.gz', gzipped))).toBe(text.length);
  expect(await textSizeOfFile(await fileOf('really-gzip.json', gzipped))).toBe(text.length);
  expect(await textSizeOfFile(await fileOf('plain.gz', text))).toBe(text.length);
  expect(await textSizeOfFile(await fileOf('empty.jsonl', ''))).toBe(0);
  expect(await textSizeOfFile(await fileOf('short.gz', Buffer.from([0x1f, 0x8b, 1])))).toBe(3);
});
