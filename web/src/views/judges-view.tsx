/**
 * The judges' quality next to their rankings: per judge its label shares, position bias with its
 * interval and swap consistency; per pair of judges (and each against the human majority) the
 * agreement, Cohen's kappa and the rank correlation of their leaderboards. One request.
 */
import type { JudgePair, JudgeReport } from '../api/types';
import { JUDGE_PAIR_QUERY, JUDGE_REPORT_QUERY } from '../api/documents';
import { useQuery } from '../api/use-query';
import { ModelLink } from '../components/model-link';
import { RankScatter } from '../components/rank-scatter';
import { Status } from '../components/status';
import { DownloadableTable } from '../components/table-download';
import { JudgeDisagreements } from './judge-disagreements';
import { ReviewerQuality } from './reviewer-quality';
import { count, decimal, outcomeLabel, share } from '../format';
import { verdictFilter } from '../state/slice';
import type { ViewProps } from './view-props';

/**
 * LLM judges are compared one by one; people together, as `HUMAN` (every human verdict) and
 * `HUMAN_MAJORITY` (their majority per pair): a crowd has hundreds of annotators. The server
 * allows 30 aliases per request, which four LLM judges and the humans fit.
 */
export const MAX_COMPARED_JUDGES = 4;
const HUMAN = 'HUMAN';
const HUMAN_MAJORITY = 'HUMAN_MAJORITY';

function selectionOf(document: string): string {
  const start = document.indexOf('{');
  const end = document.lastIndexOf('}');
  return document.slice(start + 1, end);
}

/** The report and pair documents, repeated under aliases with their own variables. */
export function judgesQuery(judges: string[], pairs: [string, string][]): string {
  const report = selectionOf(JUDGE_REPORT_QUERY).replace(
    'judgeReport(judge: $judge, filter: $filter)',
    'judgeReport(judge: $JUDGE, filter: $filter)',
  );
  const pair = selectionOf(JUDGE_PAIR_QUERY);
  const parts: string[] = [];
  const variables: string[] = ['$filter: VerdictFilterInput'];
  judges.forEach((_, i) => {
    variables.push(`$j${i}: String!`);
    parts.push(`r${i}: ${report.trim().replace('$JUDGE', `$j${i}`)}`);
  });
  pairs.forEach((_, i) => {
    variables.push(`$pa${i}: String!`, `$pb${i}: String!`);
    parts.push(
      pair
        .trim()
        .replace(
          'judgeAgreement(judgeA: $a, judgeB: $b, filter: $filter)',
          `a${i}: judgeAgreement(judgeA: $pa${i}, judgeB: $pb${i}, filter: $filter)`,
        )
        .replace(
          'rankingAgreement(judgeA: $a, judgeB: $b, filter: $filter)',
          `k${i}: rankingAgreement(judgeA: $pa${i}, judgeB: $pb${i}, filter: $filter)`,
        ),
    );
  });
  return `query DashboardJudges(${variables.join(', ')}) {\n${parts.join('\n')}\n}`;
}

/** How the page names a judge (the API's HUMAN and HUMAN_MAJORITY are groups of people). */
function judgeName(judge: string): string {
  if (judge === HUMAN) return 'every human';
  return judge === HUMAN_MAJORITY ? 'human majority' : judge;
}

export function JudgesView({ route, slice, catalog, version, setParams }: ViewProps) {
  const llmJudges = [
    ...new Set(
      catalog?.judges.filter((judge) => judge.kind === 'LLM').map((judge) => judge.name) ?? [],
    ),
  ].slice(0, MAX_COMPARED_JUDGES);
  const hasHumans = catalog?.judges.some((judge) => judge.kind === 'HUMAN') ?? false;
  const judges = hasHumans ? [...llmJudges, HUMAN] : llmJudges;
  const compared = hasHumans ? [...llmJudges, HUMAN_MAJORITY] : llmJudges;
  const pairs: [string, string][] = [];
  for (let i = 0; i < compared.length; i += 1)
    for (let j = i + 1; j < compared.length; j += 1)
      pairs.push([compared[i] ?? '', compared[j] ?? '']);
  const { judgeKinds: _kinds, judges: _judges, ...filter } = verdictFilter(slice);
  const variables: Record<string, unknown> = { filter };
  judges.forEach((judge, i) => {
    variables[`j${i}`] = judge;
  });
  pairs.forEach(([a, b], i) => {
    variables[`pa${i}`] = a;
    variables[`pb${i}`] = b;
  });
  const { data, error, loading, stale, updatedAt } = useQuery<Record<string, unknown>>(
    catalog === null || judges.length === 0 ? null : judgesQuery(judges, pairs),
    variables,
    version,
  );
  const reports = judges.map((_, i) => (data?.[`r${i}`] ?? null) as JudgeReport | null);
  const allLabels = ['A_MUCH_BETTER', 'A_BETTER', 'TIE', 'BOTH_BAD', 'B_BETTER', 'B_MUCH_BETTER'];
  const used = (label: string) =>
    reports.some((report) =>
      report?.outcomes.some((outcome) => outcome.outcome === label && outcome.count > 0),
    );
  // A label no judge here gave is a column of 0.0%: folded away, and named under the table.
  const labels = data === null ? allLabels : allLabels.filter(used);
  const folded = allLabels.filter((label) => !labels.includes(label));
  const chosenPair =
    pairs.find(([a, b]) => `${a}|${b}` === route.params.get('pair')) ?? pairs[0] ?? null;
  const chosenIndex = chosenPair === null ? -1 : pairs.indexOf(chosenPair);
  const chosenRanking =
    chosenIndex < 0
      ? undefined
      : (data?.[`k${chosenIndex}`] as JudgePair['rankingAgreement'] | undefined);
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">Judges</h2>
      <Status loading={loading && data === null} error={error} shownFrom={updatedAt} />
      {data !== null && (
        <div
          class={stale ? 'stale' : ''}
          data-stale={stale ? 'true' : 'false'}
          data-ready={loading ? 'false' : 'true'}
        >
          <DownloadableTable name="judges">
            <div class="scroll">
              <table class="judges">
                <caption>
                  Each judge: label shares, position bias (how often the answer shown first won,
                  with its interval; 50% is none) and swap consistency
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Judge</th>
                    <th scope="col" class="num">
                      Verdicts
                    </th>
                    {labels.map((label) => (
                      <th scope="col" class="num" key={label}>
                        {outcomeLabel(label)}
                      </th>
                    ))}
                    <th scope="col" class="num">
                      First shown wins
                    </th>
                    <th scope="col" class="num">
                      its interval
                    </th>
                    <th scope="col" class="num">
                      Swap pairs
                    </th>
                    <th scope="col" class="num">
                      Swap consistency
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {reports.map((report, i) =>
                    report === null ? null : (
                      <tr key={report.judge} data-judge={judges[i]}>
                        <th scope="row">{judgeName(report.judge)}</th>
                        <td class="num">{count(report.verdicts)}</td>
                        {labels.map((label) => {
                          const found = report.outcomes.find(
                            (outcome) => outcome.outcome === label,
                          );
                          return (
                            <td class="num" key={label}>
                              {report.verdicts > 0
                                ? share((found?.count ?? 0) / report.verdicts)
                                : '–'}
                            </td>
                          );
                        })}
                        <td class="num" title={positionBiasNote(report.positionBias) ?? undefined}>
                          {report.positionBias.unavailableReason === null
                            ? share(report.positionBias.firstShownWinRate)
                            : 'unavailable'}
                          {positionBiasNote(report.positionBias) === null ? null : (
                            <sup aria-hidden="true">{i + 1}</sup>
                          )}
                        </td>
                        <td class="num">
                          {report.positionBias.lower === null
                            ? '–'
                            : `${share(report.positionBias.lower)} – ${share(report.positionBias.upper)}`}
                        </td>
                        <td class="num">{count(report.swapConsistency.pairs)}</td>
                        <td class="num">{share(report.swapConsistency.rate)}</td>
                      </tr>
                    ),
                  )}
                </tbody>
              </table>
            </div>
          </DownloadableTable>
          <ol class="footnotes note">
            {reports.map((report, i) => {
              const note = report === null ? null : positionBiasNote(report.positionBias);
              return note === null || report === null ? null : (
                <li key={report.judge} id={`bias-note-${i}`} value={i + 1}>
                  {judgeName(report.judge)}: {note}
                </li>
              );
            })}
          </ol>
          {folded.length > 0 && (
            <p class="note" data-folded-labels={folded.join(' ')}>
              Folded away: {folded.map(outcomeLabel).join(', ')}, which no judge here gave (every
              share 0).
            </p>
          )}
          <DownloadableTable name="judge-pairs">
            <div class="scroll">
              <table class="judge-pairs">
                <caption>
                  Pairs of judges: agreement and Cohen's kappa on the pairs both judged, and the
                  rank correlation of their leaderboards
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Judge</th>
                    <th scope="col">Other</th>
                    <th scope="col" class="num">
                      Shared pairs
                    </th>
                    <th scope="col" class="num">
                      Agreement
                    </th>
                    <th scope="col" class="num">
                      Without ties
                    </th>
                    <th scope="col" class="num">
                      Kappa
                    </th>
                    <th scope="col" class="num">
                      Spearman
                    </th>
                    <th scope="col" class="num">
                      Kendall
                    </th>
                    <th scope="col">Largest rank move</th>
                  </tr>
                </thead>
                <tbody>
                  {pairs.map(([a, b], i) => {
                    const agreement = data[`a${i}`] as JudgePair['judgeAgreement'] | undefined;
                    const ranking = data[`k${i}`] as JudgePair['rankingAgreement'] | undefined;
                    const mover = ranking?.movers[0];
                    return (
                      <tr key={`${a}|${b}`} data-pair={`${a}|${b}`}>
                        <th scope="row">{judgeName(a)}</th>
                        <td>{judgeName(b)}</td>
                        <td class="num">{count(agreement?.pairs ?? 0)}</td>
                        <td class="num">{share(agreement?.agreement)}</td>
                        <td class="num">{share(agreement?.agreementWithoutTies)}</td>
                        <td class="num">{decimal(agreement?.kappa)}</td>
                        <td class="num">{decimal(ranking?.spearman)}</td>
                        <td class="num">{decimal(ranking?.kendall)}</td>
                        <td class="rank-move">
                          {mover === undefined ? (
                            '–'
                          ) : (
                            <>
                              <ModelLink name={mover.model} />
                              {`: ${mover.rankA} by ${judgeName(a)} → ${mover.rankB} by ${judgeName(b)}`}
                            </>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </DownloadableTable>
          {chosenPair !== null && (
            <div class="pair-detail">
              <label>
                Compare{' '}
                <select
                  name="pair"
                  value={`${chosenPair[0]}|${chosenPair[1]}`}
                  onChange={(event) =>
                    setParams({ pair: event.currentTarget.value, disagreementsAfter: null })
                  }
                >
                  {pairs.map(([a, b]) => (
                    <option key={`${a}|${b}`} value={`${a}|${b}`}>
                      {judgeName(a)} and {judgeName(b)}
                    </option>
                  ))}
                </select>
              </label>
              <div class="pair-panels">
                <RankScatter
                  models={chosenRanking?.movers ?? []}
                  nameA={judgeName(chosenPair[0])}
                  nameB={judgeName(chosenPair[1])}
                />
                <JudgeDisagreements
                  judgeA={chosenPair[0]}
                  judgeB={chosenPair[1]}
                  nameA={judgeName(chosenPair[0])}
                  nameB={judgeName(chosenPair[1])}
                  filter={filter}
                  slice={slice}
                  after={route.params.get('disagreementsAfter')}
                  version={version}
                  setAfter={(after) => setParams({ disagreementsAfter: after })}
                />
              </div>
            </div>
          )}
          {hasHumans && <ReviewerQuality filter={filter} version={version} />}
        </div>
      )}
    </section>
  );
}

/** Why position bias is missing, or how many verdicts it left out for want of their order. */
function positionBiasNote(bias: JudgeReport['positionBias']): string | null {
  if (bias.unavailableReason !== null) return bias.unavailableReason;
  if (bias.unknownOrder > 0)
    return `over the verdicts whose order is known; ${bias.unknownOrder.toLocaleString('en-US')} with unknown order left out`;
  return null;
}
