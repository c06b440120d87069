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
  | 'maxConnections'
  | 'maxConnectionsPerAddress'
  | 'maxConnectionsPerKey'
  | 'reservedKeyedConnections'
>;

interface Holder {
  address: string;
  apiKeyId: number | null;
  /** Acknowledged without a key. */
  identified: boolean;
}

export class ConnectionQuotas {
  private readonly holders = new Map<WebSocket, Holder>();
  /** Sockets of each address waiting for their connection_init. */
  private readonly pendingOnAddress = new Map<string, number>();
  /** Sockets of each address acknowledged without a key. */
  private readonly anonymousOnAddress = new Map<string, number>();
  private readonly perKey = new Map<number, number>();
  private identifiedAnonymous = 0;

  constructor(private readonly settings: QuotaSettings) {}

  /** At the upgrade: null when the socket may open, else why not. */
  admit(socket: WebSocket, address: string): string | null {
    const { maxConnections, maxConnectionsPerAddress } = this.settings;
    if (this.holders.size >= maxConnections)
      return `this server holds its maximum of ${maxConnections} connections.`;
    if ((this.pendingOnAddress.get(address) ?? 0) >= maxConnectionsPerAddress)
      return `an address may have at most ${maxConnectionsPerAddress} connections waiting for their connection_init.`;
    this.holders.set(socket, { address, apiKeyId: null, identified: false });
    increment(this.pendingOnAddress, address);
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
      const { maxConnectionsPerAddress } = this.settings;
      if ((this.anonymousOnAddress.get(holder.address) ?? 0) >= maxConnectionsPerAddress)
        return `an address may hold at most ${maxConnectionsPerAddress} connections without a key.`;
      decrement(this.pendingOnAddress, holder.address);
      increment(this.anonymousOnAddress, holder.address);
      holder.identified = true;
      this.identifiedAnonymous += 1;
      return null;
    }
    if ((this.perKey.get(apiKeyId) ?? 0) >= maxConnectionsPerKey)
      return `an API key may hold at most ${maxConnectionsPerKey} connections.`;
    decrement(this.pendingOnAddress, holder.address);
    holder.apiKeyId = apiKeyId;
    increment(this.perKey, apiKeyId);
    return null;
  }

  release(socket: WebSocket): void {
    const holder = this.holders.get(socket);
    if (holder === undefined) return;
    this.holders.delete(socket);
    if (holder.apiKeyId !== null) decrement(this.perKey, holder.apiKeyId);
    else if (!holder.identified) decrement(this.pendingOnAddress, holder.address);
    else {
      this.identifiedAnonymous -= 1;
      decrement(this.anonymousOnAddress, holder.address);
    }
  }
}

function increment<K>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function decrement<K>(counts: Map<K, number>, key: K): void {
  const count = (counts.get(key) ?? 1) - 1;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
}
