/**
 * The known names closest to an unknown one, for "did you mean" hints. Names are compared in a
 * loose form (lower case, letters and digits only, so `GPT4` meets `gpt-4`): the same loose name
 * first, then names that start with it, then the rest; within each, by Levenshtein (1966) edit
 * distance of the loose forms, ties by code-point order. Only the error path runs this, over at
 * most MAX_SCANNED names, each cut to MAX_COMPARED characters, so its cost is bounded whatever
 * was sent.
 */
import { compareCodePoints } from './compare';

const MAX_SCANNED = 20_000;
const MAX_COMPARED = 64;

export function closestNames(value: string, names: Iterable<string>, limit = 3): string[] {
  const wanted = loose(value);
  const scored: { name: string; tier: number; distance: number }[] = [];
  let scanned = 0;
  for (const name of names) {
    if (scanned++ >= MAX_SCANNED) break;
    const candidate = loose(name);
    const tier =
      candidate === wanted ? 0 : wanted.length > 0 && candidate.startsWith(wanted) ? 1 : 2;
    scored.push({ name, tier, distance: editDistance(wanted, candidate) });
  }
  return scored
    .sort((a, b) => a.tier - b.tier || a.distance - b.distance || compareCodePoints(a.name, b.name))
    .slice(0, limit)
    .map(({ name }) => name);
}

function loose(name: string): string {
  return name
    .slice(0, MAX_COMPARED)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Levenshtein distance by the two-row dynamic programme. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, previous[j] + 1, current[j - 1] + 1));
    }
    previous = current;
  }
  return previous[b.length];
}
