import type { SourceLine } from '../../src/ingest/parser';
import { splitJsonArray } from '../../src/ingest/json-array';
import { nonFiniteToNull, parseJson, readJsonRecords } from '../../src/ingest/json-records';
import { collect } from './ingest-helpers';

async function* linesOf(text: string): AsyncGenerator<SourceLine> {
  let line = 0;
  for (const part of text.split('\n')) yield { line: ++line, text: part };
}

const split = (text: string, maxElementChars?: number) =>
  collect(splitJsonArray(linesOf(text), { maxElementChars }));

describe('splitJsonArray', () => {
  it('yields each element of a pretty-printed array with the line it starts on', async () => {
    const text = JSON.stringify([{ a: 1 }, { b: [1, 2, { c: 'x' }] }], null, 2);
    const parts = await split(text);
    expect(parts).toEqual([
      { kind: 'element', line: 2, indexInLine: 0, text: '{\n    "a": 1\n  }' },
      { kind: 'element', line: 5, indexInLine: 0, text: expect.stringContaining('"b"') },
    ]);
    expect(parts.map((part) => (part.kind === 'element' ? JSON.parse(part.text) : null))).toEqual([
      { a: 1 },
      { b: [1, 2, { c: 'x' }] },
    ]);
  });

  it('counts elements that start on the same line, so a one-line array still gives distinct positions', async () => {
    const parts = await split('[{"a":1},{"a":1}, {"a":1}]');
    expect(parts.map((part) => part.kind === 'element' && [part.line, part.indexInLine])).toEqual([
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
  });

  it('is not misled by brackets, commas, quotes and escapes inside strings', async () => {
    const value = [
      { text: 'a ] b } c , d [ " e \\ f', nested: ['],', '\\"'] },
      'plain, string',
      42,
      null,
      true,
    ];
    const parts = await split(JSON.stringify(value, null, 1));
    expect(parts.map((part) => (part.kind === 'element' ? JSON.parse(part.text) : part))).toEqual(
      value,
    );
  });

  it('reads an empty array and an empty file as no elements', async () => {
    expect(await split('[\n]\n')).toEqual([]);
    expect(await split('')).toEqual([]);
  });

  it('reports a file cut inside an element, after the complete elements before it', async () => {
    const text = JSON.stringify([{ a: 1 }, { b: 2 }, { c: 'truncated here' }], null, 2);
    const parts = await split(text.slice(0, text.indexOf('truncated')));
    expect(parts.slice(0, 2).map((part) => part.kind)).toEqual(['element', 'element']);
    expect(parts[2]).toEqual({
      kind: 'error',
      line: 8,
      reason: 'the file ends inside the array element starting on line 8 (truncated file?).',
    });
  });

  it('reports an array that is never closed', async () => {
    const parts = await split('[\n{"a": 1},\n');
    expect(parts[1]).toEqual({
      kind: 'error',
      line: 3,
      reason: "the file ends before the JSON array is closed with ']' (truncated file?).",
    });
  });

  it('stops at text that is not an array, or at text after its end', async () => {
    expect(await split('{"a": 1}')).toEqual([
      { kind: 'error', line: 1, reason: "expected a JSON array starting with '[', but found '{'." },
    ]);
    const after = await split('[1]\n[2]');
    expect(after[1]).toEqual({
      kind: 'error',
      line: 2,
      reason: "expected nothing after the closing ']' of the JSON array, but found '['.",
    });
  });

  it('reports an element larger than the limit', async () => {
    const parts = await split(`[\n"${'x'.repeat(100)}\n${'y'.repeat(100)}"]`, 150);
    expect(parts).toEqual([
      {
        kind: 'error',
        line: 2,
        reason: 'the array element starting on line 2 is longer than 150 characters.',
      },
    ]);
  });
});

describe('readJsonRecords', () => {
  it('reads JSON lines, skipping blank lines, and reports a malformed line without echoing it', async () => {
    const records = await collect(readJsonRecords(linesOf('{"a": 1}\n\n{"secret": \n{"b": 2}')));
    expect(records).toEqual([
      { kind: 'record', line: 1, indexInLine: 0, value: { a: 1 } },
      { kind: 'error', line: 3, reason: 'invalid JSON: unexpected end of JSON input.' },
      { kind: 'record', line: 4, indexInLine: 0, value: { b: 2 } },
    ]);
  });

  it('detects a JSON array by its first non-blank character', async () => {
    const records = await collect(readJsonRecords(linesOf('\n  [\n {"a": 1},\n {"a": }\n]')));
    expect(records).toEqual([
      { kind: 'record', line: 3, indexInLine: 0, value: { a: 1 } },
      { kind: 'error', line: 4, reason: "invalid JSON: unexpected token '}'." },
    ]);
  });

  it("reads Python's NaN and Infinity as null", () => {
    expect(parseJson('{"p": NaN, "q": -Infinity, "s": "NaN stays", "r": [Infinity]}')).toEqual({
      ok: true,
      value: { p: null, q: null, s: 'NaN stays', r: [null] },
    });
    expect(nonFiniteToNull('{"a": "x\\"NaN", "b": NaN}')).toBe('{"a": "x\\"NaN", "b": null}');
  });
});
