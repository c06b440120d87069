/**
 * A WebSocket connection outlives the key check made when it opened, so the keys of all open
 * connections are checked again every `intervalMs`, in one query, and before each event is sent
 * (`liveBeforeEvent`: the events of one tick share one query), so that a revoked key gets no
 * further event. A connection whose key was revoked is closed with 4401 (graphql-ws's
 * Unauthorized, which its client does not retry), ending its subscriptions.
 */
import DataLoader from 'dataloader';
import type { WebSocket } from 'ws';
import type { Database } from '../../db/client';
import type { Principal } from '../../services/api-keys';
import { liveApiKeyIds } from '../../services/api-key-liveness';
import { closeWith, UNAUTHORIZED } from './close-codes';

export class KeyRecheck {
  private readonly timer: NodeJS.Timeout;
  private checking = false;
  /** Batches the checks of one tick into one query; never caches across ticks. */
  private readonly liveness: DataLoader<number, boolean>;

  constructor(
    private readonly db: Database,
    private readonly principals: Map<WebSocket, Principal>,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
    this.liveness = new DataLoader(
      async (ids) => {
        try {
          const live = await liveApiKeyIds(this.db, ids);
          return ids.map((id) => live.has(id));
        } catch {
          // The database is unreachable: the periodic check will tell once it is back.
          return ids.map(() => true);
        }
      },
      { cache: false },
    );
  }

  /** True when the socket may get its next event; a revoked key's connection is closed instead. */
  async liveBeforeEvent(socket: WebSocket): Promise<boolean> {
    const principal = this.principals.get(socket);
    if (principal === undefined) return true;
    if (await this.liveness.load(principal.apiKeyId)) return true;
    this.closeRevoked(socket, principal);
    return false;
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
        if (!live.has(principal.apiKeyId)) this.closeRevoked(socket, principal);
      }
    } catch {
      // The database is unreachable: nothing can be checked, and nothing is served from it either.
    } finally {
      this.checking = false;
    }
  }

  private closeRevoked(socket: WebSocket, principal: Principal): void {
    if (this.principals.get(socket) !== principal) return;
    this.principals.delete(socket);
    closeWith(
      socket,
      UNAUTHORIZED,
      'UNAUTHENTICATED',
      `the API key ${JSON.stringify(principal.name)} was revoked.`,
    );
  }
}
