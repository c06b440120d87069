/**
 * How a message may quote a value somebody sent: at most EXCERPT_LENGTH characters, written as a
 * JSON string (quotes, control characters and lone surrogates escaped, and invisible format
 * characters such as U+202E too, so a quoted value cannot reorder or hide the message around it),
 * followed by "…" when it was cut. A message therefore never carries a whole input back, however
 * long the input (README, "Errors and HTTP statuses").
 */
export const EXCERPT_LENGTH = 40;

/** Format (Cf) and line/paragraph separator characters: invisible, or breaking a log line. */
const INVISIBLE = /[\p{Cf}\u2028\u2029]/gu;

export function excerpt(value: string): string {
  // Array.from counts code points; the slice first keeps that linear in 40, not in the input.
  const characters = Array.from(value.slice(0, EXCERPT_LENGTH * 2)).slice(0, EXCERPT_LENGTH);
  const kept = characters.join('');
  const quoted = JSON.stringify(kept).replace(
    INVISIBLE,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return kept.length < value.length ? `${quoted}…` : quoted;
}

/**
 * A message from a library (graphql-js quotes whole literals and names) with every quoted
 * string longer than the excerpt cut to one. Quotes are double quotes, as graphql-js writes them.
 */
export function withShortQuotes(message: string): string {
  return message.replace(/"((?:[^"\\]|\\.)*)"/gs, (whole, inner: string) => {
    if (inner.length <= EXCERPT_LENGTH) return whole;
    let text = inner;
    try {
      text = JSON.parse(whole) as string;
    } catch {
      // Not a JSON string (an unknown escape): quote the raw characters.
    }
    // An excerpt already (escapes make it longer than it reads) stays as it is.
    return Array.from(text).length <= EXCERPT_LENGTH ? whole : excerpt(text);
  });
}
