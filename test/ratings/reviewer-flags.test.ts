/**
 * The flagging screens on a seeded crowd: honest reviewers of realistic accuracy, reviewers who
 * click at random and reviewers who always pick the answer shown first, mixed on the same items
 * (5 reviews each), as a review queue hands them out.
 */
import { createRandom, type RandomSource } from '../../src/ratings/random';
import type { Preference } from '../../src/ratings/preference';
import { compareWithMajority, type ReviewerVote } from '../../src/ratings/reviewer-agreement';
import { flagReviewer, type FlaggableVote } from '../../src/ratings/reviewer-flags';

type Kind = 'honest' | 'random' | 'first';

interface SimulatedReviewer {
  name: string;
  kind: Kind;
  /** Chance an honest reviewer gives the item's true preference. */
  accuracy: number;
}

function pick<T>(random: RandomSource, values: readonly T[]): T {
  return values[Math.floor(random.nextFloat() * values.length)];
}

function voteOf(
  reviewer: SimulatedReviewer,
  truth: Preference,
  shownFirst: 'A' | 'B',
  random: RandomSource,
): Preference {
  if (reviewer.kind === 'first') return shownFirst;
  // Six buttons (much better, better, tie, both bad and the two mirrored) are A, TIE, B by twos.
  if (reviewer.kind === 'random') return pick(random, ['A', 'TIE', 'B'] as const);
  if (random.nextFloat() < reviewer.accuracy) return truth;
  return pick(
    random,
    (['A', 'TIE', 'B'] as const).filter((p) => p !== truth),
  );
}

/** Every round shuffles the reviewers into groups of five; each group reviews one fresh item. */
function simulateCrowd(seed: number, counts: Record<Kind, number>, rounds: number) {
  const random = createRandom(seed);
  const reviewers: SimulatedReviewer[] = (Object.keys(counts) as Kind[]).flatMap((kind) =>
    Array.from({ length: counts[kind] }, (_, i) => ({
      name: `${kind}-${i}`,
      kind,
      accuracy: 0.75 + 0.15 * random.nextFloat(),
    })),
  );
  const votes: (ReviewerVote & { shownFirst: 'A' | 'B' })[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const order = [...reviewers];
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random.nextFloat() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let start = 0; start + 5 <= order.length; start += 5) {
      const item = `item-${round}-${start}`;
      const u = random.nextFloat();
      const truth: Preference = u < 0.4 ? 'A' : u < 0.8 ? 'B' : 'TIE';
      const shownFirst = random.nextFloat() < 0.5 ? 'A' : 'B';
      for (const reviewer of order.slice(start, start + 5))
        votes.push({
          reviewer: reviewer.name,
          item,
          preference: voteOf(reviewer, truth, shownFirst, random),
          shownFirst,
        });
    }
  }
  const comparisons = compareWithMajority(votes);
  const byReviewer = new Map<string, FlaggableVote[]>();
  votes.forEach((vote, index) => {
    const list = byReviewer.get(vote.reviewer) ?? [];
    list.push({
      comparison: comparisons[index],
      preference: vote.preference,
      shownFirst: vote.shownFirst,
    });
    byReviewer.set(vote.reviewer, list);
  });
  return { reviewers, byReviewer };
}

describe('flagReviewer on a simulated crowd', () => {
  // 1,000 honest, 200 random and 200 always-first reviewers, 100 votes each.
  const { reviewers, byReviewer } = simulateCrowd(
    20261203,
    { honest: 1000, random: 200, first: 200 },
    100,
  );
  const outcome = (kind: Kind) =>
    reviewers
      .filter((reviewer) => reviewer.kind === kind)
      .map((reviewer) => {
        const votes = byReviewer.get(reviewer.name) ?? [];
        const report = flagReviewer(votes);
        const decided = report.screens.filter((screen) => screen.decision === 'ALTERNATIVE');
        const agreements = votes.filter((vote) => vote.comparison === 'AGREES').length;
        const compared =
          agreements + votes.filter((vote) => vote.comparison === 'DISAGREES').length;
        return {
          flagged: report.flagged,
          flaggedBy: Math.min(Infinity, ...decided.map((screen) => screen.votesRead)),
          votes: votes.length,
          agreement: agreements / compared,
        };
      });

  test('honest reviewers agree with the others 70–80% of the time, and at most 1% are ever flagged', () => {
    const honest = outcome('honest');
    expect(honest.every((reviewer) => reviewer.votes === 100)).toBe(true);
    const meanAgreement = honest.reduce((sum, r) => sum + r.agreement, 0) / honest.length;
    expect(meanAgreement).toBeGreaterThanOrEqual(0.7);
    expect(meanAgreement).toBeLessThanOrEqual(0.8);
    const flagged = honest.filter((reviewer) => reviewer.flagged).length;
    expect(flagged).toBeLessThanOrEqual(10);
  });

  test.each(['random', 'first'] as const)(
    'at least 90%% of %s voters are flagged within 50 votes',
    (kind) => {
      const caught = outcome(kind).filter((reviewer) => reviewer.flaggedBy <= 50).length;
      expect(caught).toBeGreaterThanOrEqual(180);
    },
  );
});
