/**
 * How the server closes a WebSocket it refuses or ends. A close frame carries a code and a reason
 * of at most 123 bytes (RFC 6455 §5.5: a control frame's payload is at most 125 bytes, two of
 * them the code); the reason starts with the same code word as the HTTP errors.
 */
import type { WebSocket } from 'ws';

/** graphql-ws's Unauthorized: a bad or revoked key. Its client does not retry this one. */
export const UNAUTHORIZED = 4401;
/**
 * The server holds its maximum of connections, or this address or key holds its quota, or the
 * slots left are kept for keys; a client may retry later (graphql-ws does).
 */
export const TOO_MANY_CONNECTIONS = 4503;
/** The connection held no subscription for VERDICTS_WS_IDLE_TIMEOUT_MS. */
export const IDLE_TIMEOUT = 4504;
/** The client left more unsent bytes than VERDICTS_WS_MAX_BUFFERED_BYTES_PER_SOCKET allows (or the server's total is reached). */
export const SLOW_CONSUMER = 4508;

export function closeWith(
  socket: WebSocket,
  code: number,
  errorCode: string,
  message: string,
): void {
  let reason = `${errorCode}: ${message}`;
  if (Buffer.byteLength(reason) > 123) {
    while (Buffer.byteLength(reason) > 120) reason = reason.slice(0, -1);
    reason += '…';
  }
  socket.close(code, reason);
}
