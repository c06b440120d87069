/**
 * The head-to-head view's decision panel: R_A − R_B with its interval (from the fit's joint
 * uncertainty, Query.comparison), P(A preferred) with its interval, the decision and, when
 * undecided, how many more verdicts would decide it. And the orientation of a verdict to the
 * page's model A, which the verdict table uses.
 */
import type { Comparison, VerdictSummary } from '../api/types';
import { count, share } from '../format';

const DECISION_TEXT: Record<Comparison['decision'], string> = {
  BETTER: 'A is better',
  NON_INFERIOR: 'A is non-inferior (within the margin)',
  WORSE: 'A is worse',
  INCONCLUSIVE: 'Inconclusive',
};

function signed(value: number): string {
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)}`;
}

function differenceText({ ratingDifference: d }: Comparison): string {
  return `${signed(d.value)} (${signed(d.ciLower)} to ${signed(d.ciUpper)})`;
}

function probabilityText({ probabilityABetter: p }: Comparison): string {
  return `${share(p.value)} (${share(p.ciLower)} – ${share(p.ciUpper)})`;
}

function moreVerdictsText(comparison: Comparison): string {
  if (comparison.decision !== 'INCONCLUSIVE') return 'none: decided';
  return comparison.additionalVerdicts === null
    ? 'no number is expected to decide it'
    : `about ${count(comparison.additionalVerdicts)}`;
}

export function ComparisonFigures({
  comparison,
  a,
  b,
}: {
  comparison: Comparison;
  a: string;
  b: string;
}) {
  const level = `${Math.round(comparison.level * 1000) / 10}%`;
  return (
    <dl class="figures comparison">
      <div>
        <dt>
          Rating difference {a} − {b} ({level} interval)
        </dt>
        <dd data-figure="difference">{differenceText(comparison)}</dd>
      </div>
      <div>
        <dt>P({a} preferred)</dt>
        <dd data-figure="probability">{probabilityText(comparison)}</dd>
      </div>
      <div>
        <dt>Decision</dt>
        <dd data-figure="decision" data-decision={comparison.decision}>
          {DECISION_TEXT[comparison.decision]}
        </dd>
      </div>
      <div>
        <dt title={comparison.additionalVerdictsNote}>More verdicts to decide</dt>
        <dd data-figure="more-verdicts">{moreVerdictsText(comparison)}</dd>
      </div>
    </dl>
  );
}

const SWAPPED: Record<string, string> = {
  A_MUCH_BETTER: 'B_MUCH_BETTER',
  A_BETTER: 'B_BETTER',
  B_BETTER: 'A_BETTER',
  B_MUCH_BETTER: 'A_MUCH_BETTER',
};

/** A verdict seen from the page's model A: its outcome, its winner and who was shown first. */
export function orientedToA(verdict: VerdictSummary, a: string) {
  const asStored = verdict.modelA.name === a;
  const outcome = asStored ? verdict.outcome : (SWAPPED[verdict.outcome] ?? verdict.outcome);
  const other = asStored ? verdict.modelB.name : verdict.modelA.name;
  const winnerModel =
    outcome === 'A_MUCH_BETTER' || outcome === 'A_BETTER'
      ? a
      : outcome === 'B_BETTER' || outcome === 'B_MUCH_BETTER'
        ? other
        : null;
  const shownFirstModel =
    verdict.shownFirst === null
      ? null
      : verdict.shownFirst === 'A'
        ? verdict.modelA.name
        : verdict.modelB.name;
  // The models are kept apart from the labels so that the view links a model, never a tie.
  return {
    outcome,
    winnerModel,
    winner: winnerModel ?? (outcome === 'BOTH_BAD' ? 'tie (both bad)' : 'tie'),
    shownFirstModel,
    shownFirst: shownFirstModel ?? '–',
  };
}
