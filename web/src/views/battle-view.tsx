/**
 * One battle: the prompt, both answers side by side (markdown, sanitised), which was shown first,
 * and every judge's verdict on this prompt and pair with its judgment. Long answers scroll inside
 * their own box (an answer that repeats itself for pages leaves the page usable) and can be
 * expanded when the box hides some of it; huge ones show their start first (markdown.tsx).
 * Previous and next links walk the list the battle was opened from (battle-walk.tsx).
 */
import { ModelLink } from '../components/model-link';
import { useState } from 'preact/hooks';
import { BATTLE_JUDGES_QUERY, BATTLE_QUERY } from '../api/documents';
import type { BattleVerdict, JudgeVerdict } from '../api/types';
import { useQuery } from '../api/use-query';
import { Markdown } from '../components/markdown';
import { Status } from '../components/status';
import { useOverflow } from '../components/use-overflow';
import { count, outcomeLabel } from '../format';
import { hrefOf } from '../state/location';
import { BattleWalk } from './battle-walk';
import { pairListFilter } from './head-to-head-view';
import type { ViewProps } from './view-props';

function Answer({
  side,
  model,
  text,
  tokens,
  shownFirst,
}: {
  side: 'A' | 'B';
  model: string;
  text: string | null;
  tokens: number | null;
  shownFirst: boolean | null;
}) {
  const [expanded, setExpanded] = useState(false);
  const box = useOverflow<HTMLDivElement>();
  return (
    <article class="answer" aria-labelledby={`answer-${side}`} data-side={side}>
      <header>
        <h3 id={`answer-${side}`}>
          Answer {side}: <ModelLink name={model} />
        </h3>
        <p class="sub">
          {shownFirst === null
            ? 'Order shown unknown'
            : shownFirst
              ? 'Shown first'
              : 'Shown second'}
          {tokens !== null ? ` · ${count(tokens)} tokens` : ''}
          {text !== null ? ` · ${count(text.length)} characters` : ''}
        </p>
      </header>
      {text === null ? (
        <p class="sub">No answer stored.</p>
      ) : (
        <>
          <div
            ref={box.ref}
            class={expanded ? 'answer-body expanded' : 'answer-body'}
            tabIndex={0}
            aria-label={`Answer ${side} text, scrollable`}
          >
            <Markdown text={text} label={`Answer ${side}`} />
          </div>
          {(box.overflows || expanded) && (
            <button
              type="button"
              class="link-button expand"
              aria-expanded={expanded}
              onClick={() => setExpanded(!expanded)}
            >
              {expanded ? 'Collapse' : 'Expand'} answer {side}
            </button>
          )}
        </>
      )}
    </article>
  );
}

function Judgment({ verdict, current }: { verdict: JudgeVerdict; current: boolean }) {
  const [open, setOpen] = useState(current);
  return (
    <li class={current ? 'judgment current' : 'judgment'} data-verdict={verdict.id}>
      <p>
        <strong>{verdict.judge.name}</strong>
        {verdict.judge.version !== '' ? ` (${verdict.judge.version})` : ''} ·{' '}
        {verdict.judge.kind === 'HUMAN' ? 'human' : 'LLM'} ·{' '}
        <span class="outcome">
          <ModelLink name={verdict.modelA.name} /> {outcomeLabel(verdict.outcome)}{' '}
          <ModelLink name={verdict.modelB.name} />
        </span>
        {verdict.shownFirst !== null ? ` · shown first: ${verdict.shownFirst}` : ''}
      </p>
      {verdict.judgment !== null && verdict.judgment.trim() !== '' && (
        <>
          <button
            type="button"
            class="link-button"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {open ? 'Hide' : 'Show'} judgment
          </button>
          {open && (
            <div class="judgment-body">
              <Markdown text={verdict.judgment} label={`Judgment by ${verdict.judge.name}`} />
            </div>
          )}
        </>
      )}
    </li>
  );
}

export function BattleView({ route, slice, version }: ViewProps) {
  if (route.id === null)
    return (
      <section aria-labelledby="view-title">
        <h2 id="view-title">Battle</h2>
        <p role="alert">
          This address does not hold a readable battle id (the part after /battles/ is not valid
          percent-encoded text).
        </p>
      </section>
    );
  return <ReadableBattle id={route.id} route={route} slice={slice} version={version} />;
}

function ReadableBattle({
  id,
  route,
  slice,
  version,
}: { id: string } & Pick<ViewProps, 'route' | 'slice' | 'version'>) {
  const { data, error, loading, updatedAt } = useQuery<{ verdict: BattleVerdict | null }>(
    BATTLE_QUERY,
    { id },
    version,
  );
  const verdict = data?.verdict ?? null;
  const judgesFilter =
    verdict === null
      ? null
      : { prompts: [verdict.prompt.id], models: [verdict.modelA.name, verdict.modelB.name] };
  const others = useQuery<{ verdicts: { nodes: JudgeVerdict[] } }>(
    judgesFilter === null ? null : BATTLE_JUDGES_QUERY,
    { filter: judgesFilter },
    version,
  );
  const back = new URLSearchParams(route.params);
  if (verdict !== null && !back.has('a')) {
    back.set('a', verdict.modelA.name);
    back.set('b', verdict.modelB.name);
  }
  const judgments = others.data?.verdicts.nodes ?? (verdict === null ? [] : [verdict]);
  const listFilter = verdict === null ? null : pairListFilter(slice, back);
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">Battle {id}</h2>
      <Status loading={loading && verdict === null} error={error} shownFrom={updatedAt} />
      {data !== null && verdict === null && <p role="alert">No verdict with id {id}.</p>}
      {verdict !== null && (
        <div data-ready={others.loading ? 'false' : 'true'}>
          <p>
            <a href={hrefOf('head-to-head', back)}>
              ← {verdict.modelA.name} vs {verdict.modelB.name}
            </a>
          </p>
          {listFilter !== null && (
            <BattleWalk id={verdict.id} filter={listFilter} params={back} version={version} />
          )}
          <section class="prompt" aria-labelledby="prompt-title">
            <h3 id="prompt-title">
              Prompt{verdict.prompt.category !== null ? ` · ${verdict.prompt.category}` : ''}
              {verdict.prompt.externalId !== null ? ` · ${verdict.prompt.externalId}` : ''}
            </h3>
            {verdict.prompt.text === null ? (
              <p class="sub">No prompt text stored.</p>
            ) : (
              <div class="prompt-body">
                <Markdown text={verdict.prompt.text} label="Prompt" />
              </div>
            )}
          </section>
          <p class="verdict-line">
            Verdict:{' '}
            <strong class="outcome">
              <ModelLink name={verdict.modelA.name} /> {outcomeLabel(verdict.outcome)}{' '}
              <ModelLink name={verdict.modelB.name} />
            </strong>{' '}
            by {verdict.judge.name}
            {verdict.shownFirst === null
              ? ' · order shown unknown'
              : ` · answer ${verdict.shownFirst} was shown first`}
          </p>
          <div class="answers">
            <Answer
              side="A"
              model={verdict.modelA.name}
              text={verdict.responseA?.text ?? null}
              tokens={verdict.responseA?.tokenLength ?? null}
              shownFirst={verdict.shownFirst === null ? null : verdict.shownFirst === 'A'}
            />
            <Answer
              side="B"
              model={verdict.modelB.name}
              text={verdict.responseB?.text ?? null}
              tokens={verdict.responseB?.tokenLength ?? null}
              shownFirst={verdict.shownFirst === null ? null : verdict.shownFirst === 'B'}
            />
          </div>
          <section aria-labelledby="judges-title">
            <h3 id="judges-title">Every judge on this prompt and pair ({judgments.length})</h3>
            <ul class="judgments">
              {judgments.map((judgment) => (
                <Judgment
                  key={judgment.id}
                  verdict={judgment}
                  current={judgment.id === verdict.id}
                />
              ))}
            </ul>
          </section>
        </div>
      )}
    </section>
  );
}
