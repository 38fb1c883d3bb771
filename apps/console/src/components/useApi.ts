import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { takeEarlyData } from '../early-reads';
import { loadSession } from '../stored-session';

/** GET a path; re-fetches when the path changes or on reload(). Errors carry the API's message. */
export function useApi<T = any>(path: string | null) {
  // Figures read before the page's code ran (early-start.ts) are drawn in the first render, not asked for again.
  const [data, setData] = useState<T | undefined>(() => (path ? takeEarlyData<T>(path, loadSession()?.token) : undefined));
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const live = useRef(0);
  const early = useRef(data !== undefined);
  useEffect(() => {
    if (!path) return;
    if (early.current) {
      early.current = false;
      return;
    }
    const ac = new AbortController();
    const n = ++live.current;
    setLoading(true);
    api.get<T>(path, { signal: ac.signal }).then(
      (d) => {
        if (n !== live.current) return;
        setData(d);
        setError(undefined);
        setLoading(false);
      },
      (e: Error) => {
        if (e.name === 'AbortError' || n !== live.current) return;
        setError(e.message);
        setLoading(false);
      },
    );
    return () => ac.abort();
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload, setData };
}
