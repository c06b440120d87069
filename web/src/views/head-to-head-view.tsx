/**
 * Two models' record: outcome counts, empirical and predicted win rate, and the verdicts where
 * they met, each opening the battle view. The pair is in the URL (`a`, `b`, and the page `after`).
 */
import { HEAD_TO_HEAD_QUERY } from '../api/documents';
import type { HeadToHead, Page, VerdictSummary } from '../api/types';
import { useQuery } from '../api/use-query';
import { Status } from '../components/status';
import { count, outcomeLabel, percent } from '../format';
import { hrefOf } from '../state/location';
import { verdictFilter } from '../state/slice';
import { nextPage, previousPage } from '../state/page-trail';
import { PairJudgeKinds } from './pair-judge-kinds';
import type { ViewProps } from './view-props';

export function excerpt(text: string | null, length = 140): string {
  if (text === null) return '(no text stored)';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

export function HeadToHeadView({ route, slice, catalog, version, setParams }: ViewProps) {
  const a = route.params.get('a');
  const b = route.params.get('b');
  const filter = verdictFilter(slice);
  const ready = a !== null && b !== null && a !== b;
  const variables = {
    a,
    b,
    filter,
    pairFilter: { ...filter, models: [a, b] },
    after: route.params.get('after'),
  };
  const { data, error, loading } = useQuery<{
    headToHead: HeadToHead;
    verdicts: Page<VerdictSummary>;
  }>(ready ? HEAD_TO_HEAD_QUERY : null, variables, version);
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
      <Status loading={ready && loading && record === null} error={ready ? error : null} />
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
        <div data-ready={loading ? 'false' : 'true'}>
          <dl class="figures">
            <div>
              <dt>Verdicts</dt>
              <dd data-figure="verdicts">{count(record.verdictCount)}</dd>
            </div>
            <div>
              <dt>{a} wins</dt>
              <dd data-figure="wins">{count(record.wins)}</dd>
            </div>
            <div>
              <dt>{b} wins</dt>
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
          <div class="scroll">
            <table class="battles">
              <caption>
                Verdicts between them, in the order they were stored (open one to read both answers)
              </caption>
              <thead>
                <tr>
                  <th scope="col">Prompt</th>
                  <th scope="col">Category</th>
                  <th scope="col">Judge</th>
                  <th scope="col">A</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">B</th>
                  <th scope="col">Shown first</th>
                </tr>
              </thead>
              <tbody>
                {data.verdicts.nodes.map((verdict) => (
                  <tr key={verdict.id} data-verdict={verdict.id}>
                    <td>
                      <a href={hrefOf('battle', battleParams, verdict.id)}>
                        {excerpt(verdict.prompt.text, 90)}
                      </a>
                    </td>
                    <td>{verdict.prompt.category ?? '–'}</td>
                    <td>{verdict.judge.name}</td>
                    <td>{verdict.modelA.name}</td>
                    <td class="outcome">{outcomeLabel(verdict.outcome)}</td>
                    <td>{verdict.modelB.name}</td>
                    <td>{verdict.shownFirst ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
