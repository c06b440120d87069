/**
 * A reviewer's session on one queue: claim, vote (by key or button), reveal, next. Progress
 * follows every data change, so other reviewers' votes show too.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../api/client';
import {
  CLAIM_MUTATION,
  REVIEW_QUEUE_QUERY,
  VOTE_MUTATION,
  type ClaimAnswer,
  type ClaimedItem,
  type QueueSummary,
  type UserErrorShape,
  type VoteAnswer,
} from '../api/review-documents';
import { readKey } from '../api/read-key';
import type { Reviewer } from '../api/reviewer-key';
import {
  CHOICES,
  Comparison,
  KeyHelp,
  NEXT_KEYS,
  type Revealed,
  type VoteName,
} from './vote-comparison';

type Stage =
  | { kind: 'claiming' }
  | { kind: 'unavailable'; error: UserErrorShape }
  | { kind: 'voting'; claim: ClaimedItem; idempotencyKey: string; sending: boolean }
  | ({ kind: 'revealed'; claim: ClaimedItem } & Revealed);

export function VoteSession({
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
    // A write key may read too: sent where reads need a key and the tab has no read key.
    request<{ reviewQueue: QueueSummary | null }>(
      REVIEW_QUEUE_QUERY,
      { name: queue },
      readKey() ?? reviewer.writeKey,
    ).then(
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
        <Comparison
          claim={stage.claim}
          revealed={stage.kind === 'revealed' ? stage : null}
          sending={stage.kind === 'voting' && stage.sending}
          onVote={vote}
          onNext={claim}
        />
      )}
      <KeyHelp />
    </section>
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
