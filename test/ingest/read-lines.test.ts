import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { SourceLine } from '../../src/ingest/parser';
import { lineBatches, readSourceLines, SourceReadError } from '../../src/ingest/read-lines';
import { collect } from './ingest-helpers';

function fromChunks(...chunks: Buffer[]): Readable {
  return Readable.from(chunks);
}

async function lines(source: Readable | string, options = {}) {
  return (await collect(readSourceLines(source, options))).map(({ line, text }) => [line, text]);
}

const directory = mkdtempSync(join(tmpdir(), 'verdicts-lines-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('readSourceLines', () => {
  it('numbers lines from 1 and keeps blank lines', async () => {
    expect(await lines(fromChunks(Buffer.from('a\n\nb\n')))).toEqual([
      [1, 'a'],
      [2, ''],
      [3, 'b'],
    ]);
  });

  it('yields a last line that has no line break', async () => {
    expect(await lines(fromChunks(Buffer.from('a\nb')))).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });

  it('reads an empty source as no lines', async () => {
    expect(await lines(fromChunks(Buffer.alloc(0)))).toEqual([]);
  });

  it('removes CR of CRLF line ends but keeps other carriage returns', async () => {
    expect(await lines(fromChunks(Buffer.from('a\r\nb\rc\r\n')))).toEqual([
      [1, 'a'],
      [2, 'b\rc'],
    ]);
  });

  it('drops a UTF-8 byte order mark', async () => {
    expect(await lines(fromChunks(Buffer.from('\uFEFFid,x\n1,2\n')))).toEqual([
      [1, 'id,x'],
      [2, '1,2'],
    ]);
  });

  it('joins lines and multi-byte characters split across chunks', async () => {
    const bytes = Buffer.from('héllo wörld\nzwei\n', 'utf8');
    const chunks = Array.from(bytes, (byte) => Buffer.from([byte]));
    expect(await lines(fromChunks(...chunks))).toEqual([
      [1, 'héllo wörld'],
      [2, 'zwei'],
    ]);
  });

  it('recognises gzip by its magic bytes, whatever the file is called', async () => {
    const path = join(directory, 'battles.json');
    writeFileSync(path, gzipSync(Buffer.from('\uFEFFfirst\r\nsecond\r\n')));
    expect(await lines(path)).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
  });

  it('reads a plain file named .gz as text', async () => {
    const path = join(directory, 'plain.jsonl.gz');
    writeFileSync(path, 'not compressed\n');
    expect(await lines(path)).toEqual([[1, 'not compressed']]);
  });

  it('reports a truncated gzip stream as an error naming the last line read, instead of hanging', async () => {
    const text = Array.from(
      { length: 2000 },
      (_, i) => `{"row": ${i}, "padding": "${'x'.repeat(i % 50)}"}`,
    ).join('\n');
    const compressed = gzipSync(Buffer.from(text));
    const truncated = compressed.subarray(0, Math.floor(compressed.length / 2));
    const reading = collect(readSourceLines(fromChunks(truncated), { name: 'cut.jsonl.gz' }));
    await expect(reading).rejects.toThrow(SourceReadError);
    await expect(
      collect(readSourceLines(fromChunks(truncated), { name: 'cut.jsonl.gz' })),
    ).rejects.toThrow(
      /cut\.jsonl\.gz: the gzip data ends early \(truncated file\) after line \d+\./,
    );
  });

  it('reports a corrupt gzip stream', async () => {
    const compressed = Buffer.from(gzipSync(Buffer.from('hello\nworld\n')));
    compressed[compressed.length - 6] ^= 0xff; // break the CRC-32 trailer
    await expect(
      collect(readSourceLines(fromChunks(compressed), { name: 'bad.gz' })),
    ).rejects.toThrow(/bad\.gz: the gzip data is corrupt/);
  });

  it('reports a missing file by name', async () => {
    await expect(collect(readSourceLines('/nonexistent/dir/battles.json'))).rejects.toThrow(
      'battles.json: no such file.',
    );
  });

  it('stops at a line longer than the limit instead of running out of memory', async () => {
    const source = fromChunks(
      Buffer.from('short\n'),
      Buffer.from('x'.repeat(600)),
      Buffer.from('x'.repeat(600)),
    );
    await expect(
      collect(readSourceLines(source, { name: 'one-line.json', maxLineChars: 1000 })),
    ).rejects.toThrow(/one-line\.json: line 2 is longer than 1000 characters/);
  });
});

describe('lineBatches', () => {
  it("gives the reader's lines a chunk at a time, numbered as one by one", async () => {
    const source = readSourceLines(fromChunks(Buffer.from('a\nb\nc'), Buffer.from('d\ne\n')));
    const batches = await collect(lineBatches(source));
    expect(batches.map((batch) => batch.map(({ line, text }) => `${line}:${text}`))).toEqual([
      ['1:a', '2:b'],
      ['3:cd', '4:e'],
    ]);
  });

  it('wraps any other line source one line per batch', async () => {
    async function* lines(): AsyncGenerator<SourceLine> {
      yield { line: 7, text: 'x' };
    }
    expect(await collect(lineBatches(lines()))).toEqual([[{ line: 7, text: 'x' }]]);
  });

  it('refuses to read a source twice', async () => {
    const source = readSourceLines(fromChunks(Buffer.from('a\n')));
    await collect(source);
    expect(() => source.batches()).toThrow('source lines can be read only once.');
  });
});
