/**
 * Answers given before Apollo runs (server.ts): a body nested too deeply, or an API key that
 * could not be looked up. Apollo would answer a failed key lookup itself, as "context creation
 * failed", without calling any plugin: no status by code, no request id, no log line. Here such
 * an error is formatted as every other (formatError), gets the status of its code, and an
 * unexpected one gets a request id and an error log line.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ERROR_CODES, isDocumentedCode, isUnexpectedErrorCode } from '../common/error-codes';
import { errorLogLine } from './error-log';
import type { LogSink } from './request-log';

export interface Refusal {
  status: number;
  code: string;
  body: { errors: GraphQLFormattedError[] };
}

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

export function refusalOf(
  error: unknown,
  format: FormatError,
  requestId: string,
  logError: LogSink,
): Refusal {
  const plain: GraphQLFormattedError =
    error instanceof GraphQLError
      ? { message: error.message, extensions: error.extensions }
      : { message: String(error), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  const formatted = format(plain, error);
  const { http: _http, ...extensions } = formatted.extensions ?? {};
  const code = isDocumentedCode(extensions.code) ? extensions.code : 'INTERNAL_SERVER_ERROR';
  const unexpected = isUnexpectedErrorCode(code);
  if (unexpected) logError(errorLogLine({ requestId, operation: null, code, error }));
  const shown: GraphQLFormattedError = {
    ...formatted,
    extensions: { ...extensions, code, ...(unexpected ? { requestId } : {}) },
  };
  return { status: ERROR_CODES[code].httpStatus, code, body: { errors: [shown] } };
}
