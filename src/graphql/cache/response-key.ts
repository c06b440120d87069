/**
 * The response-cache key of a POSTed JSON GraphQL request, or null when the request is not one
 * the cache answers (batched, persisted, a mutation, an unusual shape: Apollo handles those).
 */
import type { DocumentAnalyses } from './cacheable-document';

const REQUEST_FIELDS = new Set(['query', 'variables', 'operationName']);

export interface CacheableRequest {
  key: string;
  /** For the request log. */
  operationName: string | null;
}

/**
 * `scope` is the caller's key scope (or `anonymous`): the operation guard's answer depends on it,
 * and on the document and variables, which are in the key too.
 */
export function cacheableRequest(
  body: unknown,
  accept: string | undefined,
  scope: string,
  analyses: DocumentAnalyses,
): CacheableRequest | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (!Object.keys(body).every((field) => REQUEST_FIELDS.has(field))) return null;
  if (typeof query !== 'string') return null;
  if (
    variables !== undefined &&
    variables !== null &&
    (typeof variables !== 'object' || Array.isArray(variables))
  )
    return null;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
    return null;
  const analysis = analyses.of(query);
  if (!analysis.cacheable) return null;
  return {
    key: JSON.stringify([scope, accept ?? '', operationName ?? null, query, variables ?? null]),
    operationName:
      operationName ?? (analysis.operationNames.length === 1 ? analysis.operationNames[0] : null),
  };
}
