import { readCsvObjects, readCsvRows } from '../../src/ingest/csv';
import type { SourceLine } from '../../src/ingest/parser';
import { collect } from './ingest-helpers';

/** Lines as the reader gives them: split on LF, CR of CRLF removed. */
async function* linesOf(text: string): AsyncGenerator<SourceLine> {
  let line = 0;
  for (const part of text.split('\n'))
    yield { line: ++line, text: part.endsWith('\r') ? part.slice(0, -1) : part };
}

describe('readCsvRows', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, numbered by their first line', async () => {
    const rows = await collect(
      readCsvRows(linesOf('a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\nplain,,end\r\n')),
    );
    expect(rows).toEqual([
      { kind: 'row', line: 1, fields: ['a', 'b', 'c'] },
      { kind: 'row', line: 2, fields: ['x, y', 'say "hi"', 'two\nlines'] },
      { kind: 'row', line: 4, fields: ['plain', '', 'end'] },
    ]);
  });

  it('keeps empty fields, a trailing empty field and blank lines inside quotes', async () => {
    const rows = await collect(readCsvRows(linesOf('a,\n"",b\n"x\n\ny",z')));
    expect(rows.map((row) => row.kind === 'row' && row.fields)).toEqual([
      ['a', ''],
      ['', 'b'],
      ['x\n\ny', 'z'],
    ]);
  });

  it('skips blank lines between records', async () => {
    const rows = await collect(readCsvRows(linesOf('a\n\nb\n')));
    expect(rows.map((row) => row.kind === 'row' && [row.line, row.fields])).toEqual([
      [1, ['a']],
      [3, ['b']],
    ]);
  });

  it('keeps a stray quote inside an unquoted field, as Python does', async () => {
    const rows = await collect(readCsvRows(linesOf('5" screen,"quoted"tail')));
    expect(rows).toEqual([{ kind: 'row', line: 1, fields: ['5" screen', 'quotedtail'] }]);
  });

  it('reports a quoted field that is never closed', async () => {
    const rows = await collect(readCsvRows(linesOf('a,b\n1,"open\nstill open')));
    expect(rows[1]).toEqual({
      kind: 'error',
      line: 2,
      reason:
        'the quoted field in the record starting on line 2 is never closed (truncated file?).',
    });
  });

  it('reads another delimiter', async () => {
    const rows = await collect(readCsvRows(linesOf('a\tb,c\n'), { delimiter: '\t' }));
    expect(rows).toEqual([{ kind: 'row', line: 1, fields: ['a', 'b,c'] }]);
  });

  it('rejects a delimiter that cannot work', async () => {
    await expect(collect(readCsvRows(linesOf('a'), { delimiter: '"' }))).rejects.toThrow(
      /CSV delimiter must be one character/,
    );
  });
});

describe('readCsvObjects', () => {
  it('keys fields by the header and reports a record with the wrong number of fields', async () => {
    const records = await collect(readCsvObjects(linesOf(' id , winner\n1,left\n2\n3,right')));
    expect(records).toEqual([
      { kind: 'record', line: 2, values: { id: '1', winner: 'left' } },
      { kind: 'error', line: 3, reason: 'expected 2 fields (as in the header), but got 1.' },
      { kind: 'record', line: 4, values: { id: '3', winner: 'right' } },
    ]);
  });

  it('refuses a header that names a column twice', async () => {
    const records = await collect(readCsvObjects(linesOf('a,b,a\n1,2,3')));
    expect(records).toEqual([
      {
        kind: 'error',
        line: 1,
        reason: 'the header names the column "a" twice; column names must be unique.',
      },
    ]);
  });
});
