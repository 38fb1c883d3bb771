import { homeFor } from './home';
import { loadSession } from './stored-session';

/**
 * A page's first readings and its code, asked for by index.html's first script, before React, antd and the
 * console's own code are parsed (≈ 0.6 s of script on a desk): the dashboard's charts then wait for neither the
 * shell's render nor the lazy page chunk. request() (api.ts) takes a started reading instead of asking again.
 */
const FIRST: Record<string, { roles: string[]; reads: string[]; code: () => Promise<unknown> }> = {
  '/dashboard': { roles: ['manager', 'admin'], reads: ['/api/stats/overview', '/api/stats/proactive'], code: () => import('./pages/Dashboard') },
};

/** A started reading older than this is not used: the page asked for it late, its figures may have moved. */
const FRESH_MS = 15_000;

const started = new Map<string, { token: string; at: number; res: Promise<Response> }>();

/** The response of a reading started for this path with this token, once (a second call asks the server). */
export function takeEarly(path: string, token: string | undefined): Promise<Response> | undefined {
  const e = started.get(path);
  if (!e || !token) return undefined;
  started.delete(path);
  return e.token === token && Date.now() - e.at < FRESH_MS ? e.res : undefined;
}

export function startEarly(): void {
  const s = loadSession();
  if (!s?.token) return;
  const path = location.pathname === '/' ? homeFor(s.user.role) : location.pathname;
  const first = FIRST[path];
  if (!first || !first.roles.includes(s.user.role)) return;
  for (const read of first.reads) {
    const res = fetch(read, { headers: { authorization: `Bearer ${s.token}` } });
    res.catch(() => undefined); // a failed start is met by request(), which asks again
    started.set(read, { token: s.token, at: Date.now(), res });
  }
  first.code().catch(() => undefined); // lazy() in App.tsx loads it again and shows its own error
}
