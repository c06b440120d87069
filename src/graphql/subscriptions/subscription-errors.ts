/**
 * Errors sent on a subscription are formatted as Apollo formats them over HTTP (`formatError`),
 * and an unexpected one (INTERNAL_SERVER_ERROR, DATABASE_ERROR) gets a request id, quoted to the
 * client as `extensions.requestId` and logged as the same JSON line as on HTTP
 * (guards/error-log.ts). An error shared by many subscribers (one failed fan-out execution) is
 * logged once, under one id.
 */
import { randomUUID } from 'node:crypto';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { isUnexpectedErrorCode } from '../common/error-codes';
import { errorLogLine } from '../guards/error-log';
import type { LogSink } from '../guards/request-log';

export type FormatError = (
  formatted: GraphQLFormattedError,
  error: unknown,
) => GraphQLFormattedError;

export function subscriptionErrorFormatter(
  formatError: FormatError,
  errorLog: LogSink,
): (errors: readonly GraphQLError[]) => GraphQLFormattedError[] {
  const logged = new WeakMap<object, string>();
  return (errors) =>
    errors.map((error) => {
      const json = error.toJSON();
      const formatted = formatError(
        json.extensions?.code === undefined
          ? { ...json, extensions: { ...json.extensions, code: 'INTERNAL_SERVER_ERROR' } }
          : json,
        error,
      );
      const code = formatted.extensions?.code;
      if (!isUnexpectedErrorCode(code)) return formatted;
      const cause: object = error.originalError ?? error;
      let requestId = logged.get(cause);
      if (requestId === undefined) {
        requestId = randomUUID();
        logged.set(cause, requestId);
        errorLog(errorLogLine({ requestId, operation: null, code: String(code), error }));
      }
      return { ...formatted, extensions: { ...formatted.extensions, requestId } };
    });
}
