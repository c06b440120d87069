/**
 * The shell: navigation, freshness, the read-key prompt, the slice controls and the current view.
 * All state is in the URL; the data version (live-updates.ts) is the one piece kept in memory.
 */
import { useState } from 'preact/hooks';
import { ApiError } from './api/client';
import { CATALOG_QUERY } from './api/documents';
import { readKey, rememberReadKey } from './api/read-key';
import type { Catalog } from './api/types';
import { useQuery } from './api/use-query';
import { SliceControls } from './components/slice-controls';
import { clockTime } from './format';
import { Status } from './components/status';
import { agoLabel, useLiveDataVersion, useNow, type Freshness } from './live/live-updates';
import { hrefOf, navigate, useLocation, type ViewName } from './state/location';
import { patched } from './state/page-trail';
import {
  defaultJudgeKinds,
  parseSlice,
  SLICE_PARAMETERS,
  writeSlice,
  type Slice,
} from './state/slice';
import { BattleView } from './views/battle-view';
import { HeadToHeadView } from './views/head-to-head-view';
import { JudgesView } from './views/judges-view';
import { LeaderboardView } from './views/leaderboard-view';
import { MatricesView } from './views/matrices-view';
import { ModelView } from './views/model-view';
import { OverviewView } from './views/overview-view';
import type { ViewProps } from './views/view-props';
import { VoteView } from './views/vote-view';
import { SearchView } from './views/search-view';

const NAVIGATION: { view: ViewName; label: string }[] = [
  { view: 'leaderboard', label: 'Leaderboard' },
  { view: 'matrices', label: 'Matrices' },
  { view: 'overview', label: 'Overview' },
  { view: 'head-to-head', label: 'Head to head' },
  { view: 'judges', label: 'Judges' },
  { view: 'vote', label: 'Vote' },
  { view: 'search', label: 'Search' },
];

const VIEWS: Record<ViewName, (props: ViewProps) => preact.JSX.Element> = {
  leaderboard: LeaderboardView,
  matrices: MatricesView,
  overview: OverviewView,
  'head-to-head': HeadToHeadView,
  battle: BattleView,
  judges: JudgesView,
  vote: VoteView,
  search: SearchView,
  model: ModelView,
};

/**
 * The URL's slice with the default judge kinds filled in (defaultJudgeKinds), which needs the
 * catalog's judges: null until it has come. The judges view compares judges, so it keeps all.
 */
function withDefaultKinds(slice: Slice, catalog: Catalog | null, view: ViewName): Slice | null {
  if (slice.judgeKinds !== null || view === 'judges') return slice;
  if (catalog === null) return null;
  return { ...slice, judgeKinds: defaultJudgeKinds(catalog.judges.map((judge) => judge.kind)) };
}

/** Only the slice travels between views; each view's own parameters stay with it. */
function sliceOnly(params: URLSearchParams): URLSearchParams {
  const kept = new URLSearchParams();
  for (const name of SLICE_PARAMETERS)
    for (const value of params.getAll(name)) kept.append(name, value);
  return kept;
}

function KeyPrompt({ onKey, refused }: { onKey: (key: string) => void; refused: boolean }) {
  const [value, setValue] = useState('');
  return (
    <form
      class="key-prompt"
      onSubmit={(event) => {
        event.preventDefault();
        onKey(value);
      }}
    >
      <h2>A read key is needed</h2>
      <p>
        This server does not allow anonymous reads. {refused ? 'The key given was refused. ' : ''}
        Paste an API key with at least the <code>read</code> scope; it is kept for this tab only
        (sessionStorage) and sent only to this server.
      </p>
      <label>
        API key{' '}
        <input
          name="key"
          type="password"
          autocomplete="off"
          required
          value={value}
          onInput={(event) => setValue(event.currentTarget.value)}
        />
      </label>
      <button type="submit">Use key</button>
    </form>
  );
}

/**
 * The one part that changes every second: it alone re-renders with the clock, never the view
 * (a battle of megabytes re-rendered every second burnt a CPU core).
 */
function FreshnessLine({ live }: { live: Freshness }) {
  const now = useNow();
  const lastVerdict = live.current?.lastRecordedAt ?? null;
  return (
    <p
      class="freshness"
      aria-live="off"
      data-mode={live.mode}
      data-version={live.current?.version ?? ''}
    >
      <span class={live.error === null ? 'dot live' : 'dot stale'} aria-hidden="true" />
      {live.error !== null
        ? `Not updating: ${live.error}`
        : `${live.mode === 'subscription' ? 'Live' : live.mode === 'polling' ? 'Polling' : 'Connecting'} · checked ${agoLabel(live.confirmedAt, now)}`}
      {lastVerdict !== null && <> · last verdict {agoLabel(Date.parse(lastVerdict), now)}</>}
      {readKey() !== null && (
        <>
          {' '}
          ·{' '}
          <button
            type="button"
            class="link-button"
            onClick={() => {
              rememberReadKey(null);
              window.location.reload();
            }}
          >
            forget key
          </button>
        </>
      )}
    </p>
  );
}

/** While the server does not answer, what the page shows is said to be as of the last answer. */
function StaleBanner({ confirmedAt }: { confirmedAt: number | null }) {
  return (
    <p class="warning" role="status" data-page-stale="">
      The server is not answering: what is shown here may be out of date
      {confirmedAt === null ? '' : ` (last confirmed current at ${clockTime(confirmedAt)})`}, and
      changes to the controls wait for it.
    </p>
  );
}

export function App() {
  const route = useLocation();
  const live = useLiveDataVersion();
  const version = live.generation;
  const catalog = useQuery<Catalog>(CATALOG_QUERY, {}, version);
  const slice = withDefaultKinds(parseSlice(route.params), catalog.data, route.view);
  const needsKey = live.needsKey || (catalog.error instanceof ApiError && catalog.error.needsKey);
  const setSlice = (next: Slice) =>
    navigate(hrefOf(route.view, writeSlice(route.params, next), route.id));
  const setParams = (patch: Record<string, string | null>) =>
    navigate(hrefOf(route.view, patched(route.params, patch), route.id));
  const useKey = (key: string) => {
    rememberReadKey(key);
    window.location.reload();
  };
  const View = VIEWS[route.view];
  const shared = sliceOnly(route.params);
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <h1>
          <a href={hrefOf('leaderboard', shared)}>Verdicts</a>
        </h1>
        <nav aria-label="Views">
          <ul>
            {NAVIGATION.map((item) => (
              <li key={item.view}>
                <a
                  href={hrefOf(item.view, shared)}
                  aria-current={
                    route.view === item.view ||
                    (item.view === 'head-to-head' && route.view === 'battle')
                      ? 'page'
                      : undefined
                  }
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <FreshnessLine live={live} />
      </header>
      {needsKey ? (
        <main id="main">
          <KeyPrompt onKey={useKey} refused={readKey() !== null} />
        </main>
      ) : slice === null ? (
        <main id="main">
          <Status loading={catalog.error === null} error={catalog.error} />
        </main>
      ) : (
        <div class="layout">
          {/* The Vote view is blind to slices: its queue fixes what is shown; search spans all. */}
          {route.view !== 'vote' && route.view !== 'search' && (
            <details class="controls" open={window.matchMedia('(min-width: 900px)').matches}>
              <summary>Slice and options</summary>
              <SliceControls
                slice={slice}
                catalog={catalog.data}
                onChange={setSlice}
                version={version}
                filtersOnly={
                  route.view === 'battle' ||
                  route.view === 'judges' ||
                  route.view === 'head-to-head' ||
                  route.view === 'model'
                }
              />
              <p>
                <a href={hrefOf(route.view, new URLSearchParams(), route.id)}>Reset to defaults</a>
              </p>
            </details>
          )}
          <main id="main" tabIndex={-1} data-unreachable={live.error === null ? 'false' : 'true'}>
            {live.error !== null && <StaleBanner confirmedAt={live.confirmedAt} />}
            <View
              route={route}
              slice={slice}
              catalog={catalog.data}
              version={version}
              setParams={setParams}
            />
          </main>
        </div>
      )}
      <footer>
        <a href="/sandbox" data-external="">
          GraphQL API
        </a>{' '}
        (
        <a href="/graphiql" data-external="" data-graphiql-link="">
          GraphiQL
        </a>
        , works offline) · every figure here comes from the public API at /graphql.
      </footer>
    </>
  );
}
