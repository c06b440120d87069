/**
 * Reads the verdict label out of a judge's free-text judgment.
 *
 * Arena-Hard's rule (gen_judgment.py `get_score`): collect every `[[X]]` where X is made of
 * `A B < > =`; exactly one distinct label is the verdict, several distinct labels are ambiguous,
 * none falls back to single brackets `[X]` with the same rule. We also accept the mirrored
 * spellings (`A<B` for `B>A`) because some judge prompts ask for them.
 */
import type { OutcomeLabel } from './outcome-labels';

const DOUBLE_BRACKETS = /\[\[([AB<>=]+)\]\]/g;
const SINGLE_BRACKETS = /\[([AB<>=]+)\]/g;

const SPELLINGS: Record<string, OutcomeLabel> = {
  'A>>B': 'A>>B',
  'A>B': 'A>B',
  'A=B': 'A=B',
  'B=A': 'A=B',
  'B>A': 'B>A',
  'B>>A': 'B>>A',
  'B<<A': 'A>>B',
  'B<A': 'A>B',
  'A<B': 'B>A',
  'A<<B': 'B>>A',
};

export type JudgmentLabelResult =
  | { kind: 'label'; label: OutcomeLabel }
  | { kind: 'none' }
  | { kind: 'ambiguous'; candidates: string[] };

export function parseJudgmentLabel(judgment: string): JudgmentLabelResult {
  for (const pattern of [DOUBLE_BRACKETS, SINGLE_BRACKETS]) {
    const found = new Set<string>();
    for (const match of judgment.matchAll(pattern)) found.add(match[1]);
    if (found.size === 0) continue;
    if (found.size > 1) return { kind: 'ambiguous', candidates: [...found] };
    const label = SPELLINGS[[...found][0]];
    return label ? { kind: 'label', label } : { kind: 'ambiguous', candidates: [...found] };
  }
  return { kind: 'none' };
}
