/**
 * A query bound to the data version: it refetches when the version moves (live updates) and
 * keeps showing the previous answer while the next one loads, so a view never blanks. `loading`
 * is true from the very render whose variables differ from the answer shown.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, cachedRequest, type Variables } from './client';

export interface QueryState<Data> {
  data: Data | null;
  error: ApiError | Error | null;
  loading: boolean;
}

interface Answer<Data> {
  data: Data | null;
  error: ApiError | Error | null;
  /** The request this answer is for. */
  key: string | null;
}

export function useQuery<Data>(
  document: string | null,
  variables: Variables,
  version: number | null,
): QueryState<Data> {
  const [answer, setAnswer] = useState<Answer<Data>>({ data: null, error: null, key: null });
  const key =
    document === null || version === null
      ? null
      : `${version}\u0000${document}\u0000${JSON.stringify(variables)}`;
  useEffect(() => {
    if (document === null || version === null) return undefined;
    let current = true;
    cachedRequest<Data>(document, variables, version).then(
      (data) => current && setAnswer({ data, error: null, key }),
      (error: unknown) =>
        current &&
        setAnswer((previous) => ({
          data: previous.data,
          error: error instanceof Error ? error : new Error(String(error)),
          key,
        })),
    );
    return () => {
      current = false;
    };
    // `key` stands for document, variables (by value) and version.
  }, [key]);
  // After an input error the previous answer is for another slice: showing it would pass it off
  // as this one's.
  const refused = answer.error instanceof ApiError && answer.error.code === 'BAD_USER_INPUT';
  return {
    data: refused ? null : answer.data,
    error: answer.error,
    loading: key !== null && answer.key !== key,
  };
}
