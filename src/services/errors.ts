/**
 * A request the caller got wrong, raised by a service. The GraphQL layer reports it as
 * BAD_USER_INPUT (or NOT_FOUND) with the field named; services stay free of GraphQL imports.
 */
export class InvalidRequestError extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND' = 'BAD_USER_INPUT',
  ) {
    super(message);
    this.name = 'InvalidRequestError';
  }
}

/** A request over one of a query's limits (reported as LIMIT_EXCEEDED with how far over). */
export class LimitExceededError extends Error {
  constructor(
    message: string,
    readonly limit: string,
    readonly max: number,
    readonly received: number,
  ) {
    super(message);
    this.name = 'LimitExceededError';
  }
}
