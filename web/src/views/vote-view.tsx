/**
 * The Vote view (issue 22 §2): a reviewer claims the next item of a queue, reads the prompt and
 * two answers blind (models hidden, in the item's stored order), votes by key or button, sees
 * which models answered, and moves on. The vote is a HUMAN verdict of judge `human:<reviewer>`;
 * the leaderboard and its intervals move with it through the live updates every view uses.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../api/client';
import {
  CLAIM_MUTATION,
  REVIEW_QUEUE_QUERY,
  REVIEW_QUEUES_QUERY,
  VOTE_MUTATION,
  type ClaimAnswer,
  type ClaimedItem,
  type QueueSummary,
  type UserErrorShape,
  type VoteAnswer,
} from '../api/review-documents';
import { rememberReviewer, storedReviewer, type Reviewer } from '../api/reviewer-key';
import { useQuery } from '../api/use-query';
import { Markdown } from '../components/markdown';
import { Status } from '../components/status';
import { hrefOf } from '../state/location';
import type { ViewProps } from './view-props';

type VoteName =
  | 'FIRST_MUCH_BETTER'
  | 'FIRST_BETTER'
  | 'TIE'
  | 'SECOND_BETTER'
  | 'SECOND_MUCH_BETTER'
  | 'BOTH_BAD';

/** The buttons, in the order shown, with their keys (also listed on the page). */
const CHOICES: { vote: VoteName; label: string; keys: string[] }[] = [
  { vote: 'FIRST_MUCH_BETTER', label: 'A is much better', keys: ['1', 'A'] },
  { vote: 'FIRST_BETTER', label: 'A is better', keys: ['2', 'a'] },
  { vote: 'TIE', label: 'Tie', keys: ['3', 't'] },
  { vote: 'SECOND_BETTER', label: 'B is better', keys: ['4', 'b'] },
  { vote: 'SECOND_MUCH_BETTER', label: 'B is much better', keys: ['5', 'B'] },
  { vote: 'BOTH_BAD', label: 'Both are bad', keys: ['0', 'x'] },
];
const NEXT_KEYS = ['Enter', 'n'];

export function VoteView({ route, version }: ViewProps) {
  const queue = route.params.get('queue');
  const [reviewer, setReviewer] = useState<Reviewer | null>(storedReviewer);
  if (queue === null || queue === '') return <QueueList version={version} />;
  if (reviewer === null)
    return (
      <ReviewerForm
        refused={false}
        onReviewer={(next) => {
          rememberReviewer(next);
          setReviewer(next);
        }}
      />
    );
  return (
    <VoteSession
      queue={queue}
      reviewer={reviewer}
      version={version}
      onRefused={() => {
        rememberReviewer(null);
        setReviewer(null);
      }}
    />
  );
}

function QueueList({ version }: { version: number | null }) {
  const queues = useQuery<{ reviewQueues: QueueSummary[] }>(REVIEW_QUEUES_QUERY, {}, version);
  if (queues.data === null) return <Status loading={queues.error === null} error={queues.error} />;
  const list = queues.data.reviewQueues;
  return (
    <section class="vote" data-ready="true">
      <h2>Vote</h2>
      {list.length === 0 ? (
        <p>
          No review queue exists yet. An admin creates one with the <code>createReviewQueue</code>{' '}
          mutation (see the README, “Collecting human votes”).
        </p>
      ) : (
        <ul class="queue-list">
          {list.map((queue) => (
            <li key={queue.name}>
              <a href={hrefOf('vote', new URLSearchParams({ queue: queue.name }))}>{queue.name}</a>{' '}
              · {queue.status.toLowerCase()} · {queue.progress.votes} of{' '}
              {queue.progress.votesPlanned} votes
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ReviewerForm({
  onReviewer,
  refused,
}: {
  onReviewer: (reviewer: Reviewer) => void;
  refused: boolean;
}) {
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  return (
    <form
      class="key-prompt"
      onSubmit={(event) => {
        event.preventDefault();
        onReviewer({ writeKey: key.trim() || null, name: name.trim() || null });
      }}
    >
      <h2>Who is voting?</h2>
      <p>
        {refused ? 'The server refused that key. ' : ''}Paste an API key with the <code>write</code>{' '}
        scope: your votes are recorded under its name. On a server running without API keys, give
        your name instead. Both are kept for this tab only (sessionStorage) and sent only to this
        server.
      </p>
      <label>
        Write key{' '}
        <input
          name="writeKey"
          type="password"
          autocomplete="off"
          value={key}
          onInput={(event) => setKey(event.currentTarget.value)}
        />
      </label>
      <label>
        or your name{' '}
        <input
          name="reviewerName"
          autocomplete="nickname"
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
        />
      </label>
      <button type="submit" disabled={key.trim() === '' && name.trim() === ''}>
        Start voting
      </button>
    </form>
  );
}

type Stage =
  | { kind: 'claiming' }
  | { kind: 'unavailable'; error: UserErrorShape }
  | { kind: 'voting'; claim: ClaimedItem; idempotencyKey: string; sending: boolean }
  | { kind: 'revealed'; claim: ClaimedItem; first: string; second: string; duplicate: boolean };

function VoteSession({
  queue,
  reviewer,
  version,
  onRefused,
}: {
  queue: string;
  reviewer: Reviewer;
  version: number | null;
  onRefused: () => void;
}) {
  const [stage, setStage] = useState<Stage>({ kind: 'claiming' });
  const [failure, setFailure] = useState<string | null>(null);
  const [progress, setProgress] = useState<QueueSummary | null>(null);
  const asReviewer = reviewer.writeKey === null ? { reviewer: reviewer.name } : {};
  const send = <Data,>(document: string, variables: Record<string, unknown>) =>
    request<Data>(document, { ...variables, ...asReviewer }, reviewer.writeKey);
  const fail = (error: unknown) => {
    if (error instanceof ApiError && error.needsKey) onRefused();
    else setFailure(error instanceof Error ? error.message : String(error));
  };

  const claim = () => {
    setStage({ kind: 'claiming' });
    send<ClaimAnswer>(CLAIM_MUTATION, { queue }).then(({ claimReviewItem: answer }) => {
      setStage(
        answer.claim === null
          ? { kind: 'unavailable', error: answer.userErrors[0] }
          : {
              kind: 'voting',
              claim: answer.claim,
              idempotencyKey: crypto.randomUUID(),
              sending: false,
            },
      );
    }, fail);
  };
  useEffect(claim, [queue]);

  // Progress follows every data change (votes of others included), read past the answer cache.
  useEffect(() => {
    request<{ reviewQueue: QueueSummary | null }>(REVIEW_QUEUE_QUERY, { name: queue }).then(
      (answer) => setProgress(answer.reviewQueue),
      () => undefined,
    );
  }, [queue, version, stage.kind]);

  const vote = (choice: VoteName) => {
    if (stage.kind !== 'voting' || stage.sending) return;
    setStage({ ...stage, sending: true });
    // A resend after a failure carries the same idempotency key: the vote counts once.
    send<VoteAnswer>(VOTE_MUTATION, {
      input: { claim: stage.claim.id, vote: choice, idempotencyKey: stage.idempotencyKey },
    }).then(
      ({ submitReviewVote: answer }) => {
        const verdict = answer.verdict;
        if (verdict === null) {
          setStage({ ...stage, sending: false });
          setFailure(answer.userErrors[0]?.message ?? 'The vote was refused.');
          return;
        }
        setFailure(null);
        const [first, second] =
          verdict.shownFirst === 'B'
            ? [verdict.modelB.name, verdict.modelA.name]
            : [verdict.modelA.name, verdict.modelB.name];
        setStage({
          kind: 'revealed',
          claim: stage.claim,
          first,
          second,
          duplicate: answer.status === 'DUPLICATE',
        });
      },
      (error: unknown) => {
        setStage({ ...stage, sending: false });
        fail(error);
      },
    );
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement)
        return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (stage.kind === 'voting') {
        const choice = CHOICES.find((option) => option.keys.includes(event.key));
        if (choice) {
          event.preventDefault();
          vote(choice.vote);
        }
      } else if (stage.kind === 'revealed' && NEXT_KEYS.includes(event.key)) {
        event.preventDefault();
        claim();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section class="vote" aria-labelledby="vote-title">
      <h2 id="vote-title">Vote · {queue}</h2>
      <ProgressLine
        queue={progress}
        reviewer={
          stage.kind === 'voting' || stage.kind === 'revealed' ? stage.claim.reviewer : null
        }
      />
      {failure !== null && (
        <p class="error" role="alert">
          {failure}
        </p>
      )}
      {stage.kind === 'claiming' && <p aria-busy="true">Finding the next comparison…</p>}
      {stage.kind === 'unavailable' && (
        <div class="vote-unavailable" data-ready="true" data-code={stage.error.code}>
          <p role="status">{stage.error.message}</p>
          {stage.error.code === 'ALL_ITEMS_HELD' && (
            <button type="button" onClick={claim}>
              Try again
            </button>
          )}
        </div>
      )}
      {(stage.kind === 'voting' || stage.kind === 'revealed') && (
        <Comparison stage={stage} onVote={vote} onNext={claim} />
      )}
      <KeyHelp />
    </section>
  );
}

function Comparison({
  stage,
  onVote,
  onNext,
}: {
  stage: Extract<Stage, { kind: 'voting' | 'revealed' }>;
  onVote: (vote: VoteName) => void;
  onNext: () => void;
}) {
  const { item } = stage.claim;
  const revealed = stage.kind === 'revealed';
  return (
    <div class="comparison" data-ready="true" data-item={item.id} data-stage={stage.kind}>
      <section class="vote-prompt" aria-label="Prompt">
        <h3>Prompt{item.prompt.category ? ` · ${item.prompt.category}` : ''}</h3>
        <Markdown text={item.prompt.text ?? ''} label="Prompt" />
      </section>
      <div class="vote-answers">
        <section aria-label="Answer A">
          <h3>A{revealed ? ` · ${stage.first}` : ''}</h3>
          <Markdown text={item.first.text} label="Answer A" />
        </section>
        <section aria-label="Answer B">
          <h3>B{revealed ? ` · ${stage.second}` : ''}</h3>
          <Markdown text={item.second.text} label="Answer B" />
        </section>
      </div>
      {revealed ? (
        <div class="vote-reveal" role="status">
          <p>
            {stage.duplicate ? 'This vote was recorded before: ' : 'Recorded: '}A was{' '}
            <strong class="revealed-model">{stage.first}</strong>, B was{' '}
            <strong class="revealed-model">{stage.second}</strong>.
          </p>
          <button type="button" class="vote-next" onClick={onNext}>
            Next comparison (Enter)
          </button>
        </div>
      ) : (
        <div class="vote-buttons" role="group" aria-label="Your vote">
          {CHOICES.map((choice) => (
            <button
              type="button"
              key={choice.vote}
              disabled={stage.sending}
              onClick={() => onVote(choice.vote)}
            >
              {choice.label} <kbd>{choice.keys[0]}</kbd>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

function ProgressLine({
  queue,
  reviewer,
}: {
  queue: QueueSummary | null;
  reviewer: string | null;
}) {
  if (queue === null) return null;
  const { progress } = queue;
  const own = progress.reviewers.find((entry) => entry.reviewer === reviewer);
  const seconds = (value: number | null | undefined) =>
    value === null || value === undefined ? '–' : `${Math.round(value)} s`;
  return (
    <p class="vote-progress" data-votes={progress.votes}>
      {queue.status !== 'OPEN' && <strong>{queue.status.toLowerCase()} · </strong>}
      {progress.votes} of {progress.votesPlanned} votes · {progress.completeItems} of{' '}
      {progress.items} items complete · {progress.activeClaims} being reviewed · median{' '}
      {seconds(progress.medianSecondsPerVote)} per vote
      {own && (
        <>
          {' '}
          · you: {own.votes} votes, median {seconds(own.medianSecondsPerVote)}
        </>
      )}
    </p>
  );
}

function KeyHelp() {
  return (
    <details class="vote-keys">
      <summary>Keyboard</summary>
      <dl>
        {CHOICES.map((choice) => (
          <div key={choice.vote}>
            <dt>
              {choice.keys.map((key) => (
                <kbd key={key}>
                  {key === 'A' || key === 'B' ? `Shift+${key.toLowerCase()}` : key}
                </kbd>
              ))}
            </dt>
            <dd>{choice.label}</dd>
          </div>
        ))}
        <div>
          <dt>
            <kbd>Enter</kbd>
            <kbd>n</kbd>
          </dt>
          <dd>Next comparison, after the models are revealed</dd>
        </div>
      </dl>
    </details>
  );
}
