/**
 * Every `extensions.code` a client can see on a request-level error, with the HTTP status a
 * request refused with it gets and what it means. The README's table lists the same codes (a
 * test compares them), and the fuzz suite fails on any code not listed here.
 *
 * Statuses follow the GraphQL-over-HTTP draft: an operation that was executed answers 200 with its
 * errors in the body (partial data is data); a request refused before execution gets 4xx when the
 * caller is at fault and 5xx only for a fault of the server or the database.
 */
export interface ErrorCodeInfo {
  httpStatus: number;
  /** Caused by the request itself: retrying it unchanged fails the same way. */
  userError: boolean;
  meaning: string;
}

export const ERROR_CODES = {
  GRAPHQL_PARSE_FAILED: {
    httpStatus: 400,
    userError: true,
    meaning:
      'the document is not valid GraphQL syntax, or has more tokens than VERDICTS_MAX_TOKENS',
  },
  GRAPHQL_VALIDATION_FAILED: {
    httpStatus: 400,
    userError: true,
    meaning: 'the document does not fit the schema (unknown field, wrong argument type, …)',
  },
  BAD_USER_INPUT: {
    httpStatus: 400,
    userError: true,
    meaning: 'an argument or variable is invalid; `extensions.field` names it',
  },
  LIMIT_EXCEEDED: {
    httpStatus: 400,
    userError: true,
    meaning:
      'over a query limit; `extensions.limit`, `max` and `received` say which and by how much',
  },
  BAD_REQUEST: {
    httpStatus: 400,
    userError: true,
    meaning: 'the HTTP request is malformed (not JSON, no query, CSRF header missing, …)',
  },
  OPERATION_RESOLUTION_FAILURE: {
    httpStatus: 400,
    userError: true,
    meaning: 'the operation name matches no operation of the document',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    httpStatus: 400,
    userError: true,
    meaning: 'an automatic persisted query hash the server does not know yet',
  },
  PERSISTED_QUERY_NOT_SUPPORTED: {
    httpStatus: 400,
    userError: true,
    meaning: 'persisted queries are not supported',
  },
  UNAUTHENTICATED: {
    httpStatus: 401,
    userError: true,
    meaning: 'no, malformed, unknown or revoked API key where one is needed',
  },
  FORBIDDEN: {
    httpStatus: 403,
    userError: true,
    meaning: "the key's scope is too low for the operation",
  },
  NOT_FOUND: {
    httpStatus: 404,
    userError: true,
    meaning: 'no such path, or (in a field error) no such item',
  },
  PAYLOAD_TOO_LARGE: {
    httpStatus: 413,
    userError: true,
    meaning: 'the request body is over VERDICTS_MAX_REQUEST_BYTES',
  },
  DATABASE_UNAVAILABLE: {
    httpStatus: 503,
    userError: false,
    meaning:
      'the database could not be reached; a batch may or may not be stored, retry with the same idempotency keys',
  },
  DATABASE_ERROR: {
    httpStatus: 500,
    userError: false,
    meaning:
      'the database refused the request and rolled it back; logged with `extensions.requestId`',
  },
  INTERNAL_SERVER_ERROR: {
    httpStatus: 500,
    userError: false,
    meaning: 'a fault of the server; logged with `extensions.requestId`',
  },
  RESPONSE_TOO_LARGE: {
    httpStatus: 413,
    userError: true,
    meaning:
      'the answer would be over VERDICTS_MAX_RESPONSE_BYTES; ask for fewer items or fewer text fields',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isDocumentedCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

export function isUserErrorCode(code: unknown): boolean {
  return isDocumentedCode(code) && ERROR_CODES[code].userError;
}

/** Errors an operator must be able to trace: logged on the server, with a request id to quote. */
export function isUnexpectedErrorCode(code: unknown): boolean {
  return code === 'INTERNAL_SERVER_ERROR' || code === 'DATABASE_ERROR';
}
