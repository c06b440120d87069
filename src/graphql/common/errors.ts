/**
 * Request-level errors. Every error a user can cause carries `extensions.code`; anything else is
 * reported without internals (no SQL, no stack) when the server runs in production.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { EXCERPT_LENGTH, withShortQuotes } from '../../domain/excerpt';
import { InvalidRequestError, LimitExceededError } from '../../services/errors';
import { withoutTrailingValue } from '../guards/error-log';
import { isUserErrorCode } from './error-codes';

export function badUserInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) },
  });
}

/** node-postgres / PGlite errors carry a SQLSTATE `code`; socket failures carry an errno code. */
const CONNECTION_FAILURES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

/** Drizzle wraps the driver's error with the whole query and its parameters; keep only the driver's words. */
function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && (current as { cause?: unknown })?.cause; depth += 1)
    current = (current as { cause: unknown }).cause;
  return current;
}

function databaseErrorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_FAILURES.has(code)) return 'DATABASE_UNAVAILABLE';
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return 'DATABASE_ERROR';
    if (
      current instanceof Error &&
      /Connection terminated|connection is closed|Client was closed|not queryable|PGlite is closed|timeout exceeded when trying to connect/i.test(
        current.message,
      )
    ) {
      return 'DATABASE_UNAVAILABLE';
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** graphql-js's words when a document has more tokens than `parse(…, { maxTokens })` allows. */
const TOO_MANY_TOKENS =
  /^Syntax Error: Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/;

/** The parser stops at the first token over the limit, so all it knows is "max + 1 at least". */
function tokenLimitError(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  const match = TOO_MANY_TOKENS.exec(formatted.message);
  if (!match) return null;
  const max = Number(match[1]);
  return {
    message: `A document must have at most ${max} tokens, but this one has more; send large inputs as variables.`,
    extensions: { code: 'LIMIT_EXCEEDED', limit: 'maxTokens', max, received: max + 1 },
  };
}

/** graphql-js prints a whole literal after "found" (`Expected value of type "Int", found …`). */
const FOUND_LITERAL = /^(Expected value of type "[^"]*", found )([\s\S]*?)((?:; [\s\S]*)?)$/;

/**
 * graphql-js repeats what it was sent: an invalid variable's whole value (`Variable "$input" got
 * invalid value { …whole input… }; …`), a literal after "found", names and strings in quotes.
 * Keep the variable, the path and the reason; quote nothing longer than an excerpt
 * (domain/excerpt.ts).
 */
export function withoutEchoedValue(message: string): string {
  const variable = /^(Variable "\$[^"]+") got invalid value [\s\S]*?(?: at ("[^"]*"))?; (.*)$/.exec(
    message,
  );
  let kept = message;
  if (variable)
    kept = `${variable[1]} got an invalid value${variable[2] ? ` at ${variable[2]}` : ''}; ${variable[3]}`;
  const found = FOUND_LITERAL.exec(kept);
  if (found && found[2].length > EXCERPT_LENGTH)
    kept = `${found[1]}${found[2].slice(0, EXCERPT_LENGTH)}…${found[3]}`;
  const short = withShortQuotes(kept);
  return short.length > 1000 ? `${short.slice(0, 1000)}…` : short;
}

/**
 * Apollo refuses some malformed requests with an uncoded GraphQLError that carries only an HTTP
 * status (a persisted query whose hash does not match its text); a 4xx there is the caller's
 * fault, so it is BAD_REQUEST, not an internal error.
 */
function uncodedClientError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * A literal a scalar refuses (a date-time out of range) fails validation, but it is bad input
 * like the same value in a variable: both are BAD_USER_INPUT.
 */
function badLiteral(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== 'GRAPHQL_VALIDATION_FAILED')
    return false;
  const cause = error.originalError;
  return cause instanceof GraphQLError && cause.extensions.code === 'BAD_USER_INPUT';
}

export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof InvalidRequestError) {
      return {
        message: original.message,
        path: formatted.path,
        extensions: { code: original.code, field: original.field },
      };
    }
    if (original instanceof LimitExceededError) {
      const { limit, max, received } = original;
      return {
        message: original.message,
        path: formatted.path,
        extensions: { code: 'LIMIT_EXCEEDED', limit, max, received },
      };
    }
    const databaseCode = databaseErrorCode(original);
    if (databaseCode === 'DATABASE_UNAVAILABLE') {
      return {
        message:
          'The database is unavailable, so this request may or may not have been stored. Retry later with the same idempotency keys: nothing is stored twice.',
        path: formatted.path,
        extensions: { code: databaseCode },
      };
    }
    if (databaseCode === 'DATABASE_ERROR') {
      return {
        message: 'The database rejected the request and rolled it back; nothing was stored by it.',
        path: formatted.path,
        extensions: {
          code: databaseCode,
          ...(production
            ? {}
            : {
                detail: withoutTrailingValue(String((rootCause(original) as Error).message)).slice(
                  0,
                  500,
                ),
              }),
        },
      };
    }
    if (uncodedClientError(original))
      return {
        message: withoutEchoedValue(formatted.message),
        extensions: { code: 'BAD_REQUEST' },
      };
    if (badLiteral(original))
      return {
        ...formatted,
        message: withoutEchoedValue(formatted.message),
        extensions: { code: 'BAD_USER_INPUT' },
      };
    const code = formatted.extensions?.code;
    if (code === 'GRAPHQL_PARSE_FAILED') {
      const overLimit = tokenLimitError(formatted);
      if (overLimit) return overLimit;
      // graphql-js parses nesting recursively; a document nested thousands deep overflows it.
      if (formatted.message === 'Maximum call stack size exceeded') {
        return { message: 'The document is nested too deeply to parse.', extensions: { code } };
      }
    }
    if (production && (code === undefined || code === 'INTERNAL_SERVER_ERROR')) {
      return {
        message: 'Internal server error.',
        path: formatted.path,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    }
    if (isUserErrorCode(code)) {
      // The caller's mistake: a stack trace of our code would not help them.
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message: withoutEchoedValue(formatted.message), extensions };
    }
    return formatted;
  };
}
