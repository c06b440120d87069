/**
 * Splits a top-level JSON array (RFC 8259 §5) that spans many lines into the text of each
 * element, without holding more than one element in memory. Chatbot Arena and AlpacaEval write
 * their files as one pretty-printed array (`json.dump(..., indent=2)`), gigabytes long.
 *
 * Only the structure is scanned here (strings, escapes, nesting); each element's text is left
 * to `JSON.parse`, so a malformed element costs that element only. A structural fault (no `[`,
 * text after `]`, a file that ends inside the array) ends the split with an error part.
 */
import type { SourceLine } from './parser';
import { lineBatches } from './read-lines';

export type JsonArrayPart =
  /** `indexInLine` counts elements that start on the same line (0 for the first). */
  | { kind: 'element'; line: number; indexInLine: number; text: string }
  /** Structural and final: nothing follows it. */
  | { kind: 'error'; line: number; reason: string };

export interface SplitJsonArrayOptions {
  /** A longer element is reported instead of exhausting memory. */
  maxElementChars?: number;
}

export const DEFAULT_MAX_ELEMENT_CHARS = 256 * 1024 * 1024;

const NON_SPACE = /\S/g;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

type Phase = 'before' | 'element' | 'inside' | 'after';

export async function* splitJsonArray(
  lines: AsyncIterable<SourceLine>,
  options: SplitJsonArrayOptions = {},
): AsyncGenerator<JsonArrayPart> {
  const maxElementChars = options.maxElementChars ?? DEFAULT_MAX_ELEMENT_CHARS;
  let phase: Phase = 'before';
  let depth = 0;
  let inString = false;
  let parts: string[] = [];
  let partChars = 0;
  let startLine = 0;
  let lastStartLine = 0;
  let indexInLine = 0;
  let lastLine = 0;

  for await (const batch of lineBatches(lines)) {
    for (const { line, text } of batch) {
      lastLine = line;
      let position = 0;
      let elementStart = 0;
      while (position < text.length) {
        if (phase === 'before' || phase === 'element' || phase === 'after') {
          NON_SPACE.lastIndex = position;
          const found = NON_SPACE.exec(text);
          if (!found) break;
          position = found.index;
          const char = text[position];
          if (phase === 'before') {
            if (char !== '[') {
              yield {
                kind: 'error',
                line,
                reason: `expected a JSON array starting with '[', but found '${char}'.`,
              };
              return;
            }
            phase = 'element';
            position += 1;
            continue;
          }
          if (phase === 'after') {
            yield {
              kind: 'error',
              line,
              reason: `expected nothing after the closing ']' of the JSON array, but found '${char}'.`,
            };
            return;
          }
          if (char === ']') {
            phase = 'after';
            position += 1;
            continue;
          }
          if (char === ',') {
            yield {
              kind: 'error',
              line,
              reason: "expected an array element, but found ',' (an empty element).",
            };
            return;
          }
          phase = 'inside';
          depth = 0;
          inString = false;
          indexInLine = line === lastStartLine ? indexInLine + 1 : 0;
          startLine = lastStartLine = line;
          elementStart = position;
          continue;
        }

        // phase === 'inside': scan to the comma or bracket that closes the element.
        let closedAt = -1;
        for (let i = position; i < text.length; i += 1) {
          const code = text.charCodeAt(i);
          if (inString) {
            // Jump to the next quote; it ends the string unless an odd run of backslashes escapes it.
            const quote = text.indexOf('"', i);
            if (quote === -1) break;
            let backslashes = 0;
            while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1;
            i = quote;
            if (backslashes % 2 === 0) inString = false;
            continue;
          }
          if (code === QUOTE) inString = true;
          else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth += 1;
          else if (code === CLOSE_BRACE || code === CLOSE_BRACKET || code === COMMA) {
            if (depth > 0) {
              if (code !== COMMA) depth -= 1;
            } else if (code === CLOSE_BRACE) {
              yield {
                kind: 'error',
                line,
                reason: "expected ',' or ']' after an array element, but found '}'.",
              };
              return;
            } else {
              closedAt = i;
              break;
            }
          }
        }
        if (closedAt === -1) break;
        const last = text.slice(elementStart, closedAt);
        if (partChars + last.length > maxElementChars) {
          yield { kind: 'error', line: startLine, reason: tooLong(startLine, maxElementChars) };
          return;
        }
        parts.push(last);
        const elementText = parts.join('\n').trimEnd();
        parts = [];
        partChars = 0;
        yield { kind: 'element', line: startLine, indexInLine, text: elementText };
        phase = text.charCodeAt(closedAt) === CLOSE_BRACKET ? 'after' : 'element';
        position = closedAt + 1;
      }
      if (phase === 'inside') {
        const rest = text.slice(elementStart);
        parts.push(rest);
        partChars += rest.length + 1;
        if (partChars > maxElementChars) {
          yield { kind: 'error', line: startLine, reason: tooLong(startLine, maxElementChars) };
          return;
        }
      }
    }
  }

  if (phase === 'inside') {
    yield {
      kind: 'error',
      line: startLine,
      reason: `the file ends inside the array element starting on line ${startLine} (truncated file?).`,
    };
  } else if (phase === 'element') {
    yield {
      kind: 'error',
      line: lastLine,
      reason: "the file ends before the JSON array is closed with ']' (truncated file?).",
    };
  }
}

function tooLong(line: number, maxElementChars: number): string {
  return `the array element starting on line ${line} is longer than ${maxElementChars} characters.`;
}
