/**
 * `cache-control: no-store` on every GraphQL response, as Apollo's cache-control plugin sets it
 * when no field carries a cache hint (and none here does). That plugin is turned off in its place
 * (server.ts): to collect hints it wraps every field resolver and runs a hook per resolved field,
 * ~5% of a verdict page's CPU, for a header that is always the same. Answers are cached by the
 * server itself (response-cache.ts), never by HTTP caches.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';

export function noStoreHeader(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
