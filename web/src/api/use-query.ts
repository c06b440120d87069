/**
 * A query bound to the data version: it refetches when the version moves (live updates) and
 * keeps showing the previous answer while the next one loads, so a view never blanks.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, cachedRequest, type Variables } from './client';

export interface QueryState<Data> {
  data: Data | null;
  error: ApiError | Error | null;
  loading: boolean;
}

export function useQuery<Data>(document: string | null, variables: Variables, version: number | null): QueryState<Data> {
  const [state, setState] = useState<QueryState<Data>>({ data: null, error: null, loading: document !== null });
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (document === null || version === null) return undefined;
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    cachedRequest<Data>(document, variables, version).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) => current && setState((previous) => ({ data: previous.data, error: error instanceof Error ? error : new Error(String(error)), loading: false })),
    );
    return () => {
      current = false;
    };
    // `key` stands for `variables`, compared by value.
  }, [document, key, version]);
  return state;
}
