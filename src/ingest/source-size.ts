/**
 * How many bytes of text a source file holds, without reading it: its size, or for a gzip file
 * (told by its magic bytes, as read-lines.ts does) the uncompressed size that gzip's trailer
 * records, modulo 2^32 (RFC 1952 §2.3.1, ISIZE).
 */
import { open } from 'node:fs/promises';
import { GZIP_MAGIC } from './read-lines';

/** A gzip header (10 bytes) and trailer (8): anything shorter is not a gzip file. */
const GZIP_MIN_BYTES = 18;

export async function textSizeOfFile(file: string): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size < GZIP_MIN_BYTES) return size;
    const head = Buffer.alloc(GZIP_MAGIC.length);
    await handle.read(head, 0, head.length, 0);
    if (!GZIP_MAGIC.every((byte, index) => head[index] === byte)) return size;
    const trailer = Buffer.alloc(4);
    await handle.read(trailer, 0, 4, size - 4);
    // ISIZE wraps at 4 GiB; text is never smaller than its gzip, so the larger one is a floor.
    return Math.max(size, trailer.readUInt32LE(0));
  } finally {
    await handle.close();
  }
}
