/**
 * Which models' places are not yet settled: too few battles, or an interval much wider than the
 * others' (LMArena marks such rows "preliminary"). Thresholds are the dashboard's choice, shown
 * in the legend so a reader knows the rule.
 */
import type { LeaderboardEntry } from '../api/types';

export const PROVISIONAL_MIN_BATTLES = 50;
/** An interval wider than this many times the median width is "very wide". */
export const PROVISIONAL_WIDTH_FACTOR = 2;

export function provisionalModels(entries: LeaderboardEntry[]): Set<string> {
  const widths = entries
    .flatMap((entry) =>
      entry.ciLower !== null && entry.ciUpper !== null ? [entry.ciUpper - entry.ciLower] : [],
    )
    .sort((a, b) => a - b);
  const median = medianOf(widths);
  const marked = new Set<string>();
  for (const entry of entries) {
    const width =
      entry.ciLower !== null && entry.ciUpper !== null ? entry.ciUpper - entry.ciLower : null;
    const wide =
      median !== null && width !== null && median > 0 && width > PROVISIONAL_WIDTH_FACTOR * median;
    if (entry.battles < PROVISIONAL_MIN_BATTLES || wide) marked.add(entry.model.name);
  }
  return marked;
}

function medianOf(sorted: number[]): number | null {
  const low = sorted[Math.floor((sorted.length - 1) / 2)];
  const high = sorted[Math.ceil((sorted.length - 1) / 2)];
  return low === undefined || high === undefined ? null : (low + high) / 2;
}
