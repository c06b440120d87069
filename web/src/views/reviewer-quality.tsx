/**
 * Reviewer quality (Query.reviewerQuality): every human reviewer of the slice with agreement
 * with the others' majority, position bias, time per vote, gold accuracy and the sequential
 * screens' flags, flagged reviewers first; and the crowd's Krippendorff's alpha.
 */
import { REVIEWER_QUALITY_QUERY } from '../api/documents';
import type { ReviewerQualityReport, ReviewerQualityRow } from '../api/types';
import { useQuery } from '../api/use-query';
import { Status } from '../components/status';
import { DownloadableTable } from '../components/table-download';
import { count, decimal, share } from '../format';

/** A crowd can have hundreds of reviewers: the flagged ones and the most active are shown. */
const SHOWN_REVIEWERS = 50;

function interval(lower: number | null, upper: number | null): string {
  return lower === null || upper === null ? '' : ` (${share(lower, 0)}–${share(upper, 0)})`;
}

function flagText(row: ReviewerQualityRow): string {
  const decided = row.screens.filter((screen) => screen.decision === 'ALTERNATIVE');
  if (decided.length === 0) return 'not flagged';
  return decided.map((screen) => screen.reason).join('; ');
}

export function ReviewerQuality({
  filter,
  version,
}: {
  filter: Record<string, unknown>;
  version: number | null;
}) {
  const { data, error, loading, stale, updatedAt } = useQuery<{
    reviewerQuality: ReviewerQualityReport;
  }>(REVIEWER_QUALITY_QUERY, { filter }, version);
  const report = data?.reviewerQuality ?? null;
  const rows =
    report === null
      ? []
      : [...report.reviewers]
          .sort((a, b) => Number(b.flagged) - Number(a.flagged))
          .slice(0, SHOWN_REVIEWERS);
  return (
    <section class="reviewer-quality" aria-labelledby="reviewer-quality-title">
      <h3 id="reviewer-quality-title">Reviewers</h3>
      <Status loading={loading && report === null} error={error} shownFrom={updatedAt} />
      {report !== null && report.reviewers.length === 0 && (
        <p class="note" role="status">
          No human reviewer has a verdict in this slice.
        </p>
      )}
      {report !== null && report.reviewers.length > 0 && (
        <div class={stale ? 'stale' : ''}>
          <p class="note" data-testid="crowd-alpha">
            {report.alpha
              .map((alpha) =>
                alpha.alpha === null
                  ? `${alpha.level.toLowerCase()} alpha: none (${alpha.unavailableReason ?? ''})`
                  : `${alpha.level.toLowerCase()} Krippendorff's alpha ${decimal(alpha.alpha)} over ${count(alpha.items)} items with ${alpha.minimumReviewers}+ reviewers`,
              )
              .join(' · ')}
          </p>
          <DownloadableTable name="reviewers">
            <div class="scroll">
              <table class="reviewers">
                <caption>
                  {report.reviewers.length > rows.length
                    ? `Flagged reviewers first, then the most active: ${count(rows.length)} of ${count(report.reviewers.length)}`
                    : 'Flagged reviewers first, then the most active'}
                  . Agreement is with the other reviewers' majority on the same prompt and pair;
                  flags come from Wald's sequential tests for random and always-first voting.
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Reviewer</th>
                    <th scope="col">Votes</th>
                    <th scope="col">Agreement</th>
                    <th scope="col">Shown-first wins</th>
                    <th scope="col">Seconds per vote</th>
                    <th scope="col">Gold</th>
                    <th scope="col">Flag</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr
                      key={row.reviewer}
                      data-reviewer={row.reviewer}
                      class={row.flagged ? 'flagged' : ''}
                    >
                      <th scope="row">{row.reviewer}</th>
                      <td>{count(row.votes)}</td>
                      <td>
                        {share(row.agreement.agreement)}
                        {interval(row.agreement.lower, row.agreement.upper)}
                        {row.agreement.compared > 0 ? ` of ${count(row.agreement.compared)}` : ''}
                      </td>
                      <td
                        title={
                          row.positionBias.unknownOrder > 0
                            ? `${count(row.positionBias.unknownOrder)} votes of unknown order left out`
                            : undefined
                        }
                      >
                        {share(row.positionBias.firstShownWinRate)}
                        {interval(row.positionBias.lower, row.positionBias.upper)}
                      </td>
                      <td title={row.timeUnavailableReason ?? undefined}>
                        {decimal(row.medianSecondsPerVote, 1)}
                      </td>
                      <td title={row.gold.unavailableReason ?? undefined}>
                        {row.gold.votes > 0
                          ? `${share(row.gold.accuracy, 0)} of ${count(row.gold.votes)}`
                          : '–'}
                      </td>
                      <td>{flagText(row)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </DownloadableTable>
        </div>
      )}
    </section>
  );
}
