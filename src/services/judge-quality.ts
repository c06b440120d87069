/**
 * Judge quality over a slice (DESIGN.md §2): a judge's report (labels, position bias, swap
 * consistency), agreement between two judges on the pairs both judged, and how alike their
 * leaderboards are. Judges are named as in judge-selection.ts.
 */
import type { Database } from '../db/client';
import { requireKnownSliceNames } from './slice-names';
import {
  flipPreference,
  judgeAgreement,
  kendallTauB,
  majorityPreference,
  positionBias,
  preferenceOf,
  spearmanCorrelation,
  swapConsistency,
  type AgreementReport,
  type PositionBiasReport,
  type PositionedVerdict,
  type Preference,
  type SwapConsistencyReport,
  type SwapVerdict,
} from '../ratings';
import { OUTCOME_LABELS, type OutcomeLabel } from '../domain/outcome-labels';
import { isStrong } from '../ratings/outcomes';
import { InvalidRequestError } from './errors';
import { judgesByIds } from './catalog';
import { judgedGroups, judgeExists, swapGroupKey, type JudgedGroup } from './judge-verdicts';
import { computeLeaderboard } from './leaderboard';
import { HUMAN, selectJudge } from './judge-selection';
import type { VerdictFilter } from './verdict-filter';
import { mustGet, present } from '../domain/invariant';
import { compareCodePoints } from '../domain/compare';
import { excerpt } from '../domain/excerpt';

/** Position bias over the verdicts whose order is known, with how many were not. */
export interface JudgePositionBias extends PositionBiasReport {
  /** Verdicts whose source did not say which answer was shown first: left out. */
  unknownOrder: number;
  /** Why there is no rate; null when there is one. */
  unavailableReason: string | null;
}

export interface JudgeStatistics {
  verdicts: number;
  outcomes: { outcome: OutcomeLabel; count: number }[];
  /** Share of all verdicts that are `>>`. */
  strongShare: number | null;
  positionBias: JudgePositionBias;
  swapConsistency: SwapConsistencyReport;
}

export interface JudgeReport extends JudgeStatistics {
  judge: string;
  versions: (JudgeStatistics & { name: string; version: string; kind: string })[];
}

export async function judgeReport(
  db: Database,
  judge: string,
  slice: VerdictFilter,
  confidenceLevel = 0.95,
): Promise<JudgeReport> {
  checkConfidence(confidenceLevel);
  await requireKnownSliceNames(db, slice, 'filter');
  const selection = selectJudge(judge, slice);
  const groups = await judgedGroups(db, selection.filter);
  if (groups.length === 0) await requireKnownJudge(db, judge);
  // The judges (and versions) concerned are the ones the groups name: no second scan of verdicts.
  const versions = (await judgesByIds(db, [...new Set(groups.map((group) => group.judgeId))]))
    .filter((row) => row !== null)
    .sort((a, b) => compareCodePoints(a.name, b.name) || compareCodePoints(a.version, b.version));
  return {
    judge,
    ...statistics(groups, confidenceLevel),
    versions: versions.map((version) => ({
      name: version.name,
      version: version.version,
      kind: version.kind,
      ...statistics(
        groups.filter((g) => g.judgeId === version.id),
        confidenceLevel,
      ),
    })),
  };
}

function statistics(groups: JudgedGroup[], confidenceLevel: number): JudgeStatistics {
  const verdicts = groups.reduce((sum, group) => sum + group.count, 0);
  const outcomes = OUTCOME_LABELS.map((outcome) => ({
    outcome,
    count: groups.filter((g) => g.outcome === outcome).reduce((sum, g) => sum + g.count, 0),
  }));
  const strong = groups
    .filter((group) => isStrong(group.outcome))
    .reduce((sum, group) => sum + group.count, 0);
  const positioned = groups.flatMap((group) =>
    group.shownFirst === null
      ? []
      : repeat(
          {
            preference: preferenceOf(group.outcome, group.preferenceA),
            shownFirst: group.shownFirst,
          },
          group.count,
        ),
  );
  // Swap pairs are per judge (one annotator's two orders), prompt and unordered pair of models.
  const swapGroups = new Map<string, SwapVerdict[]>();
  for (const group of groups) {
    const key = swapGroupKey(group);
    const list = swapGroups.get(key) ?? [];
    list.push(
      ...repeat(
        {
          modelA: group.modelAId,
          modelB: group.modelBId,
          preference: preferenceOf(group.outcome, group.preferenceA),
        },
        group.count,
      ),
    );
    swapGroups.set(key, list);
  }
  return {
    verdicts,
    outcomes,
    strongShare: verdicts > 0 ? strong / verdicts : null,
    positionBias: positionBiasOfKnownOrder(positioned, verdicts, confidenceLevel),
    swapConsistency: swapConsistency(swapGroups.values()),
  };
}

/**
 * Position bias needs the order of presentation: a verdict whose source did not record it says
 * nothing about position (reading A as first would measure A's win rate instead, e.g. a baseline's).
 */
function positionBiasOfKnownOrder(
  positioned: PositionedVerdict[],
  verdicts: number,
  confidenceLevel: number,
): JudgePositionBias {
  const report = positionBias(positioned, confidenceLevel);
  const unknownOrder = verdicts - positioned.length;
  let unavailableReason: string | null = null;
  if (verdicts === 0) unavailableReason = 'no verdicts in this slice';
  else if (positioned.length === 0)
    unavailableReason = `the order of presentation is unknown for all ${verdicts} verdicts: their source did not say which answer was shown first`;
  else if (report.decisive === 0)
    unavailableReason = `none of the ${positioned.length} verdicts whose order is known is decisive (ties say nothing about position)`;
  return { ...report, unknownOrder, unavailableReason };
}

export interface JudgeAgreementResult extends AgreementReport {
  judgeA: string;
  judgeB: string;
}

/**
 * Compares two judges on the (prompt, pair of models) both judged, seen in one orientation.
 * A judge with several verdicts on a pair (both games of a swap pair, repeated votes) counts by
 * their majority; `HUMAN` compares every human vote on its own, as FastChat's MT-Bench agreement
 * analysis does (compute_agreement.py), while `HUMAN_MAJORITY` takes the humans' majority.
 */
export async function compareJudges(
  db: Database,
  judgeA: string,
  judgeB: string,
  slice: VerdictFilter,
): Promise<JudgeAgreementResult> {
  if (judgeA === judgeB)
    throw new InvalidRequestError(
      'judgeA and judgeB must name two different judges, but both are the same.',
      'judgeB',
    );
  await requireKnownSliceNames(db, slice, 'filter');
  const sides = await Promise.all(
    [judgeA, judgeB].map(async (judge) => {
      const groups = await judgedGroups(db, selectJudge(judge, slice).filter);
      if (groups.length === 0) await requireKnownJudge(db, judge);
      return votesByPair(groups, judge === HUMAN);
    }),
  );
  const [first, second] = sides;
  const pairs: { first: Preference; second: Preference }[] = [];
  for (const [key, votesA] of first) {
    const votesB = second.get(key);
    if (!votesB) continue;
    for (const a of votesA) for (const b of votesB) pairs.push({ first: a, second: b });
  }
  return { judgeA, judgeB, ...judgeAgreement(pairs) };
}

/** Each pair's votes from the lower model id's side: every vote when pooled, else their majority. */
function votesByPair(groups: JudgedGroup[], pooled: boolean): Map<string, Preference[]> {
  const votes = new Map<string, Preference[]>();
  for (const group of groups) {
    const flipped = group.modelAId > group.modelBId;
    const key = `${group.promptId}:${Math.min(group.modelAId, group.modelBId)}:${Math.max(group.modelAId, group.modelBId)}`;
    const preference = preferenceOf(group.outcome, group.preferenceA);
    const list = votes.get(key) ?? [];
    list.push(...repeat(flipped ? flipPreference(preference) : preference, group.count));
    votes.set(key, list);
  }
  if (!pooled)
    for (const [key, list] of votes)
      votes.set(key, [present(majorityPreference(list), 'majorityPreference(list)')]);
  return votes;
}

export interface RankingAgreement {
  judgeA: string;
  judgeB: string;
  models: number;
  spearman: number | null;
  kendall: number | null;
  /** Models both rank, the largest rank change first. */
  movers: {
    model: string;
    rankA: number;
    rankB: number;
    ratingA: number;
    ratingB: number;
    change: number;
  }[];
}

export async function rankingAgreement(
  db: Database,
  judgeA: string,
  judgeB: string,
  slice: VerdictFilter,
): Promise<RankingAgreement> {
  await requireKnownSliceNames(db, slice, 'filter');
  // The judges first: the boards below would otherwise report an unknown one as their own input.
  for (const judge of [judgeA, judgeB]) await requireKnownJudge(db, judge);
  const [boardA, boardB] = await Promise.all(
    [judgeA, judgeB].map(async (judge) => {
      const board = await computeLeaderboard(db, {
        filter: selectJudge(judge, slice).filter,
        bootstrapRounds: 0,
      });
      return new Map(board.entries.map((entry) => [entry.model.name, entry.rating]));
    }),
  );
  const shared = [...boardA.keys()].filter((model) => boardB.has(model)).sort();
  const ratingsA = shared.map((model) => mustGet(boardA, model, 'rating by judge A'));
  const ratingsB = shared.map((model) => mustGet(boardB, model, 'rating by judge B'));
  const rankIn = (ratings: number[]) =>
    ratings.map((rating) => 1 + ratings.filter((other) => other > rating).length);
  const [ranksA, ranksB] = [rankIn(ratingsA), rankIn(ratingsB)];
  const movers = shared
    .map((model, i) => ({
      model,
      rankA: ranksA[i],
      rankB: ranksB[i],
      ratingA: ratingsA[i],
      ratingB: ratingsB[i],
      change: ranksB[i] - ranksA[i],
    }))
    .sort((x, y) => Math.abs(y.change) - Math.abs(x.change) || compareCodePoints(x.model, y.model));
  const enough = shared.length >= 2;
  return {
    judgeA,
    judgeB,
    models: shared.length,
    spearman: enough ? finiteOrNull(spearmanCorrelation(ratingsA, ratingsB)) : null,
    kendall: enough ? finiteOrNull(kendallTauB(ratingsA, ratingsB)) : null,
    movers,
  };
}

export async function requireKnownJudge(db: Database, judge: string): Promise<void> {
  if (judge !== HUMAN && judge !== 'HUMAN_MAJORITY' && !(await judgeExists(db, judge))) {
    throw new InvalidRequestError(
      `judge ${excerpt(judge)} is unknown; name a stored judge (see the judges query), HUMAN or HUMAN_MAJORITY.`,
      'judge',
      'NOT_FOUND',
    );
  }
}

function checkConfidence(level: number): void {
  if (!(Number.isFinite(level) && level >= 0.5 && level < 1)) {
    throw new InvalidRequestError(
      `confidenceLevel must be at least 0.5 and below 1 (e.g. 0.95), but got ${level}.`,
      'confidenceLevel',
    );
  }
}

function repeat<T>(value: T, times: number): T[] {
  return Array.from({ length: times }, () => value);
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
