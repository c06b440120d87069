/**
 * Locale-free string order for ties and sorted output: by Unicode code point, the order of
 * PostgreSQL's "C" collation on UTF-8 text. `localeCompare` depends on the machine's ICU data
 * and locale, so the same data could sort differently on two servers.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // UTF-16 order differs from code point order only where a surrogate (half of a code point
    // above U+FFFF) meets a unit from U+E000 up: the code point above U+FFFF is the larger.
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
