import { checkConfidenceLevel } from './arguments';
import { RatingArgumentError } from './errors';
import { checkPreference, type Preference } from './preference';
import { wilsonInterval } from './wilson-interval';

/** One reviewer's vote on one item (a prompt and pair of models), from the item's A side. */
export interface ReviewerVote {
  reviewer: string;
  item: string;
  preference: Preference;
}

/**
 * How one vote compares with the other reviewers of its item: AGREES or DISAGREES with their
 * majority; UNDECIDED when they have no majority (the largest count is shared, so there is nothing
 * to agree with); ALONE when nobody else reviewed the item.
 */
export type MajorityComparison = 'AGREES' | 'DISAGREES' | 'UNDECIDED' | 'ALONE';

/**
 * Each vote against the leave-one-out majority: the plurality preference of the item's votes by
 * every other reviewer (all of this reviewer's votes on the item are left out, so a reviewer never
 * votes with itself). A TIE majority is a majority like A or B; a shared largest count is not
 * (majority.ts reads that as TIE for a judge's verdict; here it would count a coin toss as
 * agreement). Leave-one-out agreement with the crowd is the usual annotator-quality screen in
 * crowdsourcing (e.g. Snow et al. 2008, "Cheap and fast — but is it good?", EMNLP).
 */
export function compareWithMajority(votes: readonly ReviewerVote[]): MajorityComparison[] {
  const byItem = new Map<string, Map<string, Record<Preference, number>>>();
  votes.forEach((vote, index) => {
    checkPreference(`votes[${index}].preference`, vote.preference);
    if (typeof vote.reviewer !== 'string' || typeof vote.item !== 'string')
      throw new RatingArgumentError(`votes[${index}]`, 'string reviewer and item', vote);
    const reviewers = byItem.get(vote.item) ?? new Map<string, Record<Preference, number>>();
    const counts = reviewers.get(vote.reviewer) ?? { A: 0, TIE: 0, B: 0 };
    counts[vote.preference] += 1;
    reviewers.set(vote.reviewer, counts);
    byItem.set(vote.item, reviewers);
  });
  const totals = new Map<string, Record<Preference, number>>();
  for (const [item, reviewers] of byItem) {
    const total = { A: 0, TIE: 0, B: 0 };
    for (const counts of reviewers.values())
      for (const preference of ['A', 'TIE', 'B'] as const) total[preference] += counts[preference];
    totals.set(item, total);
  }
  return votes.map(({ reviewer, item, preference }) => {
    const own = byItem.get(item)?.get(reviewer) ?? { A: 0, TIE: 0, B: 0 };
    const total = totals.get(item) ?? { A: 0, TIE: 0, B: 0 };
    const others = (['A', 'TIE', 'B'] as const).map((p) => [p, total[p] - own[p]] as const);
    const most = Math.max(...others.map(([, count]) => count));
    if (most === 0) return 'ALONE';
    const leaders = others.filter(([, count]) => count === most);
    if (leaders.length > 1) return 'UNDECIDED';
    return leaders[0][0] === preference ? 'AGREES' : 'DISAGREES';
  });
}

export interface ReviewerAgreementReport {
  reviewer: string;
  votes: number;
  /** Votes on items where the other reviewers had a majority. */
  compared: number;
  agreements: number;
  /** Votes where the other reviewers were split with no majority; left out of the rate. */
  undecided: number;
  /** Votes on items nobody else reviewed; left out of the rate. */
  alone: number;
  /** agreements / compared; null when nothing could be compared. */
  agreement: number | null;
  /** Wilson score interval of the rate. */
  lower: number | null;
  upper: number | null;
}

/** Per reviewer, the counts of compareWithMajority and the agreement rate with its interval. */
export function reviewerAgreement(
  votes: readonly ReviewerVote[],
  confidenceLevel = 0.95,
): ReviewerAgreementReport[] {
  checkConfidenceLevel(confidenceLevel);
  const comparisons = compareWithMajority(votes);
  const reports = new Map<string, ReviewerAgreementReport>();
  votes.forEach(({ reviewer }, index) => {
    const report = reports.get(reviewer) ?? {
      reviewer,
      votes: 0,
      compared: 0,
      agreements: 0,
      undecided: 0,
      alone: 0,
      agreement: null,
      lower: null,
      upper: null,
    };
    report.votes += 1;
    const comparison = comparisons[index];
    if (comparison === 'UNDECIDED') report.undecided += 1;
    else if (comparison === 'ALONE') report.alone += 1;
    else {
      report.compared += 1;
      if (comparison === 'AGREES') report.agreements += 1;
    }
    reports.set(reviewer, report);
  });
  return [...reports.values()].map((report) => {
    const interval = wilsonInterval(report.agreements, report.compared, confidenceLevel);
    return {
      ...report,
      agreement: report.compared > 0 ? report.agreements / report.compared : null,
      lower: interval?.lower ?? null,
      upper: interval?.upper ?? null,
    };
  });
}
