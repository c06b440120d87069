/**
 * Following new verdicts without a reload. The `leaderboardChanged` subscription (graphql-ws on
 * /graphql, served by the same server as this page) wakes the views; where the socket cannot be
 * kept (a proxy that refuses WebSocket upgrades), the data version is polled instead.
 * Every change, however it is learnt, ends as a new data version: views refetch at it.
 */
import { createClient, type Client } from 'graphql-ws';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, GRAPHQL_PATH, request } from '../api/client';
import { DATA_VERSION_QUERY } from '../api/documents';
import { readKey } from '../api/read-key';
import type { DataVersion } from '../api/types';

export const POLL_INTERVAL_MS = 5000;

const SUBSCRIPTION = `subscription DashboardLive { leaderboardChanged { verdictCount } }`;

export interface Freshness {
  /** Null until the first answer. */
  current: DataVersion | null;
  /**
   * 0 for the data as first seen, +1 each time the data version moves after that: views key
   * their data by it, so they need not wait for the first data version before they fetch.
   */
  generation: number;
  /** When the dashboard last confirmed it has the newest data (ms since the epoch). */
  confirmedAt: number | null;
  mode: 'connecting' | 'subscription' | 'polling';
  error: string | null;
  /** The server wants a read key this tab does not have (or refused the one it has). */
  needsKey: boolean;
}

function socketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${GRAPHQL_PATH}`;
}

export function useLiveDataVersion(): Freshness {
  const [state, setState] = useState<Freshness>({
    current: null,
    generation: 0,
    confirmedAt: null,
    mode: 'connecting',
    error: null,
    needsKey: false,
  });

  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    let client: Client | null = null;

    /** False when the server wants a key first: then nothing more is tried until the reload. */
    const refresh = async (): Promise<boolean> => {
      try {
        const { dataVersion } = await request<{ dataVersion: DataVersion }>(DATA_VERSION_QUERY);
        if (stopped) return false;
        setState((previous) => ({
          ...previous,
          current:
            previous.current?.version === dataVersion.version ? previous.current : dataVersion,
          generation:
            previous.current === null || previous.current.version === dataVersion.version
              ? previous.generation
              : previous.generation + 1,
          confirmedAt: Date.now(),
          error: null,
          needsKey: false,
        }));
        return true;
      } catch (error) {
        const needsKey = error instanceof ApiError && error.needsKey;
        if (!stopped)
          setState((previous) => ({
            ...previous,
            error: error instanceof Error ? error.message : String(error),
            needsKey,
          }));
        return !needsKey;
      }
    };

    const poll = (): void => {
      setState((previous) => ({ ...previous, mode: 'polling' }));
      const tick = (): void => {
        void refresh().then((goOn) => {
          if (!stopped && goOn) timer = window.setTimeout(tick, POLL_INTERVAL_MS);
        });
      };
      timer = window.setTimeout(tick, POLL_INTERVAL_MS);
    };

    const subscribe = (): void => {
      const key = readKey();
      let established = false;
      client = createClient({
        url: socketUrl(),
        retryAttempts: 5,
        connectionParams: key === null ? {} : { authorization: `Bearer ${key}` },
        on: {
          connected: () =>
            setState((previous) => ({
              ...previous,
              mode: 'subscription',
              confirmedAt: Date.now(),
            })),
        },
      });
      client.subscribe(
        { query: SUBSCRIPTION },
        {
          next: () => {
            established = true;
            void refresh();
          },
          error: () => {
            client?.terminate();
            client = null;
            if (!stopped) poll();
          },
          complete: () => {
            if (!stopped && !established) poll();
          },
        },
      );
    };

    void (async () => {
      if (!(await refresh()) || stopped) return;
      subscribe();
    })();

    return () => {
      stopped = true;
      window.clearTimeout(timer);
      void client?.dispose();
    };
  }, []);

  return state;
}

/** Re-renders every second, for "N s ago" labels. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function agoLabel(then: number | null, now: number): string {
  if (then === null) return 'not yet';
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.round(minutes / 60)} h ago`;
}
