/**
 * Every frame the server sends on a WebSocket goes through here, for two reasons.
 *
 * Shared bytes: a fanned-out event (fan-out.ts) is serialised once; graphql-ws still builds each
 * member's `next` message, but with a small marker in place of the payload, and the marker is
 * swapped for the shared buffer here. The message goes out as three fragments of one text message
 * (RFC 6455 §5.4): the member's own `{"id":…,"type":"next","payload":`, the shared payload, `}`.
 * `ws` frames a buffer without copying it, so N subscribers hold one copy, not N.
 *
 * Slow consumers: graphql-ws waits for each send to be flushed before it sends the next event,
 * so a client that stops reading would hold its unsent events in the server's memory until it
 * left. Here a send is acknowledged once queued, and the backlog is measured instead: a socket
 * whose unsent bytes (`bufferedAmount`) would pass `maxBufferedBytesPerSocket`, or while all
 * sockets' unsent bytes would pass `maxBufferedBytes`, is closed with 4508 and cut off after a
 * grace period, which frees what it held.
 */
import type { WebSocket } from 'ws';

export interface SendLimits {
  maxBufferedBytesPerSocket: number;
  maxBufferedBytes: number;
}

type SendCallback = (error?: Error) => void;
type RawSend = (
  data: Buffer,
  options: { binary?: boolean; fin?: boolean },
  callback?: SendCallback,
) => void;

/** The end of a `next` message whose payload is a marker: `,"payload":"\u0000shared:<n>"}`. */
const MARKER_AT_END = /"payload":"\\u0000shared:(\d+)"\}$/;

export class SocketSends {
  /** Unsent bytes over all sockets, a shared payload counted once while any socket holds it. */
  private unsent = 0;
  private readonly sharedHolders = new Map<Buffer, number>();
  private readonly markers = new WeakMap<WebSocket, Map<string, Buffer>>();
  private nextMarker = 0;

  constructor(
    private readonly limits: SendLimits,
    private readonly dropSlow: (socket: WebSocket, reason: string) => void,
  ) {}

  /** What graphql-ws serialises in place of a shared payload for this socket. */
  marker(socket: WebSocket, payload: Buffer): { toJSON(): string } {
    const id = String((this.nextMarker += 1));
    let pending = this.markers.get(socket);
    if (pending === undefined) {
      pending = new Map();
      this.markers.set(socket, pending);
    }
    pending.set(id, payload);
    return { toJSON: () => `\u0000shared:${id}` };
  }

  /** Routes the socket's sends through the shared-bytes swap and the backlog limits. */
  watch(socket: WebSocket): void {
    const send: RawSend = socket.send.bind(socket);
    const patched = (data: unknown, second?: unknown, third?: unknown): void => {
      const callback = (typeof second === 'function' ? second : third) as SendCallback | undefined;
      if (typeof data !== 'string') {
        send(data as Buffer, (typeof second === 'object' ? second : {}) ?? {}, callback);
        return;
      }
      const match = MARKER_AT_END.exec(data);
      const shared = match ? this.takeMarker(socket, match[1]) : undefined;
      if (match === null || shared === undefined) {
        this.queue(socket, send, [Buffer.from(data)], null, callback);
        return;
      }
      const head = Buffer.from(data.slice(0, match.index + '"payload":'.length));
      this.queue(socket, send, [head, shared, Buffer.from('}')], shared, callback);
    };
    socket.send = patched as WebSocket['send'];
  }

  private takeMarker(socket: WebSocket, id: string): Buffer | undefined {
    const pending = this.markers.get(socket);
    const payload = pending?.get(id);
    pending?.delete(id);
    return payload;
  }

  private queue(
    socket: WebSocket,
    send: RawSend,
    parts: Buffer[],
    shared: Buffer | null,
    callback: SendCallback | undefined,
  ): void {
    const size = parts.reduce((sum, part) => sum + part.length, 0);
    const added = size - (shared !== null && this.sharedHolders.has(shared) ? shared.length : 0);
    const backlog = socket.bufferedAmount;
    const { maxBufferedBytesPerSocket, maxBufferedBytes } = this.limits;
    // One message always goes out to a socket that has sent everything: the limits bound the
    // backlog, not the size of an event.
    if (backlog > 0 && backlog + size > maxBufferedBytesPerSocket) {
      this.dropSlow(
        socket,
        `this client left more than ${maxBufferedBytesPerSocket} bytes unread.`,
      );
      callback?.();
      return;
    }
    if (backlog > 0 && this.unsent + added > maxBufferedBytes) {
      this.dropSlow(
        socket,
        `the server holds ${maxBufferedBytes} unsent bytes, and this client is behind.`,
      );
      callback?.();
      return;
    }
    this.hold(parts, shared);
    let left = parts.length;
    const flushed = () => {
      left -= 1;
      if (left === 0) this.release(parts, shared);
    };
    parts.forEach((part, index) => {
      const fin = index === parts.length - 1;
      send(part, { binary: false, fin }, flushed);
    });
    // Acknowledged once queued: the backlog, not graphql-ws's wait, is what bounds memory.
    callback?.();
  }

  private hold(parts: Buffer[], shared: Buffer | null): void {
    for (const part of parts) {
      if (part !== shared) this.unsent += part.length;
    }
    if (shared === null) return;
    const holders = this.sharedHolders.get(shared) ?? 0;
    if (holders === 0) this.unsent += shared.length;
    this.sharedHolders.set(shared, holders + 1);
  }

  private release(parts: Buffer[], shared: Buffer | null): void {
    for (const part of parts) {
      if (part !== shared) this.unsent -= part.length;
    }
    if (shared === null) return;
    const holders = (this.sharedHolders.get(shared) ?? 1) - 1;
    if (holders > 0) this.sharedHolders.set(shared, holders);
    else {
      this.sharedHolders.delete(shared);
      this.unsent -= shared.length;
    }
  }
}
