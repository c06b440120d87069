/**
 * Two models' record: the decision between them (Query.comparison: difference and probability
 * with intervals), outcome counts, empirical and predicted win rate, and the verdicts where they
 * met, seen from A's side and filterable to A's wins, losses or ties, each opening the battle
 * view. The pair is in the URL (`a`, `b`, `result`, and the page `after`).
 */
import { COMPARISON_QUERY, HEAD_TO_HEAD_QUERY } from '../api/documents';
import type { Comparison, HeadToHead, Page, VerdictSummary } from '../api/types';
import { useQuery } from '../api/use-query';
import { ModelLink } from '../components/model-link';
import { Status } from '../components/status';
import { DownloadableTable } from '../components/table-download';
import { count, outcomeLabel, percent } from '../format';
import { hrefOf } from '../state/location';
import {
  leaderboardInput,
  verdictFilter,
  type Slice,
  type VerdictFilterVariables,
} from '../state/slice';
import { nextPage, previousPage } from '../state/page-trail';
import { PairJudgeKinds } from './pair-judge-kinds';
import { ComparisonFigures, orientedToA } from './head-to-head-comparison';
import type { ViewProps } from './view-props';

export function excerpt(text: string | null, length = 140): string {
  if (text === null) return '(no text stored)';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

const RESULTS = [
  { value: null, label: 'All' },
  { value: 'WIN', label: 'A wins' },
  { value: 'LOSS', label: 'A losses' },
  { value: 'TIE', label: 'Ties' },
] as const;

/** The result the URL's `result` asks for (A's wins, losses or ties); null for all. */
function resultOf(params: URLSearchParams): (typeof RESULTS)[number]['value'] {
  const wanted = params.get('result')?.toUpperCase() ?? null;
  return RESULTS.find((choice) => choice.value === wanted)?.value ?? null;
}

/**
 * The filter of the list of verdicts between `a` and `b` of `params`, the slice's restricted to
 * the pair and to A's `result`: the head-to-head table pages through it, and the battle view's
 * previous and next links walk the same list.
 */
export function pairListFilter(
  slice: Slice,
  params: URLSearchParams,
): VerdictFilterVariables & { resultFor?: { model: string; result: string } } {
  const a = params.get('a');
  const result = resultOf(params);
  return {
    ...verdictFilter(slice),
    models: [a ?? '', params.get('b') ?? ''],
    ...(result && a !== null ? { resultFor: { model: a, result } } : {}),
  };
}

export function HeadToHeadView({ route, slice, catalog, version, setParams }: ViewProps) {
  const a = route.params.get('a');
  const b = route.params.get('b');
  const filter = verdictFilter(slice);
  const ready = a !== null && b !== null && a !== b;
  const result = resultOf(route.params);
  const variables = {
    a,
    b,
    filter,
    pairFilter: pairListFilter(slice, route.params),
    after: route.params.get('after'),
  };
  const { data, error, loading, updatedAt } = useQuery<{
    headToHead: HeadToHead;
    verdicts: Page<VerdictSummary>;
  }>(ready ? HEAD_TO_HEAD_QUERY : null, variables, version);
  // A decision needs a Bradley–Terry fit with a joint uncertainty (profile intervals are per
  // rating); the slice says which.
  const decidable =
    slice.method === 'BRADLEY_TERRY' && slice.interval !== 'NONE' && slice.interval !== 'PROFILE';
  const compared = useQuery<{ comparison: Comparison }>(
    ready && decidable ? COMPARISON_QUERY : null,
    { input: { modelA: a, modelB: b, leaderboard: leaderboardInput(slice) } },
    version,
  );
  const comparison = compared.data?.comparison ?? null;
  const names = catalog?.models.map((model) => model.name) ?? [];
  const record = ready ? (data?.headToHead ?? null) : null;
  // The battle keeps the page (`after`): its previous/next links walk this list, and its back
  // link returns to this page.
  const battleParams = new URLSearchParams(route.params);
  const earlier = previousPage(route.params);
  const picker = (key: 'a' | 'b', label: string, value: string | null) => (
    <label>
      {label}
      <select
        name={key}
        value={value ?? ''}
        onChange={(event) => setParams({ [key]: event.currentTarget.value || null, after: null })}
      >
        <option value="">choose…</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">Head to head</h2>
      <form class="pair-picker" onSubmit={(event) => event.preventDefault()}>
        {picker('a', 'Model A', a)}
        <button
          type="button"
          class="link-button"
          aria-label="Swap the two models"
          onClick={() => setParams({ a: b, b: a, after: null })}
        >
          ⇄
        </button>
        {picker('b', 'Model B', b)}
      </form>
      {!ready && <p>Choose two different models.</p>}
      <Status
        loading={ready && loading && record === null}
        error={ready ? error : null}
        shownFrom={updatedAt}
      />
      {ready && (
        <PairJudgeKinds
          filter={{ ...filter, models: [a, b] }}
          slice={slice}
          catalog={catalog}
          route={route}
          version={version}
        />
      )}
      {record !== null && data !== null && (
        <div data-ready={loading || (decidable && compared.loading) ? 'false' : 'true'}>
          {!decidable && (
            <p class="note" data-figure="no-comparison">
              A decision between them needs Bradley–Terry with bootstrap or sandwich intervals
              (profile intervals are per rating); choose them in the slice controls.
            </p>
          )}
          {decidable && compared.error && (
            <p class="note" role="alert" data-figure="no-comparison">
              No decision: {compared.error.message}
            </p>
          )}
          {comparison !== null && a !== null && b !== null && (
            <ComparisonFigures comparison={comparison} a={a} b={b} />
          )}
          {record.verdictCount === 0 && (
            <p class="empty" data-figure="never-met">
              {a} and {b} never met in this slice: there is no verdict between them
              {comparison !== null ? ', so the decision above rests on their other opponents' : ''}.
            </p>
          )}
          <dl class="figures">
            <div>
              <dt>Verdicts</dt>
              <dd data-figure="verdicts">{count(record.verdictCount)}</dd>
            </div>
            <div>
              <dt>{a !== null && <ModelLink name={a} />} wins</dt>
              <dd data-figure="wins">{count(record.wins)}</dd>
            </div>
            <div>
              <dt>{b !== null && <ModelLink name={b} />} wins</dt>
              <dd data-figure="losses">{count(record.losses)}</dd>
            </div>
            <div>
              <dt>Ties</dt>
              <dd data-figure="ties">{count(record.ties)}</dd>
            </div>
            <div>
              <dt>Empirical win rate of A</dt>
              <dd data-figure="empirical">{percent(record.empiricalWinRate)}</dd>
            </div>
            <div>
              <dt>Predicted win rate of A</dt>
              <dd data-figure="predicted">{percent(record.predictedWinRate)}</dd>
            </div>
          </dl>
          <DownloadableTable name="head-to-head-outcomes">
            <table class="compact outcomes">
              <caption>Outcomes from A's side</caption>
              <thead>
                <tr>
                  {record.outcomes.map((outcome) => (
                    <th scope="col" class="num" key={outcome.outcome}>
                      {outcomeLabel(outcome.outcome)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  {record.outcomes.map((outcome) => (
                    <td class="num" key={outcome.outcome}>
                      {count(outcome.count)}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </DownloadableTable>
          <p class="result-filter" role="group" aria-label="Show verdicts">
            {RESULTS.map((choice) => (
              <button
                type="button"
                key={choice.label}
                data-result={choice.value ?? 'ALL'}
                aria-pressed={result === choice.value ? 'true' : 'false'}
                onClick={() =>
                  setParams({ result: choice.value?.toLowerCase() ?? null, after: null })
                }
              >
                {choice.label}
              </button>
            ))}
          </p>
          <DownloadableTable name="head-to-head-verdicts">
            <div class="scroll">
              <table class="battles">
                <caption>
                  Verdicts between them, in the order they were stored (open one to read both
                  answers)
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Prompt</th>
                    <th scope="col">Category</th>
                    <th scope="col">Judge</th>
                    <th scope="col">Outcome ({a} as A)</th>
                    <th scope="col">Winner</th>
                    <th scope="col">Shown first</th>
                  </tr>
                </thead>
                <tbody>
                  {data.verdicts.nodes.map((verdict) => {
                    const seen = orientedToA(verdict, a ?? '');
                    return (
                      <tr key={verdict.id} data-verdict={verdict.id}>
                        <td>
                          <a href={hrefOf('battle', battleParams, verdict.id)}>
                            {excerpt(verdict.prompt.text, 90)}
                          </a>
                        </td>
                        <td>{verdict.prompt.category ?? '–'}</td>
                        <td>{verdict.judge.name}</td>
                        <td class="outcome">{outcomeLabel(seen.outcome)}</td>
                        <td class="winner">
                          {seen.winnerModel === null ? (
                            seen.winner
                          ) : (
                            <ModelLink name={seen.winnerModel} />
                          )}
                        </td>
                        <td>
                          {seen.shownFirstModel === null ? (
                            seen.shownFirst
                          ) : (
                            <ModelLink name={seen.shownFirstModel} />
                          )}
                        </td>
                      </tr>
                    );
                  })}
                  {data.verdicts.nodes.length === 0 && record.verdictCount > 0 && (
                    <tr>
                      <td colSpan={6} class="empty">
                        No verdict of this kind between them.
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
          </DownloadableTable>
          <p class="pager">
            {route.params.get('after') !== null && (
              <button type="button" onClick={() => setParams({ after: null, trail: null })}>
                First page
              </button>
            )}
            {earlier !== null && (
              <button type="button" onClick={() => setParams(earlier)}>
                Previous page
              </button>
            )}
            {data.verdicts.pageInfo.hasNextPage && data.verdicts.pageInfo.endCursor !== null && (
              <button
                type="button"
                onClick={() =>
                  setParams(nextPage(route.params, data.verdicts.pageInfo.endCursor ?? ''))
                }
              >
                Next page
              </button>
            )}
          </p>
        </div>
      )}
    </section>
  );
}
