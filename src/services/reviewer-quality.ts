/**
 * Reviewer quality over a slice (issue 22 §2): every human judge of the slice is a reviewer;
 * each gets agreement with the other reviewers' majority, position bias, time per vote and gold
 * accuracy where its votes came through a queue, and the sequential screens that flag random or
 * always-first voting. Krippendorff's alpha says how reliable the crowd is as a whole.
 */
import type { Database } from '../db/client';
import { compareCodePoints } from '../domain/compare';
import type { OutcomeLabel } from '../domain/outcome-labels';
import {
  flagReviewer,
  flipPreference,
  krippendorffAlpha,
  positionBias,
  preferenceOf,
  REVIEWER_SCREENS,
  reviewerAgreement,
  compareWithMajority,
  wilsonInterval,
  type AlphaLevel,
  type AlphaReport,
  type FlaggableVote,
  type PositionBiasReport,
  type ReviewerAgreementReport,
  type ScreenResult,
} from '../ratings';
import { InvalidRequestError } from './errors';
import {
  humanVotes,
  queuedVoteStatistics,
  type HumanVote,
  type QueuedVoteStatistics,
} from './reviewer-votes';
import { requireKnownSliceNames } from './slice-names';
import type { VerdictFilter } from './verdict-filter';
import { reviewerFlagReasons } from './reviewer-flag-reasons';

export interface ReviewerQuality {
  reviewer: string;
  votes: number;
  agreement: ReviewerAgreementReport;
  positionBias: PositionBiasReport & { unknownOrder: number };
  /** Median seconds from claim to vote over the reviewer's queued votes; null with a reason. */
  medianSecondsPerVote: number | null;
  queuedVotes: number;
  timeUnavailableReason: string | null;
  gold: {
    votes: number;
    agreements: number;
    accuracy: number | null;
    lower: number | null;
    upper: number | null;
    unavailableReason: string | null;
  };
  flagged: boolean;
  screens: (ScreenResult & { reason: string })[];
}

export interface ReviewerQualityReport {
  reviewers: ReviewerQuality[];
  alpha: CrowdAlpha[];
}

export interface CrowdAlpha extends AlphaReport {
  level: AlphaLevel;
  /** Items reviewed by at least `minimumReviewers` different reviewers: the units alpha reads. */
  items: number;
  minimumReviewers: number;
  unavailableReason: string | null;
}

export interface ReviewerQualityRequest {
  slice: VerdictFilter;
  /** Only these reviewers (human judge names); the majority still counts every reviewer. */
  reviewers?: string[] | null;
  confidenceLevel?: number;
  minimumReviewers?: number;
}

export async function reviewerQuality(
  db: Database,
  request: ReviewerQualityRequest,
): Promise<ReviewerQualityReport> {
  const { slice, reviewers = null, confidenceLevel = 0.95, minimumReviewers = 3 } = request;
  if (!(Number.isFinite(confidenceLevel) && confidenceLevel >= 0.5 && confidenceLevel < 1))
    throw new InvalidRequestError(
      `confidenceLevel must be at least 0.5 and below 1 (e.g. 0.95), but got ${confidenceLevel}.`,
      'confidenceLevel',
    );
  if (!(Number.isInteger(minimumReviewers) && minimumReviewers >= 2 && minimumReviewers <= 100))
    throw new InvalidRequestError(
      `minimumReviewers must be an integer from 2 to 100, but got ${minimumReviewers}.`,
      'minimumReviewers',
    );
  await requireKnownSliceNames(db, slice, 'filter');
  if (reviewers && reviewers.length > 0)
    await requireKnownSliceNames(
      db,
      { judges: reviewers },
      (_field, index) => `reviewers[${index}]`,
    );
  const [votes, queued] = await Promise.all([
    humanVotes(db, slice),
    queuedVoteStatistics(db, slice),
  ]);
  const items = votes.map(itemOf);
  const comparisons = compareWithMajority(items);
  const agreements = new Map(
    reviewerAgreement(items, confidenceLevel).map((report) => [report.reviewer, report]),
  );
  const byReviewer = new Map<string, { vote: HumanVote; comparison: FlaggableVote }[]>();
  votes.forEach((vote, index) => {
    const list = byReviewer.get(vote.reviewer) ?? [];
    list.push({
      vote,
      comparison: {
        comparison: comparisons[index],
        preference: preferenceOf(vote.outcome, vote.preferenceA),
        shownFirst: vote.shownFirst,
      },
    });
    byReviewer.set(vote.reviewer, list);
  });
  const wanted = reviewers && reviewers.length > 0 ? new Set(reviewers) : null;
  const report = [...byReviewer.entries()]
    .filter(([reviewer]) => wanted === null || wanted.has(reviewer))
    .map(([reviewer, own]) =>
      qualityOf(
        reviewer,
        own.map((entry) => entry.comparison),
        {
          agreement: agreements.get(reviewer),
          queued: queued.get(reviewer),
          confidenceLevel,
        },
      ),
    )
    .sort((a, b) => b.votes - a.votes || compareCodePoints(a.reviewer, b.reviewer));
  return {
    reviewers: report,
    alpha: (['NOMINAL', 'ORDINAL'] as const).map((level) =>
      crowdAlpha(votes, level, minimumReviewers),
    ),
  };
}

function qualityOf(
  reviewer: string,
  votes: FlaggableVote[],
  context: {
    agreement: ReviewerAgreementReport | undefined;
    queued: QueuedVoteStatistics | undefined;
    confidenceLevel: number;
  },
): ReviewerQuality {
  const { agreement, queued, confidenceLevel } = context;
  const positioned = votes.flatMap((vote) =>
    vote.shownFirst === null ? [] : [{ preference: vote.preference, shownFirst: vote.shownFirst }],
  );
  const flags = flagReviewer(votes);
  const goldVotes = queued?.goldVotes ?? 0;
  const goldAgreements = queued?.goldAgreements ?? 0;
  const goldInterval = wilsonInterval(goldAgreements, goldVotes, confidenceLevel);
  return {
    reviewer,
    votes: votes.length,
    agreement: agreement ?? {
      reviewer,
      votes: 0,
      compared: 0,
      agreements: 0,
      undecided: 0,
      alone: 0,
      agreement: null,
      lower: null,
      upper: null,
    },
    positionBias: {
      ...positionBias(positioned, confidenceLevel),
      unknownOrder: votes.length - positioned.length,
    },
    medianSecondsPerVote: queued?.medianSecondsPerVote ?? null,
    queuedVotes: queued?.queuedVotes ?? 0,
    timeUnavailableReason: queued
      ? null
      : `none of its ${votes.length} votes in this slice came through a review queue, so no claim time is stored`,
    gold: {
      votes: goldVotes,
      agreements: goldAgreements,
      accuracy: goldVotes > 0 ? goldAgreements / goldVotes : null,
      lower: goldInterval?.lower ?? null,
      upper: goldInterval?.upper ?? null,
      unavailableReason: goldVotes > 0 ? null : 'none of its votes in this slice is on a gold item',
    },
    flagged: flags.flagged,
    screens: flags.screens.map((screen) => ({
      ...screen,
      reason: reviewerFlagReasons(screen, REVIEWER_SCREENS[screen.screen]),
    })),
  };
}

/** The 5-level scale of a vote from model A's side: A much better (1) to B much better (5). */
const ORDINAL_LEVEL: Record<OutcomeLabel, number> = {
  'A>>B': 1,
  'A>B': 2,
  'A=B': 3,
  BOTH_BAD: 3,
  'B>A': 4,
  'B>>A': 5,
};
/** The 3-way preference on the same scale: A 1, TIE 3, B 5. */
const PREFERENCE_LEVEL = { A: 1, TIE: 3, B: 5 } as const;

/**
 * A vote's value from the item's side. NOMINAL reads the 3-way preference; ORDINAL the 5-level
 * label, except for a soft preference (preferenceA), which decides alone (preference.ts).
 */
function alphaValue(vote: HumanVote, level: AlphaLevel, flipped: boolean): number {
  if (level === 'ORDINAL' && vote.preferenceA === null) {
    const value = ORDINAL_LEVEL[vote.outcome];
    return flipped ? 6 - value : value;
  }
  return PREFERENCE_LEVEL[oriented(vote, flipped)];
}

/**
 * Alpha over the items (prompt and unordered pair) that enough different reviewers voted on; a
 * reviewer who voted twice on an item counts with its last vote, since alpha pairs coders.
 */
function crowdAlpha(votes: HumanVote[], level: AlphaLevel, minimumReviewers: number): CrowdAlpha {
  const units = new Map<string, Map<string, number>>();
  for (const vote of votes) {
    const { item, flipped } = itemKey(vote);
    const value = alphaValue(vote, level, flipped);
    const unit = units.get(item) ?? new Map<string, number>();
    unit.set(vote.reviewer, value);
    units.set(item, unit);
  }
  const enough = [...units.values()]
    .filter((unit) => unit.size >= minimumReviewers)
    .map((unit) => [...unit.values()]);
  const report = krippendorffAlpha(enough, level);
  let unavailableReason: string | null = null;
  if (enough.length === 0)
    unavailableReason = `no item in this slice has votes from ${minimumReviewers} or more different reviewers`;
  else if (report.alpha === null)
    unavailableReason = `every vote on the ${enough.length} items gives the same answer, so there is no disagreement to expect and alpha is 0/0`;
  return { level, ...report, items: enough.length, minimumReviewers, unavailableReason };
}

function itemKey(vote: HumanVote): { item: string; flipped: boolean } {
  const low = Math.min(vote.modelAId, vote.modelBId);
  const high = Math.max(vote.modelAId, vote.modelBId);
  return { item: `${vote.promptId}:${low}:${high}`, flipped: vote.modelAId > vote.modelBId };
}

function oriented(vote: HumanVote, flipped: boolean) {
  const preference = preferenceOf(vote.outcome, vote.preferenceA);
  return flipped ? flipPreference(preference) : preference;
}

function itemOf(vote: HumanVote) {
  const { item, flipped } = itemKey(vote);
  return { reviewer: vote.reviewer, item, preference: oriented(vote, flipped) };
}
