import { GraphQLError } from 'graphql';
import type { Context, LiveUpdates } from '../context';

/** The process's change feed; only a server started with subscriptions has one. */
export function liveUpdates(context: Context): LiveUpdates {
  if (context.live === null) {
    throw new GraphQLError(
      'Subscriptions are served over WebSocket (graphql-ws) at the GraphQL path only.',
      {
        extensions: { code: 'BAD_REQUEST' },
      },
    );
  }
  return context.live;
}
