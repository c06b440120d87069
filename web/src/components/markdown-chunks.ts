/**
 * A long text cut into pieces the browser can lay out one at a time. A model's answer can be
 * megabytes (a 2 MB answer is within the API's limit); parsing and laying it out at once froze
 * the tab for tens of seconds. Cuts fall on a blank line outside a code fence where there is
 * one, so each piece is whole markdown blocks; otherwise on a line end; a text with no line end
 * at all (one 400,000-character "word") is cut at the size, never inside a surrogate pair.
 */

/** Characters per piece: a few screens of dense prose, parsed and laid out in well under 100 ms. */
export const CHUNK_CHARACTERS = 20_000;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Where the last cut at or before `limit` may fall: after a blank line outside a fence. */
function blockBoundary(text: string, start: number, limit: number): number | null {
  let inFence = false;
  let best: number | null = null;
  let lineStart = start;
  while (lineStart < limit) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 || newline >= limit ? limit : newline;
    const line = text.slice(lineStart, lineEnd);
    if (FENCE.test(line)) inFence = !inFence;
    else if (!inFence && line.trim() === '' && lineStart > start && lineEnd < limit)
      best = lineEnd + 1;
    if (newline === -1 || newline >= limit) break;
    lineStart = newline + 1;
  }
  return best;
}

function cutAt(text: string, start: number, size: number): number {
  const limit = start + size;
  if (limit >= text.length) return text.length;
  const block = blockBoundary(text, start, limit);
  if (block !== null) return block;
  const newline = text.lastIndexOf('\n', limit - 1);
  if (newline > start) return newline + 1;
  const code = text.charCodeAt(limit - 1);
  // A high surrogate ends the piece: keep it with its low half.
  return code >= 0xd800 && code <= 0xdbff ? limit + 1 : limit;
}

/** The text in pieces of at most about `size` characters; joined they are the text. */
export function markdownChunks(text: string, size = CHUNK_CHARACTERS): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    const end = cutAt(text, start, size);
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks.length > 0 ? chunks : [''];
}
