/**
 * Every answer has a byte cap (VERDICTS_MAX_RESPONSE_BYTES). Its JSON size is measured before it
 * is serialised, by a walk that stops as soon as the cap is passed, so an answer of 180 MB is
 * refused after measuring about the cap's worth of it, and no string longer than the cap is ever
 * built (V8 cannot build one of about 512 MiB: "RangeError: Invalid string length"). A refused
 * answer is RESPONSE_TOO_LARGE with HTTP 413; an answer that cannot be serialised at all is an
 * INTERNAL_SERVER_ERROR with a request id and one error log line.
 *
 * `limitResponseSize` is the shared check: the HTTP plugin below uses it, and so can anything
 * else that sends a GraphQL result (a subscription event over WebSocket).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import type { Context } from '../context';
import { errorLogLine } from './error-log';
import { requestIdOf } from './request-id';
import type { LogSink } from './request-log';

/**
 * The UTF-8 length of `JSON.stringify(value)`, or some number above `stopAbove` as soon as it
 * is known to be larger. Iterative, so depth cannot overflow the stack; it throws where
 * JSON.stringify would (a BigInt), and `stopAbove` bounds it even on a cycle.
 */
export function jsonByteLength(value: unknown, stopAbove: number): number {
  let total = 0;
  const pending: unknown[] = [value];
  // An answer repeats the same few keys on every row, so each key is measured once per answer.
  const keyBytes = new Map<string, number>();
  while (pending.length > 0 && total <= stopAbove) {
    let item = pending.pop();
    if (
      item !== null &&
      typeof item === 'object' &&
      typeof (item as { toJSON?: unknown }).toJSON === 'function'
    )
      item = (item as { toJSON(): unknown }).toJSON();
    if (item === null || item === undefined || typeof item === 'function') {
      total += 4; // null (in a list; an undefined member of an object is left out, overcounted)
    } else if (typeof item === 'string') {
      total += jsonStringBytes(item);
    } else if (typeof item === 'number') {
      total += Number.isFinite(item) ? String(item).length : 4;
    } else if (typeof item === 'boolean') {
      total += item ? 4 : 5;
    } else if (typeof item === 'bigint') {
      throw new TypeError('Do not know how to serialize a BigInt');
    } else if (Array.isArray(item)) {
      total += 2 + Math.max(0, item.length - 1);
      for (let index = item.length - 1; index >= 0; index -= 1) pending.push(item[index]);
    } else if (typeof item === 'object') {
      total += 2;
      let first = true;
      const record = item as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const member = record[key];
        if (member === undefined || typeof member === 'function') continue;
        let bytes = keyBytes.get(key);
        if (bytes === undefined) {
          bytes = jsonStringBytes(key);
          keyBytes.set(key, bytes);
        }
        total += bytes + (first ? 1 : 2);
        first = false;
        pending.push(member);
      }
    }
  }
  return total;
}

/** Printable ASCII other than `"` and `\`: JSON writes these characters as they are. */
const NEEDS_NO_ESCAPE = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * The UTF-8 length of `JSON.stringify(text)`. Most texts of an answer (names, ids, dates) are
 * plain ASCII, which is measured without building the quoted copy: that copy was 6% of the
 * server's time on a page of 100 verdicts.
 */
function jsonStringBytes(text: string): number {
  return NEEDS_NO_ESCAPE.test(text) ? text.length + 2 : Buffer.byteLength(JSON.stringify(text));
}

export function responseTooLargeError(maxBytes: number): GraphQLFormattedError {
  return {
    message: `An answer must be at most ${maxBytes} bytes, but this one is larger; ask for fewer items (a smaller first) or fewer text fields.`,
    extensions: { code: 'RESPONSE_TOO_LARGE', limit: 'maxResponseBytes', max: maxBytes },
  };
}

export type SizedResult =
  | { ok: true; bytes: number }
  | { ok: false; code: 'RESPONSE_TOO_LARGE'; result: FormattedExecutionResult }
  | { ok: false; code: 'INTERNAL_SERVER_ERROR'; error: unknown };

/** Whether `result` fits in `maxBytes` as JSON; if not, the coded answer to send instead. */
export function limitResponseSize(result: unknown, maxBytes: number): SizedResult {
  let bytes: number;
  try {
    bytes = jsonByteLength(result, maxBytes);
  } catch (error) {
    return { ok: false, code: 'INTERNAL_SERVER_ERROR', error };
  }
  if (bytes <= maxBytes) return { ok: true, bytes };
  return {
    ok: false,
    code: 'RESPONSE_TOO_LARGE',
    result: { errors: [responseTooLargeError(maxBytes)] },
  };
}

/**
 * The HTTP side. Listed before the status and log plugins: Apollo starts every plugin's
 * `willSendResponse` in order, and this one finishes without awaiting, so they see its answer.
 */
export function responseSizeGuard(maxBytes: number, sink: LogSink): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, request, operationName }) {
          if (response.body.kind !== 'single') return;
          const sized = limitResponseSize(response.body.singleResult, maxBytes);
          if (sized.ok) return;
          if (sized.code === 'RESPONSE_TOO_LARGE') {
            response.body.singleResult = sized.result;
            response.http.status = 413;
            return;
          }
          const requestId = requestIdOf(request.http?.headers);
          sink(
            errorLogLine({
              requestId,
              operation: operationName ?? request.operationName ?? null,
              code: 'INTERNAL_SERVER_ERROR',
              error: sized.error,
            }),
          );
          response.body.singleResult = {
            errors: [
              {
                message: 'Internal server error: the answer could not be serialised.',
                extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
              },
            ],
          };
          response.http.status = 500;
        },
      };
    },
  };
}
