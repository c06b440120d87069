import type { Preference } from './preference';
import type { MajorityComparison } from './reviewer-agreement';
import {
  sequentialProbabilityRatioTest,
  type SequentialTestOptions,
  type SequentialTestResult,
} from './sequential-test';

/** One reviewer's vote, in the order they were cast. */
export interface FlaggableVote {
  comparison: MajorityComparison;
  preference: Preference;
  /** Which answer the reviewer saw first; null when not recorded (the vote says nothing on position). */
  shownFirst: 'A' | 'B' | null;
}

/**
 * The two screens and their rates. AGREEMENT watches the share of votes that disagree with the
 * other reviewers' majority: an honest reviewer agrees about 70–80% of the time, one clicking at
 * random about a third (three choices). POSITION watches the share of decisive votes won by the
 * answer shown first: people favour it a little (about 0.5–0.6), an always-first voter always.
 * Error rates were tuned by the seeded simulation in test/ratings/reviewer-flags.test.ts: ≥ 90% of
 * random and always-first reviewers flagged within 50 votes, ≤ 1% of honest reviewers ever.
 */
export const REVIEWER_SCREENS = {
  AGREEMENT: { nullRate: 0.3, alternativeRate: 0.67, falseAlarmRate: 0.01, missRate: 0.01 },
  POSITION: { nullRate: 0.6, alternativeRate: 0.9, falseAlarmRate: 0.005, missRate: 0.01 },
} as const satisfies Record<string, SequentialTestOptions>;

export type ReviewerScreen = keyof typeof REVIEWER_SCREENS;

export interface ScreenResult extends SequentialTestResult {
  screen: ReviewerScreen;
  /** Votes cast (all kinds) up to the one that decided; all votes while undecided. */
  votesRead: number;
}

export interface ReviewerFlagReport {
  /** True when a screen decided for its alternative: random or always-first voting. */
  flagged: boolean;
  screens: ScreenResult[];
}

/**
 * Runs Wald's SPRT (sequential-test.ts) on each screen over a reviewer's votes in order.
 * AGREEMENT reads only votes compared with a majority; POSITION only decisive votes whose order
 * of presentation is known.
 */
export function flagReviewer(
  votes: readonly FlaggableVote[],
  screens: Record<ReviewerScreen, SequentialTestOptions> = REVIEWER_SCREENS,
): ReviewerFlagReport {
  const observationsOf: Record<ReviewerScreen, (vote: FlaggableVote) => boolean | null> = {
    AGREEMENT: ({ comparison }) =>
      comparison === 'AGREES' ? false : comparison === 'DISAGREES' ? true : null,
    POSITION: ({ preference, shownFirst }) =>
      shownFirst === null || preference === 'TIE' ? null : preference === shownFirst,
  };
  const results = (Object.keys(observationsOf) as ReviewerScreen[]).map((screen) => {
    const voteIndexes: number[] = [];
    const observations: boolean[] = [];
    votes.forEach((vote, index) => {
      const observation = observationsOf[screen](vote);
      if (observation === null) return;
      voteIndexes.push(index + 1);
      observations.push(observation);
    });
    const result = sequentialProbabilityRatioTest(observations, screens[screen]);
    const votesRead =
      result.decision === 'UNDECIDED' ? votes.length : voteIndexes[result.observations - 1];
    return { screen, votesRead, ...result };
  });
  return { flagged: results.some((result) => result.decision === 'ALTERNATIVE'), screens: results };
}
