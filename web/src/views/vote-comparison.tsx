/**
 * One comparison as a reviewer sees it: the prompt, answers A (shown first) and B, the vote
 * buttons and their keys, then the models revealed. Presentation only; vote-session.tsx acts.
 */
import type { ClaimedItem } from '../api/review-documents';
import { Markdown } from '../components/markdown';

export type VoteName =
  | 'FIRST_MUCH_BETTER'
  | 'FIRST_BETTER'
  | 'TIE'
  | 'SECOND_BETTER'
  | 'SECOND_MUCH_BETTER'
  | 'BOTH_BAD';

/** The buttons, in the order shown, with their keys (also listed on the page). */
export const CHOICES: { vote: VoteName; label: string; keys: string[] }[] = [
  { vote: 'FIRST_MUCH_BETTER', label: 'A is much better', keys: ['1', 'A'] },
  { vote: 'FIRST_BETTER', label: 'A is better', keys: ['2', 'a'] },
  { vote: 'TIE', label: 'Tie', keys: ['3', 't'] },
  { vote: 'SECOND_BETTER', label: 'B is better', keys: ['4', 'b'] },
  { vote: 'SECOND_MUCH_BETTER', label: 'B is much better', keys: ['5', 'B'] },
  { vote: 'BOTH_BAD', label: 'Both are bad', keys: ['0', 'x'] },
];
export const NEXT_KEYS = ['Enter', 'n'];

/** Who answered, once the vote is in. */
export interface Revealed {
  first: string;
  second: string;
  /** The vote had been recorded before (a resend). */
  duplicate: boolean;
}

export function Comparison({
  claim,
  revealed,
  sending,
  onVote,
  onNext,
}: {
  claim: ClaimedItem;
  revealed: Revealed | null;
  sending: boolean;
  onVote: (vote: VoteName) => void;
  onNext: () => void;
}) {
  const { item } = claim;
  return (
    <div
      class="comparison"
      data-ready="true"
      data-item={item.id}
      data-stage={revealed ? 'revealed' : 'voting'}
    >
      <section class="vote-prompt" aria-label="Prompt">
        <h3>Prompt{item.prompt.category ? ` · ${item.prompt.category}` : ''}</h3>
        <Markdown text={item.prompt.text ?? ''} label="Prompt" />
      </section>
      <div class="vote-answers">
        <section aria-label="Answer A">
          <h3>A{revealed ? ` · ${revealed.first}` : ''}</h3>
          <Markdown text={item.first.text} label="Answer A" />
        </section>
        <section aria-label="Answer B">
          <h3>B{revealed ? ` · ${revealed.second}` : ''}</h3>
          <Markdown text={item.second.text} label="Answer B" />
        </section>
      </div>
      {revealed ? (
        <div class="vote-reveal" role="status">
          <p>
            {revealed.duplicate ? 'This vote was recorded before: ' : 'Recorded: '}A was{' '}
            <strong class="revealed-model">{revealed.first}</strong>, B was{' '}
            <strong class="revealed-model">{revealed.second}</strong>.
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
              disabled={sending}
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

export function KeyHelp() {
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
