/** How the battle view cuts a long answer into pieces it lays out one at a time. */
import { markdownChunks } from '../../web/src/components/markdown-chunks';

test('a short text is one piece', () => {
  expect(markdownChunks('one\n\ntwo', 100)).toEqual(['one\n\ntwo']);
  expect(markdownChunks('', 100)).toEqual(['']);
});

test('pieces join back to the text and stay near the size', () => {
  const text = Array.from({ length: 500 }, (_, i) => `Paragraph ${i} of some words.`).join('\n\n');
  const chunks = markdownChunks(text, 1000);
  expect(chunks.join('')).toBe(text);
  expect(chunks.length).toBeGreaterThan(10);
  for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(1000);
});

test('a cut falls after a blank line, never inside a code fence', () => {
  const fence = '```\ncode line\n\nmore code\n```\n';
  const text = `intro\n\n${fence}\noutro paragraph`;
  const chunks = markdownChunks(text, text.indexOf('more code') + 3);
  expect(chunks[0]).toBe('intro\n\n');
  expect(chunks.join('')).toBe(text);
});

test('without blank lines a cut falls at a line end, and without line ends at the size', () => {
  expect(markdownChunks('aaaa\nbbbb\ncccc', 8)).toEqual(['aaaa\n', 'bbbb\n', 'cccc']);
  expect(markdownChunks('x'.repeat(25), 10)).toEqual([
    'x'.repeat(10),
    'x'.repeat(10),
    'x'.repeat(5),
  ]);
});

test('a cut never splits a surrogate pair', () => {
  const text = `${'x'.repeat(9)}😀${'y'.repeat(9)}`;
  const chunks = markdownChunks(text, 10);
  expect(chunks[0]).toBe(`${'x'.repeat(9)}😀`);
  expect(chunks.join('')).toBe(text);
});
