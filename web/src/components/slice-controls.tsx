/**
 * Every option `leaderboard` takes, as a form whose state is the URL: each change writes the
 * URL (one history entry), and the views read the slice back from it.
 */
import { RATED_MODELS_QUERY } from '../api/documents';
import type { Catalog } from '../api/types';
import { useQuery } from '../api/use-query';
import { JudgePicker } from './judge-picker';
import {
  leaderboardInput,
  type IntervalChoice,
  type JudgeKind,
  type RankingMethod,
  type Slice,
  type SwapPolicy,
} from '../state/slice';

export interface SliceControlsProps {
  slice: Slice;
  catalog: Catalog | null;
  onChange: (slice: Slice) => void;
  /** The data generation, for the models rated in the slice (the baseline and anchor menus). */
  version: number | null;
  /** Views that rank nothing hide the ranking options. */
  filtersOnly?: boolean;
}

/**
 * The models the slice rates, for the baseline and anchor menus: a model the slice does not rate
 * can be neither. The same ranking as the board, without intervals (one fit, cached).
 */
function useRatedModels(slice: Slice, version: number | null, skip: boolean): string[] | null {
  const input = leaderboardInput({ ...slice, interval: 'NONE', baseline: null, anchor: null });
  const { data } = useQuery<{ leaderboard: { entries: { model: { name: string } }[] } }>(
    skip ? null : RATED_MODELS_QUERY,
    { input },
    version,
  );
  return data === null
    ? null
    : data.leaderboard.entries.map((entry) => entry.model.name).sort((a, b) => a.localeCompare(b));
}

/** The menu's models; a chosen one the slice does not rate stays listed, marked so. */
function ModelOptions({ rated, chosen }: { rated: string[] | null; chosen: string | null }) {
  const names = rated ?? [];
  return (
    <>
      {chosen !== null && !names.includes(chosen) && (
        <option value={chosen}>
          {chosen} {rated === null ? '' : '(not rated in this slice)'}
        </option>
      )}
      {names.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </>
  );
}

/** A category's verdicts by the judge kinds ticked (none ticked: both). */
function categoryCount(category: Catalog['categories'][number], kinds: JudgeKind[]): number {
  if (kinds.length === 0) return category.verdicts;
  return category.judgeKinds
    .filter((byKind) => kinds.includes(byKind.kind))
    .reduce((sum, byKind) => sum + byKind.verdicts, 0);
}

function selected(select: HTMLSelectElement): string[] {
  return Array.from(select.selectedOptions, (option) => option.value);
}

function list(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function numberOrNull(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

export function SliceControls({
  slice,
  catalog,
  onChange,
  version,
  filtersOnly = false,
}: SliceControlsProps) {
  const set = (patch: Partial<Slice>) => onChange({ ...slice, ...patch });
  const rated = useRatedModels(slice, version, filtersOnly);
  const kindsChosen = slice.judgeKinds ?? [];
  const modelNames = catalog?.models.map((model) => model.name) ?? [];
  const kinds: JudgeKind[] = ['HUMAN', 'LLM'];
  return (
    <form
      class="slice-controls"
      aria-label="Slice and ranking options"
      onSubmit={(event) => event.preventDefault()}
    >
      <fieldset>
        <legend>Which verdicts</legend>
        <JudgePicker
          judges={catalog?.judges ?? []}
          chosen={slice.judges}
          onChange={(judges) => set({ judges })}
        />
        <div class="checks" role="group" aria-label="Judge kinds">
          <span>Judge kinds (none ticked: both, mixed)</span>
          {kinds.map((kind) => (
            <label key={kind} class="check">
              <input
                type="checkbox"
                name="kind"
                value={kind}
                checked={kindsChosen.includes(kind)}
                onChange={(event) =>
                  set({
                    judgeKinds: event.currentTarget.checked
                      ? [...kindsChosen, kind]
                      : kindsChosen.filter((k) => k !== kind),
                  })
                }
              />
              {kind === 'HUMAN' ? 'Human' : 'LLM'}
            </label>
          ))}
        </div>
        <label>
          Categories
          <select
            multiple
            size={Math.min(4, Math.max(2, catalog?.categories.length ?? 2))}
            name="category"
            onChange={(event) => set({ categories: selected(event.currentTarget) })}
          >
            {(catalog?.categories ?? []).map((category) => (
              <option
                key={category.name}
                value={category.name}
                selected={slice.categories.includes(category.name)}
              >
                {category.name} ({categoryCount(category, kindsChosen)})
              </option>
            ))}
          </select>
        </label>
        <label>
          Tags{' '}
          <input
            name="tag"
            type="text"
            placeholder="comma-separated"
            value={slice.tags.join(', ')}
            onChange={(event) => set({ tags: list(event.currentTarget.value) })}
          />
        </label>
        <label>
          Models{' '}
          <input
            name="model"
            type="text"
            list="model-names"
            placeholder="all; or comma-separated"
            aria-describedby="models-hint"
            value={slice.models.join(', ')}
            onChange={(event) => set({ models: list(event.currentTarget.value) })}
          />
        </label>
        <p id="models-hint" class="hint">
          Keeps only verdicts between two of the listed models: each one's battles against models
          not listed are left out.
        </p>
        <label>
          Since{' '}
          <input
            name="since"
            type="date"
            value={slice.since?.slice(0, 10) ?? ''}
            onChange={(event) => set({ since: event.currentTarget.value || null })}
          />
        </label>
        <label>
          Until{' '}
          <input
            name="until"
            type="date"
            value={slice.until?.slice(0, 10) ?? ''}
            onChange={(event) => set({ until: event.currentTarget.value || null })}
          />
        </label>
      </fieldset>
      {!filtersOnly && (
        <fieldset>
          <legend>How to rank</legend>
          <label>
            Method
            <select
              name="method"
              value={slice.method}
              onChange={(event) => set({ method: event.currentTarget.value as RankingMethod })}
            >
              <option value="BRADLEY_TERRY">Bradley–Terry</option>
              <option value="ELO">Online Elo</option>
            </select>
          </label>
          <label>
            Intervals
            <select
              name="interval"
              value={slice.interval}
              onChange={(event) => set({ interval: event.currentTarget.value as IntervalChoice })}
            >
              <option value="BOOTSTRAP">Bootstrap</option>
              <option value="SANDWICH">Sandwich (analytic)</option>
              <option value="PROFILE">Profile likelihood</option>
              <option value="NONE">None</option>
            </select>
          </label>
          <label>
            Rounds{' '}
            <input
              name="rounds"
              type="number"
              min={0}
              max={1000}
              placeholder="100"
              value={slice.rounds ?? ''}
              onChange={(event) => set({ rounds: numberOrNull(event.currentTarget.value) })}
            />
          </label>
          <label>
            Level{' '}
            <input
              name="level"
              type="number"
              min={0.5}
              max={0.999}
              step={0.01}
              placeholder="0.95"
              value={slice.level ?? ''}
              onChange={(event) => set({ level: numberOrNull(event.currentTarget.value) })}
            />
          </label>
          <label>
            Baseline
            <select
              name="baseline"
              value={slice.baseline ?? ''}
              onChange={(event) => set({ baseline: event.currentTarget.value || null })}
            >
              <option value="">none</option>
              <ModelOptions rated={rated} chosen={slice.baseline} />
            </select>
          </label>
          <label>
            Anchor
            <select
              name="anchor"
              value={slice.anchor ?? ''}
              onChange={(event) => set({ anchor: event.currentTarget.value || null })}
            >
              <option value="">mean 1000</option>
              <ModelOptions rated={rated} chosen={slice.anchor} />
            </select>
          </label>
          <label>
            Anchor rating{' '}
            <input
              name="anchorRating"
              type="number"
              placeholder="1000"
              disabled={slice.anchor === null}
              value={slice.anchorRating ?? ''}
              onChange={(event) => set({ anchorRating: numberOrNull(event.currentTarget.value) })}
            />
          </label>
          <label>
            Strong-verdict weight{' '}
            <input
              name="strong"
              type="number"
              min={0}
              step={0.5}
              placeholder="1"
              value={slice.strongWeight ?? ''}
              onChange={(event) => set({ strongWeight: numberOrNull(event.currentTarget.value) })}
            />
          </label>
          <label>
            Swap policy
            <select
              name="swap"
              value={slice.swap ?? ''}
              onChange={(event) =>
                set({ swap: (event.currentTarget.value || null) as SwapPolicy | null })
              }
            >
              <option value="">keep both (default)</option>
              <option value="MERGE">merge</option>
              <option value="DROP_INCONSISTENT">drop inconsistent</option>
            </select>
          </label>
          <label class="check">
            <input
              name="style"
              type="checkbox"
              checked={slice.styleControl}
              onChange={(event) => set({ styleControl: event.currentTarget.checked })}
            />{' '}
            Style control
          </label>
        </fieldset>
      )}
      <datalist id="model-names">
        {modelNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </form>
  );
}
