/**
 * The Vote view (issue 22 §2): a reviewer claims the next item of a queue, reads the prompt and
 * two answers blind (models hidden, in the item's stored order), votes by key or button, sees
 * which models answered, and moves on. The vote is a HUMAN verdict of judge `human:<reviewer>`;
 * the leaderboard and its intervals move with it through the live updates every view uses.
 */
import { useState } from 'preact/hooks';
import { REVIEW_QUEUES_QUERY, type QueueSummary } from '../api/review-documents';
import { rememberReviewer, storedReviewer, type Reviewer } from '../api/reviewer-key';
import { useQuery } from '../api/use-query';
import { Status } from '../components/status';
import { hrefOf } from '../state/location';
import type { ViewProps } from './view-props';
import { VoteSession } from './vote-session';

export function VoteView({ route, version }: ViewProps) {
  const queue = route.params.get('queue');
  const [reviewer, setReviewer] = useState<Reviewer | null>(storedReviewer);
  const [refused, setRefused] = useState(false);
  if (queue === null || queue === '') return <QueueList version={version} />;
  if (reviewer === null)
    return (
      <ReviewerForm
        refused={refused}
        onReviewer={(next) => {
          rememberReviewer(next);
          setReviewer(next);
          setRefused(false);
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
        setRefused(true);
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
