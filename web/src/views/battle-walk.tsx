/**
 * Previous and next battle in the list the battle was opened from: the head-to-head list of the
 * same pair and slice, at the page it was opened on (`a`, `b`, `after`, `trail` and the slice stay
 * in the URL). Past either end of the page the links step into the neighbouring page, the way
 * the head-to-head pager does (page-trail.ts), so they walk the whole list.
 */
import { BATTLE_LIST_QUERY, BATTLE_NEXT_PAGE_QUERY } from '../api/documents';
import type { Page } from '../api/types';
import { useQuery } from '../api/use-query';
import { hrefOf } from '../state/location';
import { nextPage, patched, previousPage } from '../state/page-trail';
import type { VerdictFilterVariables } from '../state/slice';

export interface BattleWalkProps {
  id: string;
  /** The list's filter: the slice's, restricted to the pair. */
  filter: VerdictFilterVariables;
  /** The URL parameters of the list (slice, pair and page). */
  params: URLSearchParams;
  version: number | null;
}

type IdPage = { verdicts: Page<{ id: string }> };

export function BattleWalk({ id, filter, params, version }: BattleWalkProps) {
  const after = params.get('after');
  const list = useQuery<IdPage>(BATTLE_LIST_QUERY, { filter, after }, version);
  const page = list.data?.verdicts ?? null;
  const ids = page?.nodes.map((node) => node.id) ?? [];
  const index = ids.indexOf(id);
  const atPageEnd = page !== null && index === ids.length - 1 && page.pageInfo.hasNextPage;
  const nextPageParams =
    atPageEnd && page.pageInfo.endCursor !== null
      ? nextPage(params, page.pageInfo.endCursor)
      : null;
  const following = useQuery<IdPage>(
    nextPageParams === null ? null : BATTLE_NEXT_PAGE_QUERY,
    { filter, after: nextPageParams?.after ?? null },
    version,
  );
  const previousPageParams = index === 0 ? previousPage(params) : null;
  const preceding = useQuery<IdPage>(
    previousPageParams === null ? null : BATTLE_LIST_QUERY,
    { filter, after: previousPageParams?.after ?? null },
    version,
  );
  if (page === null || list.loading) return null;
  if (index === -1)
    return (
      <p class="sub battle-walk">
        This battle is not on the list page it was opened from; open it from the head-to-head list
        to step through its neighbours.
      </p>
    );
  const link = (verdictId: string, pagePatch: Record<string, string | null> = {}) =>
    hrefOf('battle', patched(params, pagePatch), verdictId);
  // A query whose document is null keeps its last answer: read one only while it is asked for.
  const lastBefore =
    previousPageParams === null || preceding.loading
      ? undefined
      : preceding.data?.verdicts.nodes.at(-1)?.id;
  const firstAfter =
    nextPageParams === null || following.loading
      ? undefined
      : following.data?.verdicts.nodes[0]?.id;
  const previousId = ids[index - 1] ?? lastBefore;
  const nextId = ids[index + 1] ?? firstAfter;
  const crossesBack = ids[index - 1] === undefined ? (previousPageParams ?? {}) : {};
  const crossesForward = ids[index + 1] === undefined ? (nextPageParams ?? {}) : {};
  return (
    <nav class="battle-walk" aria-label="Battles in this list">
      {previousId !== undefined ? (
        <a rel="prev" href={link(previousId, crossesBack)}>
          ← Previous battle
        </a>
      ) : previousPageParams === null ? (
        <span class="sub">First in the list</span>
      ) : null}
      <span class="sub">
        {' '}
        · {index + 1} of {ids.length}
        {page.pageInfo.hasNextPage ? '+' : ''} on this page ·{' '}
      </span>
      {nextId !== undefined ? (
        <a rel="next" href={link(nextId, crossesForward)}>
          Next battle →
        </a>
      ) : nextPageParams === null ? (
        <span class="sub">Last in the list</span>
      ) : null}
    </nav>
  );
}
