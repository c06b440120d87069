/**
 * Locale-free string order: by Unicode code point, the same on every machine (`localeCompare`
 * follows the host's ICU locale). Comparing UTF-16 code units directly is code-point order except
 * that surrogates (U+D800–U+DFFF, which encode code points above U+FFFF) must sort after U+E000–U+FFFF;
 * the unit shift below restores that (the trick of the Unicode FAQ on UTF-16 binary order).
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  return unit >= 0xe000 ? unit - 0x800 : unit;
}
