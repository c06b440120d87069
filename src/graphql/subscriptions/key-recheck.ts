/**
 * A WebSocket connection outlives the key check made when it opened, so the keys of all open
 * connections are checked again every `intervalMs`, in one query; a connection whose key was
 * revoked is closed with 4401 (graphql-ws's Unauthorized, which its client does not retry),
 * ending its subscriptions.
 */
import type { WebSocket } from 'ws';
import type { Database } from '../../db/client';
import type { Principal } from '../../services/api-keys';
import { liveApiKeyIds } from '../../services/api-key-liveness';
import { closeWith, UNAUTHORIZED } from './close-codes';

export class KeyRecheck {
  private readonly timer: NodeJS.Timeout;
  private checking = false;

  constructor(
    private readonly db: Database,
    private readonly principals: Map<WebSocket, Principal>,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async check(): Promise<void> {
    if (this.checking || this.principals.size === 0) return;
    this.checking = true;
    try {
      const ids = [
        ...new Set([...this.principals.values()].map((principal) => principal.apiKeyId)),
      ];
      const live = await liveApiKeyIds(this.db, ids);
      for (const [socket, principal] of this.principals) {
        if (live.has(principal.apiKeyId)) continue;
        this.principals.delete(socket);
        closeWith(
          socket,
          UNAUTHORIZED,
          'UNAUTHENTICATED',
          `the API key ${JSON.stringify(principal.name)} was revoked.`,
        );
      }
    } catch {
      // The database is unreachable: nothing can be checked, and nothing is served from it either.
    } finally {
      this.checking = false;
    }
  }
}
