/**
 * Judge names as people read them: a crowd of annotators named `llmfao-crowd:0` …
 * `llmfao-crowd:123` is one entry ("124 llmfao-crowd judges"), not 124 names in a sentence.
 */

/** The part of a name a crowd shares: before a trailing `:N` (or `#N`, `-N`); null without one. */
export function crowdPrefix(name: string): string | null {
  const match = /^(.+?)[:#-]\d+$/.exec(name);
  return match?.[1] ?? null;
}

/** Names, with every crowd of more than three members folded into a count, in first-seen order. */
export function foldedJudgeNames(names: string[]): string[] {
  const crowds = new Map<string, number>();
  for (const name of names) {
    const prefix = crowdPrefix(name);
    if (prefix !== null) crowds.set(prefix, (crowds.get(prefix) ?? 0) + 1);
  }
  const folded: string[] = [];
  const named = new Set<string>();
  for (const name of names) {
    const prefix = crowdPrefix(name);
    const size = prefix === null ? 0 : (crowds.get(prefix) ?? 0);
    if (prefix === null || size <= 3) folded.push(name);
    else if (!named.has(prefix)) {
      named.add(prefix);
      folded.push(`${size} ${prefix} judges`);
    }
  }
  return folded;
}
