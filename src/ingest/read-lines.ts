/**
 * Reads a source (a path, `-` for stdin, or a byte stream) as numbered text lines in constant
 * memory. Gzip is recognised by its magic bytes (RFC 1952 §2.3.1: 1f 8b), not by the file name,
 * so `battles.json` that is really gzipped works and `x.gz` that is plain text works too.
 * A UTF-8 byte order mark is dropped; lines may end in LF or CRLF.
 *
 * Lines are also available in batches (one per chunk read): an async step per line costs about
 * a microsecond, which is most of the time spent on a pretty-printed JSON array, so the
 * format readers take whole batches through `lineBatches`.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { batchedOf, batchesOf, type Batched } from '../domain/batches';
import type { SourceLine } from './parser';

export type { SourceLine } from './parser';

/** A source could not be read to its end: missing file, truncated gzip, an over-long line. */
export class SourceReadError extends Error {
  constructor(
    message: string,
    /** The last line read completely before the failure (0 when none was). */
    readonly lastLine: number,
  ) {
    super(message);
    this.name = 'SourceReadError';
  }
}

export interface ReadLinesOptions {
  /** Name used in error messages; defaults to the path's base name or `stdin`. */
  name?: string;
  /** A longer line is an error rather than an out-of-memory crash. */
  maxLineChars?: number;
}

/** Lines one by one, or in batches; either way the source is read once. */
export type SourceLines = Batched<SourceLine>;

export const DEFAULT_MAX_LINE_CHARS = 256 * 1024 * 1024;
/** Larger chunks are decoded in slices of this size, so a batch stays small. */
const MAX_DECODE_BYTES = 1024 * 1024;
export const GZIP_MAGIC = [0x1f, 0x8b] as const;

export function readSourceLines(
  source: string | Readable,
  options: ReadLinesOptions = {},
): SourceLines {
  return sourceLinesOf(readLineBatches(source, options));
}

/** Lines over a stream of batches, which may be read once, as lines or as batches. */
export function sourceLinesOf(batchStream: AsyncIterable<readonly SourceLine[]>): SourceLines {
  return batchedOf(batchStream, 'source lines');
}

/** Batches of lines from any line source: the reader's own batches, or one line at a time. */
export const lineBatches: (
  lines: AsyncIterable<SourceLine>,
) => AsyncGenerator<readonly SourceLine[]> = batchesOf;

async function* readLineBatches(
  source: string | Readable,
  options: ReadLinesOptions,
): AsyncGenerator<SourceLine[]> {
  const name =
    options.name ??
    (typeof source === 'string' ? (source === '-' ? 'stdin' : basename(source)) : 'stream');
  const maxLineChars = options.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
  const stream =
    typeof source === 'string'
      ? source === '-'
        ? process.stdin
        : createReadStream(source)
      : source;
  const ownsStream = typeof source === 'string' && source !== '-';

  const decoder = new StringDecoder('utf8');
  let lineNumber = 0;
  let pieces: string[] = [];
  let pendingChars = 0;
  let atStart = true;

  function split(text: string): SourceLine[] {
    const batch: SourceLine[] = [];
    if (atStart && text.length > 0) {
      atStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline === -1) break;
      let line = text.slice(start, newline);
      if (pieces.length > 0) {
        pieces.push(line);
        line = pieces.join('');
        pieces = [];
        pendingChars = 0;
      }
      start = newline + 1;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      checkLength(line.length);
      lineNumber += 1;
      batch.push({ line: lineNumber, text: line });
    }
    if (start < text.length) {
      pieces.push(text.slice(start));
      pendingChars += text.length - start;
      checkLength(pendingChars);
    }
    return batch;
  }

  function checkLength(length: number): void {
    if (length > maxLineChars) {
      throw new SourceReadError(
        `${name}: line ${lineNumber + 1} is longer than ${maxLineChars} characters; ` +
          'a single-line JSON array this large must be pretty-printed or converted to JSON lines first.',
        lineNumber,
      );
    }
  }

  try {
    for await (const chunk of decompressIfGzipped(bytesOf(stream))) {
      for (let offset = 0; offset < chunk.length; offset += MAX_DECODE_BYTES) {
        const batch = split(decoder.write(chunk.subarray(offset, offset + MAX_DECODE_BYTES)));
        if (batch.length > 0) yield batch;
      }
    }
    const batch = split(decoder.end());
    if (pieces.length > 0) {
      let line = pieces.join('');
      pieces = [];
      if (line.endsWith('\r')) line = line.slice(0, -1);
      lineNumber += 1;
      batch.push({ line: lineNumber, text: line });
    }
    if (batch.length > 0) yield batch;
  } catch (error) {
    throw describeReadError(error, name, lineNumber);
  } finally {
    if (ownsStream) stream.destroy();
  }
}

async function* bytesOf(stream: Readable): AsyncGenerator<Buffer> {
  for await (const chunk of stream) {
    yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
  }
}

async function* decompressIfGzipped(chunks: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
  let head: Buffer = Buffer.alloc(0);
  while (head.length < GZIP_MAGIC.length) {
    const next = await chunks.next();
    if (next.done) break;
    head = head.length === 0 ? next.value : Buffer.concat([head, next.value]);
  }
  async function* replayed(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    yield* chunks;
  }
  if (head[0] !== GZIP_MAGIC[0] || head[1] !== GZIP_MAGIC[1]) {
    yield* replayed();
    return;
  }
  const compressed = Readable.from(replayed());
  // pipeline destroys the gunzip stream with the first error of either side, so the loop
  // below rejects instead of waiting forever for data that will never come.
  const gunzip = pipeline(compressed, createGunzip(), () => {});
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } finally {
    compressed.destroy();
    gunzip.destroy();
  }
}

function describeReadError(error: unknown, name: string, lastLine: number): Error {
  if (error instanceof SourceReadError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(message)) {
    return new SourceReadError(
      `${name}: the gzip data ends early (truncated file) after line ${lastLine}.`,
      lastLine,
    );
  }
  if (code?.startsWith('Z_')) {
    return new SourceReadError(
      `${name}: the gzip data is corrupt after line ${lastLine} (${message}).`,
      lastLine,
    );
  }
  if (code === 'ENOENT') return new SourceReadError(`${name}: no such file.`, lastLine);
  return new SourceReadError(`${name}: cannot read past line ${lastLine}: ${message}`, lastLine);
}
