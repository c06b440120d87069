/**
 * Request-level errors. Every error a user can cause carries `extensions.code`; anything else is
 * reported without internals (no SQL, no stack) when the server runs in production.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { InvalidRequestError } from '../../services/errors';
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

/**
 * graphql-js repeats an invalid variable's value in its message (`Variable "$input" got invalid
 * value { …whole input… }; …`); keep the variable and the reason, not the value.
 */
export function withoutEchoedValue(message: string): string {
  const match = /^(Variable "\$[^"]+") got invalid value [\s\S]*?(?: at ("[^"]*"))?; (.*)$/.exec(
    message,
  );
  if (!match) return message.length > 1000 ? `${message.slice(0, 1000)}…` : message;
  return `${match[1]} got an invalid value${match[2] ? ` at ${match[2]}` : ''}; ${match[3]}`.slice(
    0,
    1000,
  );
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
            : { detail: String((rootCause(original) as Error).message).slice(0, 500) }),
        },
      };
    }
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
