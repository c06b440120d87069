/**
 * Says which judges a board pools. A board over human and LLM judges is flagged with its counts
 * and one-click links to split it; a board over one kind, where the data hold both, says which
 * kind it is and links to the other and to both. Links, not buttons: each choice is an address.
 */
import type { Catalog, JudgeKindCount } from '../api/types';
import { count } from '../format';
import { hrefOf, type Route } from '../state/location';
import { ALL_KINDS, type JudgeKind, type Slice } from '../state/slice';

const NOUN: Record<JudgeKind, string> = { HUMAN: 'human', LLM: 'LLM' };

function phrase(kind: JudgeKindCount): string {
  return `${count(kind.verdicts)} ${NOUN[kind.kind]} verdicts from ${count(kind.judges)} ${kind.judges === 1 ? 'judge' : 'judges'}`;
}

/** The judge kinds the catalog's judges have. */
function kindsInCatalog(catalog: Catalog | null): JudgeKind[] {
  return [...new Set(catalog?.judges.map((judge) => judge.kind) ?? [])];
}

export function JudgeKindsNote({
  kinds,
  slice,
  catalog,
  route,
  subject = 'board',
}: {
  /** What pools the verdicts: "board", or "record" for two models' head to head. */
  subject?: string;
  /** The board's `judgeKinds`. */
  kinds: JudgeKindCount[];
  /** The slice whose judge kinds were asked for. */
  slice: Slice;
  /** The judges in the data, whose kinds say whether both kinds exist. */
  catalog: Catalog | null;
  route: Route;
}) {
  // The slice's judge kinds ([] = every kind).
  const chosen = slice.judgeKinds ?? [];
  const kindsInData = kindsInCatalog(catalog);
  const href = (kind: JudgeKind | typeof ALL_KINDS) => {
    const params = new URLSearchParams(route.params);
    params.set('kind', kind);
    return hrefOf(route.view, params, route.id);
  };
  if (kinds.length > 1)
    return (
      <p class="warning mixing" role="note" data-mixing="true">
        This {subject} mixes {kinds.map(phrase).join(' and ')}: crowd votes and LLM verdicts pooled
        {subject === 'board' ? ' into one rating' : ''}. <a href={href('HUMAN')}>Humans only</a> ·{' '}
        <a href={href('LLM')}>LLM only</a>
      </p>
    );
  const only = chosen.length === 1 ? chosen[0] : kinds.length === 1 ? kinds[0]?.kind : undefined;
  const bothInData = kindsInData.includes('HUMAN') && kindsInData.includes('LLM');
  if (only === undefined || !bothInData) return null;
  const other: JudgeKind = only === 'HUMAN' ? 'LLM' : 'HUMAN';
  return (
    <p class="note judge-kinds" role="note" data-mixing="false">
      {only === 'HUMAN' ? 'Human' : 'LLM'} judges only
      {kinds[0] !== undefined ? ` (${phrase(kinds[0])})` : ''}; the data also hold {NOUN[other]}{' '}
      judges. <a href={href(other)}>{other === 'HUMAN' ? 'Humans' : 'LLM'} only</a> ·{' '}
      <a href={href(ALL_KINDS)}>both, mixed</a>
    </p>
  );
}
