/**
 * The dashboard's only way to data: GraphQL over HTTP POST to this server's /graphql, with the
 * tab's read key when there is one. Answers are kept per (document, variables, data version), so
 * going back to a slice already seen at the current version costs no request.
 */
import { readKey } from './read-key';

export const GRAPHQL_PATH = '/graphql';

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string };
}

/** A request the server refused: `code` is the GraphQL error code (UNAUTHENTICATED, …). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get needsKey(): boolean {
    return this.code === 'UNAUTHENTICATED' || this.code === 'FORBIDDEN';
  }
}

/** The code of an ApiError raised when no answer came at all. */
export const UNREACHABLE = 'UNREACHABLE';

const answers = new Map<string, Promise<unknown>>();
const MAX_KEPT_ANSWERS = 200;

export type Variables = Record<string, unknown>;

/** `key`: the bearer token to send; the tab's read key unless a view passes another (a write key). */
export async function request<Data>(
  document: string,
  variables: Variables = {},
  key: string | null = readKey(),
): Promise<Data> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
  };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: document, variables }),
    });
  } catch (error) {
    // fetch rejects only when no answer came at all: the server is down or the network is.
    throw new ApiError(
      `The server could not be reached (${error instanceof Error ? error.message : String(error)}).`,
      UNREACHABLE,
    );
  }
  let body: { data?: Data | null; errors?: GraphQLErrorShape[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(`The server answered ${response.status} without a GraphQL body.`, null);
  }
  const first = body.errors?.[0];
  if (first !== undefined) throw new ApiError(first.message, first.extensions?.code ?? null);
  if (body.data === undefined || body.data === null)
    throw new ApiError('The server answered without data.', null);
  return body.data;
}

/** The same request at the same data version is answered once and kept. */
export function cachedRequest<Data>(
  document: string,
  variables: Variables,
  version: number,
): Promise<Data> {
  const key = `${version}\u0000${document}\u0000${JSON.stringify(variables)}\u0000${readKey() ?? ''}`;
  let answer = answers.get(key) as Promise<Data> | undefined;
  if (answer === undefined) {
    answer = request<Data>(document, variables);
    answer.catch(() => answers.delete(key));
    if (answers.size >= MAX_KEPT_ANSWERS) {
      const oldest = answers.keys().next();
      if (oldest.done !== true) answers.delete(oldest.value);
    }
    answers.set(key, answer);
  }
  return answer;
}
