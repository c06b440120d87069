/**
 * A query bound to the data version: it refetches when the version moves (live updates) and
 * keeps showing the previous answer while the next one loads, so a view never blanks; an answer
 * to other variables is marked `stale` until the current one comes. `loading` is true from the very render
 * whose variables differ from the answer shown. After a failure the previous answer is kept only
 * when it answered the same question (the same document and variables, an older data version):
 * a table for other controls is never passed off as this one's.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, cachedRequest, type Variables } from './client';

export interface QueryState<Data> {
  data: Data | null;
  error: ApiError | Error | null;
  loading: boolean;
  /**
   * `data` answers other variables (controls just changed, the answer for them on its way): a
   * view shows it marked, never as the answer to these. An older data version of the same
   * question is not stale here: the freshness line speaks for that.
   */
  stale: boolean;
  /** When `data` arrived (ms since the epoch); null with no data. */
  updatedAt: number | null;
}

interface Answer<Data> {
  data: Data | null;
  /** The request `data` answers. */
  dataKey: string | null;
  receivedAt: number | null;
  error: ApiError | Error | null;
  /** The request this answer (or error) is for. */
  key: string | null;
}

/** The request without its data version: the question, not when it was asked. */
function question(key: string | null): string | null {
  return key === null ? null : key.slice(key.indexOf('\u0000') + 1);
}

export function useQuery<Data>(
  document: string | null,
  variables: Variables,
  version: number | null,
): QueryState<Data> {
  const [answer, setAnswer] = useState<Answer<Data>>({
    data: null,
    dataKey: null,
    receivedAt: null,
    error: null,
    key: null,
  });
  const key =
    document === null || version === null
      ? null
      : `${version}\u0000${document}\u0000${JSON.stringify(variables)}`;
  useEffect(() => {
    if (document === null || version === null) return undefined;
    let current = true;
    cachedRequest<Data>(document, variables, version).then(
      (data) =>
        current && setAnswer({ data, dataKey: key, receivedAt: Date.now(), error: null, key }),
      (error: unknown) =>
        current &&
        setAnswer((previous) => ({
          ...previous,
          error: error instanceof Error ? error : new Error(String(error)),
          key,
        })),
    );
    return () => {
      current = false;
    };
    // `key` stands for document, variables (by value) and version.
  }, [key]);
  const failed = answer.error !== null && answer.key === key;
  // After a failure the previous answer counts only if it answered the same question; after an
  // input error it never does (the slice itself is refused).
  const refused = answer.error instanceof ApiError && answer.error.code === 'BAD_USER_INPUT';
  const kept = !refused && (!failed || question(answer.dataKey) === question(key));
  const data = kept ? answer.data : null;
  return {
    data,
    error: answer.error,
    loading: key !== null && answer.key !== key,
    stale: data !== null && question(answer.dataKey) !== question(key),
    updatedAt: data === null ? null : answer.receivedAt,
  };
}
