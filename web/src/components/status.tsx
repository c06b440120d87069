/** Loading and error lines shared by the views; errors are announced to screen readers. */
import { ApiError, UNREACHABLE } from '../api/client';
import { clockTime } from '../format';

export interface StatusProps {
  loading: boolean;
  error: Error | null;
  /** When the view still shows an earlier answer (useQuery's updatedAt): it is said to be stale. */
  shownFrom?: number | null;
}

export function Status({ loading, error, shownFrom = null }: StatusProps) {
  if (error instanceof ApiError && error.code === UNREACHABLE)
    return (
      <p class="error stale-note" role="alert" data-stale-note="">
        {error.message}{' '}
        {shownFrom === null
          ? 'Nothing is shown for these controls until it answers.'
          : `What is shown is the answer of ${clockTime(shownFrom)}, and may be out of date.`}
      </p>
    );
  if (error instanceof ApiError && error.code === 'BAD_USER_INPUT')
    return (
      <p class="error" role="alert">
        <strong>Nothing to show for this slice.</strong> {readableInputError(error.message)} Change
        it in the slice panel.
      </p>
    );
  if (error !== null)
    return (
      <p class="error" role="alert">
        {error.message}
      </p>
    );
  if (loading)
    return (
      <p class="loading" aria-live="polite">
        Loading…
      </p>
    );
  return null;
}

const CONTROL_OF_FIELD: Record<string, string> = {
  judges: 'The judges filter',
  categories: 'The categories filter',
  tags: 'The tags filter',
  models: 'The models filter',
  model: 'The model filter',
  baseline: 'The baseline',
  anchor: 'The anchor',
};

/**
 * The API names an argument path (`input.judges[0] must name a known judge, but "gpt4" is …`);
 * the page names the control that set it instead.
 */
export function readableInputError(message: string): string {
  const path = /^(?:input|filter)\.(\w+)(?:\.model)?(?:\[\d+\])? /.exec(message);
  const control = path ? CONTROL_OF_FIELD[path[1]] : undefined;
  return control === undefined || path === null
    ? message
    : `${control} ${message.slice(path[0].length)}`;
}
