/**
 * The disagreement browser: the prompts and pairs where two judges' majorities differ
 * (Query.judgeDisagreements), a page at a time, each linked to both judges' battles.
 */
import { ModelLink } from '../components/model-link';
import { JUDGE_DISAGREEMENTS_QUERY } from '../api/documents';
import type { JudgeDisagreement } from '../api/types';
import { useQuery } from '../api/use-query';
import { Status } from '../components/status';
import { DownloadableTable } from '../components/table-download';
import { count, excerpt } from '../format';
import { hrefOf } from '../state/location';
import { writeSlice, type Slice } from '../state/slice';

interface Page {
  judgeDisagreements: {
    nodes: JudgeDisagreement[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

function said(preference: JudgeDisagreement['preferenceA'], found: JudgeDisagreement): string {
  if (preference === 'TIE') return 'a tie';
  return `${preference === 'A' ? found.verdictA.modelA.name : found.verdictA.modelB.name} better`;
}

function votes(n: number): string {
  return n === 1 ? '' : ` (majority of ${count(n)})`;
}

export function JudgeDisagreements({
  judgeA,
  judgeB,
  nameA,
  nameB,
  filter,
  slice,
  after,
  version,
  setAfter,
}: {
  judgeA: string;
  judgeB: string;
  nameA: string;
  nameB: string;
  filter: Record<string, unknown>;
  slice: Slice;
  after: string | null;
  version: number | null;
  setAfter: (after: string | null) => void;
}) {
  const { data, error, loading, stale, updatedAt } = useQuery<Page>(
    JUDGE_DISAGREEMENTS_QUERY,
    { a: judgeA, b: judgeB, filter, after },
    version,
  );
  const page = data?.judgeDisagreements ?? null;
  const battle = (id: string, found: JudgeDisagreement) => {
    const params = writeSlice(new URLSearchParams(), slice);
    params.set('a', found.verdictA.modelA.name);
    params.set('b', found.verdictA.modelB.name);
    return hrefOf('battle', params, id);
  };
  return (
    <section class="disagreements" aria-labelledby="disagreements-title">
      <h3 id="disagreements-title">
        Where {nameA} and {nameB} disagree
      </h3>
      <Status loading={loading && page === null} error={error} shownFrom={updatedAt} />
      {page !== null && page.nodes.length === 0 && (
        <p class="note" role="status">
          {after === null
            ? `${nameA} and ${nameB} agree on every prompt and pair both judged in this slice (or share none).`
            : 'No more disagreements after this point.'}
        </p>
      )}
      {page !== null && page.nodes.length > 0 && (
        <DownloadableTable name="judge-disagreements">
          <div
            class={stale ? 'scroll stale' : 'scroll'}
            data-stale={stale ? 'true' : 'false'}
            data-disagreements-ready={loading ? 'false' : 'true'}
          >
            <table class="disagreements-table">
              <caption>
                Prompts and pairs where their majorities differ, with a battle of each to open
                {after === null ? '' : ' (a later page)'}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Prompt</th>
                  <th scope="col">Model A</th>
                  <th scope="col">Model B</th>
                  <th scope="col">{nameA} says</th>
                  <th scope="col">{nameB} says</th>
                  <th scope="col">Battles</th>
                </tr>
              </thead>
              <tbody>
                {page.nodes.map((found) => (
                  <tr key={found.verdictA.id} data-verdict={found.verdictA.id}>
                    <td class="prompt-cell" title={found.prompt.text}>
                      {excerpt(found.prompt.text)}
                    </td>
                    <td>
                      <ModelLink name={found.verdictA.modelA.name} />
                    </td>
                    <td>
                      <ModelLink name={found.verdictA.modelB.name} />
                    </td>
                    <td>
                      {said(found.preferenceA, found)}
                      {votes(found.votesA)}
                    </td>
                    <td>
                      {said(found.preferenceB, found)}
                      {votes(found.votesB)}
                    </td>
                    <td>
                      <a href={battle(found.verdictA.id, found)} data-battle="a">
                        {nameA}’s
                      </a>{' '}
                      ·{' '}
                      <a href={battle(found.verdictB.id, found)} data-battle="b">
                        {nameB}’s
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </DownloadableTable>
      )}
      {page !== null && (after !== null || page.pageInfo.hasNextPage) && (
        <p class="pager">
          {after !== null && (
            <button type="button" class="link-button" onClick={() => setAfter(null)}>
              First page
            </button>
          )}{' '}
          {page.pageInfo.hasNextPage && (
            <button
              type="button"
              class="link-button"
              data-next-page=""
              onClick={() => setAfter(page.pageInfo.endCursor)}
            >
              Next 25
            </button>
          )}
        </p>
      )}
    </section>
  );
}
