/**
 * Who holds the WebSocket slots. Until its `connection_init` (at most 3 s, graphql-ws's
 * connectionInitWaitTimeout) a socket is pending on its address; after it, an anonymous one stays
 * on its address and a keyed one moves to its key, so that keyed clients behind a busy address
 * still connect. Anonymous connections together may fill the server only up to `maxConnections −
 * reservedKeyedConnections`, so that a client with a key always finds room (issue 19: one
 * anonymous client took all 2,000 slots, and an admin then got 4503).
 */
import type { WebSocket } from 'ws';
import type { SubscriptionSettings } from '../../config';

type QuotaSettings = Pick<
  SubscriptionSettings,
  'maxConnections' | 'maxConnectionsPerAddress' | 'maxConnectionsPerKey' | 'reservedKeyedConnections'
>;

interface Holder {
  address: string;
  apiKeyId: number | null;
  /** Acknowledged without a key. */
  identified: boolean;
}

export class ConnectionQuotas {
  private readonly holders = new Map<WebSocket, Holder>();
  /** Sockets of each address that have not presented a key: pending or anonymous. */
  private readonly perAddress = new Map<string, number>();
  private readonly perKey = new Map<number, number>();
  private identifiedAnonymous = 0;

  constructor(private readonly settings: QuotaSettings) {}

  /** At the upgrade: null when the socket may open, else why not. */
  admit(socket: WebSocket, address: string): string | null {
    const { maxConnections, maxConnectionsPerAddress } = this.settings;
    if (this.holders.size >= maxConnections)
      return `this server holds its maximum of ${maxConnections} connections.`;
    if ((this.perAddress.get(address) ?? 0) >= maxConnectionsPerAddress)
      return `an address may hold at most ${maxConnectionsPerAddress} connections without a key.`;
    this.holders.set(socket, { address, apiKeyId: null, identified: false });
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    return null;
  }

  /** At `connection_init`: a keyed connection moves from its address's count to its key's. */
  identify(socket: WebSocket, apiKeyId: number | null): string | null {
    const holder = this.holders.get(socket);
    if (holder === undefined) return null;
    const { maxConnections, maxConnectionsPerKey, reservedKeyedConnections } = this.settings;
    if (apiKeyId === null) {
      // At most half the slots are kept, so that a small server still takes anonymous readers.
      const anonymousRoom =
        maxConnections - Math.min(reservedKeyedConnections, Math.floor(maxConnections / 2));
      if (this.identifiedAnonymous >= anonymousRoom)
        return `connections without a key may use at most ${anonymousRoom} of the ${maxConnections} slots; the rest are kept for keys.`;
      holder.identified = true;
      this.identifiedAnonymous += 1;
      return null;
    }
    if ((this.perKey.get(apiKeyId) ?? 0) >= maxConnectionsPerKey)
      return `an API key may hold at most ${maxConnectionsPerKey} connections.`;
    this.leavePending(holder);
    holder.apiKeyId = apiKeyId;
    this.perKey.set(apiKeyId, (this.perKey.get(apiKeyId) ?? 0) + 1);
    return null;
  }

  release(socket: WebSocket): void {
    const holder = this.holders.get(socket);
    if (holder === undefined) return;
    this.holders.delete(socket);
    if (holder.apiKeyId === null) {
      if (holder.identified) this.identifiedAnonymous -= 1;
      this.leavePending(holder);
      return;
    }
    decrement(this.perKey, holder.apiKeyId);
  }

  private leavePending(holder: Holder): void {
    decrement(this.perAddress, holder.address);
  }
}

function decrement<K>(counts: Map<K, number>, key: K): void {
  const count = (counts.get(key) ?? 1) - 1;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
}
