/**
 * Routes live in the path (the server answers exactly these with the page: src/web/static-site.ts),
 * everything else in the query string. `navigate` pushes (or replaces)
 * a history entry and tells every `useLocation` subscriber; the back button works as expected.
 */
import { useEffect, useState } from 'preact/hooks';
import { safeDecode } from './url-values';

export type ViewName =
  | 'leaderboard'
  | 'matrices'
  | 'overview'
  | 'head-to-head'
  | 'battle'
  | 'judges'
  | 'vote'
  | 'search'
  | 'model';

export interface Route {
  view: ViewName;
  /** The verdict id of a battle, or the name of a model; null when the address held none that could be decoded. */
  id: string | null;
  params: URLSearchParams;
}

const PATHS: Record<Exclude<ViewName, 'battle' | 'model'>, string> = {
  leaderboard: '/',
  matrices: '/matrices',
  overview: '/overview',
  'head-to-head': '/head-to-head',
  judges: '/judges',
  vote: '/vote',
  search: '/search',
};

export function parseRoute(pathname: string, search: string): Route {
  const params = new URLSearchParams(search);
  const battle = /^\/battles\/([^/]+)$/.exec(pathname);
  if (battle?.[1] !== undefined) return { view: 'battle', id: safeDecode(battle[1]), params };
  const model = /^\/models\/([^/]+)$/.exec(pathname);
  if (model?.[1] !== undefined) return { view: 'model', id: safeDecode(model[1]), params };
  const entry = Object.entries(PATHS).find(([, path]) => path === pathname);
  const view = (entry?.[0] ?? 'leaderboard') as ViewName;
  return { view, id: null, params };
}

export function pathOf(view: ViewName, id: string | null = null): string {
  if (view === 'battle') return `/battles/${encodeURIComponent(id ?? '')}`;
  if (view === 'model') return `/models/${encodeURIComponent(id ?? '')}`;
  return PATHS[view];
}

export function hrefOf(view: ViewName, params: URLSearchParams, id: string | null = null): string {
  const query = params.toString();
  return pathOf(view, id) + (query === '' ? '' : `?${query}`);
}

const CHANGE_EVENT = 'verdicts:navigate';

export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (href === location.pathname + location.search) return;
  if (options.replace === true) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

export function useLocation(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname, location.search));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname, location.search));
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE_EVENT, update);
    };
  }, []);
  return route;
}

/** A same-origin link clicked without modifiers navigates in place instead of reloading. */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener('click', (event) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const target = event.target instanceof Element ? event.target.closest('a') : null;
    if (
      target === null ||
      target.target !== '' ||
      target.origin !== location.origin ||
      target.hasAttribute('download')
    )
      return;
    if (target.dataset.external !== undefined) return;
    event.preventDefault();
    // A link within the page (`#forest-plot`) scrolls to its target, the address unchanged.
    const inPage =
      target.hash !== '' &&
      target.pathname === location.pathname &&
      target.search === location.search;
    if (inPage) document.getElementById(target.hash.slice(1))?.scrollIntoView();
    else navigate(target.pathname + target.search);
  });
}
