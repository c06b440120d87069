/**
 * Apollo Sandbox (the development landing page at /graphql, /sandbox redirects there) loads from
 * Apollo's CDN; offline it shows only its fallback, "Apollo Sandbox cannot be loaded". That
 * fallback is where this page points to GraphiQL, served from our own assets at /graphiql: a
 * plain link, so it needs no script and no change to the page's own Content-Security-Policy, and
 * it shows exactly when Sandbox does not cover it.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';

const FALLBACK = '<div class="fallback">';
export const GRAPHIQL_LINK =
  '<p><a href="/graphiql">Open GraphiQL</a>, served by this server, works without the internet.</p>';

/** Apollo's page with the GraphiQL link in its offline fallback. */
export function withGraphiqlFallback(html: string): string {
  const at = html.indexOf(FALLBACK);
  if (at === -1) throw new Error('Invariant failed: Apollo Sandbox page has no fallback block.');
  const end = html.indexOf('</div>', at);
  return html.slice(0, end) + GRAPHIQL_LINK + html.slice(end);
}

export function sandboxLandingPage(): ApolloServerPlugin {
  const sandbox = ApolloServerPluginLandingPageLocalDefault();
  return {
    async serverWillStart(service) {
      const listener = await sandbox.serverWillStart?.(service);
      const render = listener?.renderLandingPage?.bind(listener);
      if (listener == null || render === undefined) return listener;
      return {
        ...listener,
        async renderLandingPage() {
          const { html } = await render();
          return {
            html: async () => withGraphiqlFallback(typeof html === 'string' ? html : await html()),
          };
        },
      };
    },
  };
}
