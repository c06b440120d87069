/**
 * Unexpected errors (INTERNAL_SERVER_ERROR, DATABASE_ERROR) are logged on the server, one JSON
 * line each: time, request id, operation name, error code, the error's own message and stack.
 * The client, which in production gets only a generic message, gets the request id as
 * `extensions.requestId` to quote. Nothing secret is logged: no key, no variables, no document,
 * and for a database error only the driver's message (Drizzle's wrapper repeats the query and
 * every parameter, verdict texts included, so it is skipped).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { isUnexpectedErrorCode } from '../common/error-codes';
import type { Context } from '../context';
import type { LogSink } from './request-log';
import { requestIdOf } from './request-id';

const MAX_MESSAGE = 2000;
const MAX_STACK = 8000;

export interface ErrorLogEntry {
  requestId: string | null;
  operation: string | null;
  code: string;
  error: unknown;
}

export function errorLogLine({ requestId, operation, code, error }: ErrorLogEntry): string {
  const cause = driverError(error);
  const message = cause instanceof Error ? cause.message : String(cause);
  return JSON.stringify({
    time: new Date().toISOString(),
    level: 'error',
    requestId,
    operation,
    code,
    error: {
      name: cause instanceof Error ? cause.name : typeof cause,
      message: withoutTrailingValue(message).slice(0, MAX_MESSAGE),
      stack:
        cause instanceof Error && cause.stack
          ? withoutFirstLine(cause.stack).slice(0, MAX_STACK)
          : null,
    },
  });
}

/**
 * PostgreSQL ends the messages about a bad value with the value itself (`invalid input syntax for
 * type integer: "…"`, `date/time field value out of range: "…"`): what a caller sent, which the
 * log must not hold. Names of relations and columns come earlier in a message and stay.
 */
export function withoutTrailingValue(message: string): string {
  return message.replace(/: "[\s\S]*"$/, ': (the value is not logged)');
}

/** The innermost cause: the driver's error under Drizzle's "Failed query: … params: …". */
function driverError(error: unknown): unknown {
  let current = unwrapResolverError(error);
  for (
    let depth = 0;
    depth < 5 && current instanceof Error && current.cause !== undefined;
    depth += 1
  )
    current = current.cause;
  return current;
}

/** A stack starts with the message, already logged on its own (and maybe multi-line). */
function withoutFirstLine(stack: string): string {
  const frames = stack.indexOf('\n    at ');
  return frames === -1 ? stack : stack.slice(frames + 1);
}

export function errorLog(sink: LogSink): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, errors, request, operationName }) {
          if (response.body.kind !== 'single' || !errors) return;
          const formatted = response.body.singleResult.errors;
          if (!formatted) return;
          const requestId = requestIdOf(request.http?.headers);
          response.body.singleResult.errors = formatted.map(
            (shown, index): GraphQLFormattedError => {
              const code = shown.extensions?.code;
              // An error given its id already (response-size.ts) was logged where it was made.
              if (!isUnexpectedErrorCode(code) || shown.extensions?.requestId) return shown;
              sink(
                errorLogLine({
                  requestId,
                  operation: operationName ?? request.operationName ?? null,
                  code: String(code),
                  error: errors[index],
                }),
              );
              return { ...shown, extensions: { ...shown.extensions, requestId } };
            },
          );
        },
      };
    },
  };
}
