/**
 * Every HTTP request gets an id, sent back as the `x-request-id` response header and quoted in the
 * server's log lines and on unexpected errors (`extensions.requestId`), so a user's report can be
 * matched with the log. An id set by a proxy in front of the server is kept when it looks like one.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { HeaderMap } from '@apollo/server';

export const REQUEST_ID_HEADER = 'x-request-id';

const PLAUSIBLE_ID = /^[\w.:-]{1,128}$/;

export function requestIdFor(headers: IncomingHttpHeaders): string {
  const given = headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && PLAUSIBLE_ID.test(given) ? given : randomUUID();
}

/** The id server.ts put into the request headers Apollo sees. */
export function requestIdOf(headers: HeaderMap | undefined): string | null {
  return headers?.get(REQUEST_ID_HEADER) ?? null;
}
