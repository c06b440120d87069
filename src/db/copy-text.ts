/**
 * Rows in COPY's text format (PostgreSQL manual, "COPY", File Formats → Text Format): a tab
 * between columns, a newline after each row, `\N` for NULL. A backslash, tab, newline or carriage
 * return inside a value is written as its backslash escape, so it stays data; every other
 * character, `\N` and `\.` included once their backslash is doubled, passes through unchanged.
 */
export type CopyValue = string | number | null;

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

export function copyTextRow(values: readonly CopyValue[]): string {
  let row = '';
  for (let i = 0; i < values.length; i += 1) {
    if (i > 0) row += '\t';
    row += copyTextValue(values[i]);
  }
  return `${row}\n`;
}

function copyTextValue(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new RangeError(`COPY values must be finite numbers, but got ${value}.`);
    // The shortest text that reads back as the same double (ECMA-262 Number::toString).
    return String(value);
  }
  return SPECIAL.test(value) ? value.replace(SPECIALS, (character) => ESCAPES[character]) : value;
}
