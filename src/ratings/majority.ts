import { checkPreference, type Preference } from './preference';

/**
 * The majority of several votes on one pair (e.g. every human verdict on it, for the
 * HUMAN_MAJORITY judge): the preference with the most votes. When the largest count is shared
 * (A and B level, or either level with TIE) the crowd has not decided, so the majority is TIE.
 * Null when there are no votes.
 */
export function majorityPreference(votes: readonly Preference[]): Preference | null {
  const counts: Record<Preference, number> = { A: 0, TIE: 0, B: 0 };
  votes.forEach((vote, index) => {
    checkPreference(`votes[${index}]`, vote);
    counts[vote] += 1;
  });
  if (votes.length === 0) return null;
  const most = Math.max(counts.A, counts.TIE, counts.B);
  const leaders = (['A', 'TIE', 'B'] as const).filter((preference) => counts[preference] === most);
  return leaders.length === 1 ? leaders[0] : 'TIE';
}
