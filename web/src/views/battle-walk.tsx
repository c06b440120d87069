/**
 * Previous and next battle in the list the battle was opened from: the head-to-head page of the
 * same pair and slice (`a`, `b`, `after` and the slice stay in the URL). Past the page's end the
 * next link opens the next page's first battle; the list's keyset pages only run forward, so
 * before a later page's first battle the list itself is offered.
 */
import { BATTLE_LIST_QUERY, BATTLE_NEXT_PAGE_QUERY } from '../api/documents';
import type { Page } from '../api/types';
import { useQuery } from '../api/use-query';
import { hrefOf } from '../state/location';
import type { VerdictFilterVariables } from '../state/slice';

export interface BattleWalkProps {
  id: string;
  /** The list's filter: the slice's, restricted to the pair. */
  filter: VerdictFilterVariables;
  /** The URL parameters of the list (slice, pair and page). */
  params: URLSearchParams;
  version: number | null;
}

export function BattleWalk({ id, filter, params, version }: BattleWalkProps) {
  const after = params.get('after');
  const list = useQuery<{ verdicts: Page<{ id: string }> }>(
    BATTLE_LIST_QUERY,
    { filter, after },
    version,
  );
  const page = list.data?.verdicts ?? null;
  const ids = page?.nodes.map((node) => node.id) ?? [];
  const index = ids.indexOf(id);
  const atPageEnd = page !== null && index === ids.length - 1 && page.pageInfo.hasNextPage;
  const nextPage = useQuery<{ verdicts: Page<{ id: string }> }>(
    atPageEnd ? BATTLE_NEXT_PAGE_QUERY : null,
    { filter, after: page?.pageInfo.endCursor ?? null },
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
  const link = (verdictId: string, pageAfter: string | null) => {
    const next = new URLSearchParams(params);
    if (pageAfter === null) next.delete('after');
    else next.set('after', pageAfter);
    return hrefOf('battle', next, verdictId);
  };
  const previousId = ids[index - 1];
  const nextId = ids[index + 1];
  const nextOnNextPage = nextPage.data?.verdicts.nodes[0]?.id;
  return (
    <nav class="battle-walk" aria-label="Battles in this list">
      {previousId !== undefined ? (
        <a rel="prev" href={link(previousId, after)}>
          ← Previous battle
        </a>
      ) : after !== null ? (
        <span class="sub">First on this page of the list</span>
      ) : (
        <span class="sub">First in the list</span>
      )}
      <span class="sub">
        {' '}
        · {index + 1} of {ids.length}
        {page.pageInfo.hasNextPage ? '+' : ''} on this page ·{' '}
      </span>
      {nextId !== undefined ? (
        <a rel="next" href={link(nextId, after)}>
          Next battle →
        </a>
      ) : nextOnNextPage !== undefined ? (
        <a rel="next" href={link(nextOnNextPage, page.pageInfo.endCursor)}>
          Next battle →
        </a>
      ) : atPageEnd ? null : (
        <span class="sub">Last in the list</span>
      )}
    </nav>
  );
}
