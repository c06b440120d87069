/**
 * Markdown style counts of a response, the features Chatbot Arena's style control uses
 * (headers, list items, bold spans; LMSYS blog "Does style matter?", 2024-08). Fenced code is
 * removed first so that `# comment` lines and `**kwargs` in code do not count.
 */
export interface StyleCounts {
  headerCount: number;
  listItemCount: number;
  boldCount: number;
  charLength: number;
}

const FENCED_CODE = /```[\s\S]*?```/g;
const HEADER = /^#{1,6}\s+\S/gm;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\S/gm;
const BOLD = /\*\*[^*\n]+\*\*|__[^_\n]+__/g;

export function styleCounts(text: string): StyleCounts {
  const prose = text.replace(FENCED_CODE, '');
  return {
    headerCount: countMatches(prose, HEADER),
    listItemCount: countMatches(prose, LIST_ITEM),
    boldCount: countMatches(prose, BOLD),
    charLength: text.length,
  };
}

/**
 * A tokenizer-free estimate of token count for sources that do not report one: words and
 * punctuation marks, which tracks BPE token counts of English prose within ~20%. Style control
 * uses ratios (x_A − x_B)/(x_A + x_B + 1), so a consistent estimate is what matters.
 */
export function estimateTokenCount(text: string): number {
  return countMatches(text, /[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu);
}

function countMatches(text: string, pattern: RegExp): number {
  let count = 0;
  for (const _ of text.matchAll(pattern)) count += 1;
  return count;
}
