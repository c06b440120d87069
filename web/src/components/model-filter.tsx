/**
 * A find box over a list of models (the `find` URL parameter): a name containing the text, in
 * any case, stays. A filter that keeps nothing says so, never an empty table.
 */
import { excerpt } from '../format';

export function matchesFind(name: string, find: string): boolean {
  return find === '' || name.toLowerCase().includes(find.toLowerCase());
}

export function ModelFilter({
  find,
  shown,
  total,
  onFind,
}: {
  find: string;
  shown: number;
  total: number;
  onFind: (find: string | null) => void;
}) {
  return (
    <span class="model-filter">
      <label>
        Find a model{' '}
        <input
          type="search"
          name="find"
          value={find}
          placeholder="part of a name"
          aria-describedby="find-result"
          onInput={(event) => onFind(event.currentTarget.value || null)}
        />
      </label>{' '}
      <span id="find-result" class={find !== '' && shown === 0 ? 'warning' : 'note'} role="status">
        {find === ''
          ? ''
          : shown === 0
            ? `No model of the ${total} here has “${excerpt(find)}” in its name.`
            : `${shown} of ${total} models match “${excerpt(find)}”.`}
      </span>
    </span>
  );
}
