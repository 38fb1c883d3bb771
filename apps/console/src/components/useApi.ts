import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';

/** GET a path; re-fetches when the path changes or on reload(). Errors carry the API's message. */
export function useApi<T = any>(path: string | null) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const live = useRef(0);
  useEffect(() => {
    if (!path) return;
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
