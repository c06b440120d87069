/**
 * Search over prompts and answers (Query.search, PostgreSQL full-text search): each prompt found
 * with the passages that matched, its battles (each opening the battle view) and its judges.
 * The query and the page are in the URL (`q`, `after`), so a search can be linked and reloaded.
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { SEARCH_QUERY } from '../api/documents';
import type { SearchHit, SnippetPart } from '../api/types';
import { useQuery } from '../api/use-query';
import { ModelLink } from '../components/model-link';
import { Status } from '../components/status';
import { count, excerpt, outcomeLabel } from '../format';
import { foldedJudgeNames } from '../judge-names';
import { hrefOf } from '../state/location';
import type { ViewProps } from './view-props';

interface Page {
  search: { nodes: SearchHit[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

function Snippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <span class="snippet">
      {parts.map((part, index) =>
        part.matched ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </span>
  );
}

function battleHref(verdict: SearchHit['battles']['verdicts'][number]): string {
  const params = new URLSearchParams({ a: verdict.modelA.name, b: verdict.modelB.name });
  return hrefOf('battle', params, verdict.id);
}

/** The judges of a prompt, crowds folded into a count; every name is in the tooltip. */
function JudgeNames({ names }: { names: string[] }) {
  const all = names.join(', ');
  return (
    <span data-judges={all} title={names.length > 0 ? all : undefined}>
      {names.length === 0 ? 'nobody yet' : foldedJudgeNames(names).join(', ')}
    </span>
  );
}

function Hit({ hit }: { hit: SearchHit }) {
  const { prompt, battles } = hit;
  return (
    <li class="search-hit" data-prompt={prompt.id}>
      <h3>
        {hit.promptSnippet !== null ? (
          <Snippet parts={hit.promptSnippet} />
        ) : (
          <span title={prompt.text ?? undefined}>
            {prompt.text === null ? '(no text stored)' : excerpt(prompt.text)}
          </span>
        )}
      </h3>
      <p class="sub">
        {prompt.externalId !== null ? `Prompt ${prompt.externalId}` : `Prompt #${prompt.id}`}
        {prompt.category !== null ? ` · ${prompt.category}` : ''} · judged by{' '}
        <JudgeNames
          names={hit.judges.map((judge) =>
            judge.version === '' ? judge.name : `${judge.name} (${judge.version})`,
          )}
        />
      </p>
      {hit.matchedAnswers.length > 0 && (
        <ul class="matched-answers" aria-label="Answers that matched">
          {hit.matchedAnswers.map((match) => (
            <li key={match.response.id} data-response={match.response.id}>
              <strong>
                <ModelLink name={match.response.model.name} />:
              </strong>{' '}
              <Snippet parts={match.snippet} />
            </li>
          ))}
        </ul>
      )}
      {battles.totalCount > 0 && (
        // Its own scroll box: on a phone the five columns are wider than the page.
        <div class="scroll">
          <table class="search-battles">
            <caption>
              {battles.totalCount === battles.verdicts.length
                ? `${count(battles.totalCount)} ${battles.totalCount === 1 ? 'battle' : 'battles'}`
                : `The first ${battles.verdicts.length} of ${count(battles.totalCount)} battles`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Model A</th>
                <th scope="col">Model B</th>
                <th scope="col">Outcome</th>
                <th scope="col">Judge</th>
                <th scope="col">Battle</th>
              </tr>
            </thead>
            <tbody>
              {battles.verdicts.map((verdict) => (
                <tr key={verdict.id} data-verdict={verdict.id}>
                  <td>
                    <ModelLink name={verdict.modelA.name} />
                  </td>
                  <td>
                    <ModelLink name={verdict.modelB.name} />
                  </td>
                  <td>{outcomeLabel(verdict.outcome)}</td>
                  <td>{verdict.judge.name}</td>
                  <td>
                    <a href={battleHref(verdict)}>Open battle</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </li>
  );
}

export function SearchView({ route, version, setParams }: ViewProps) {
  const query = route.params.get('q') ?? '';
  const after = route.params.get('after');
  const [typed, setTyped] = useState(query);
  const { data, error, loading, stale, updatedAt } = useQuery<Page>(
    query.trim() === '' ? null : SEARCH_QUERY,
    { query, after },
    version,
  );
  const page = data?.search ?? null;
  return (
    <section class="search" aria-labelledby="search-title">
      <h2 id="search-title">Search prompts and answers</h2>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setParams({ q: typed.trim() === '' ? null : typed, after: null });
        }}
      >
        <label for="search-query">Words to find</label>{' '}
        <input
          id="search-query"
          type="search"
          value={typed}
          maxLength={200}
          placeholder={'e.g. haiku kubernetes, "binary search" -python'}
          onInput={(event) => setTyped(event.currentTarget.value)}
        />{' '}
        <button type="submit">Search</button>
      </form>
      <p class="sub">
        English stemming: “erupting” finds “erupt”. Quote a phrase, write <code>or</code> between
        alternatives, <code>-word</code> to leave a word out.
      </p>
      {error instanceof ApiError && error.code === 'BAD_USER_INPUT' ? (
        <p class="error" role="alert">
          {error.message}
        </p>
      ) : (
        <Status loading={loading && page === null} error={error} shownFrom={updatedAt} />
      )}
      {query.trim() !== '' && page !== null && page.nodes.length === 0 && (
        <p class="note" role="status">
          {after === null ? 'No prompt or answer matches.' : 'No more matches after this point.'}
        </p>
      )}
      {page !== null && page.nodes.length > 0 && (
        <ol
          class={stale ? 'search-hits stale' : 'search-hits'}
          data-stale={stale ? 'true' : 'false'}
          data-search-ready={loading ? 'false' : 'true'}
        >
          {page.nodes.map((hit) => (
            <Hit key={hit.prompt.id} hit={hit} />
          ))}
        </ol>
      )}
      {page !== null && (after !== null || page.pageInfo.hasNextPage) && (
        <p class="pager">
          {after !== null && (
            <button type="button" class="link-button" onClick={() => setParams({ after: null })}>
              First page
            </button>
          )}{' '}
          {page.pageInfo.hasNextPage && (
            <button
              type="button"
              class="link-button"
              data-next-page=""
              onClick={() => setParams({ after: page.pageInfo.endCursor })}
            >
              Next 20
            </button>
          )}
        </p>
      )}
    </section>
  );
}
