import { pageCode, startRead, type PageCode } from './early-reads';
import { homeFor } from './home';
import { loadSession } from './stored-session';

/** The dashboard's code, loaded here and rendered by App.tsx (firstPage) without a Suspense fallback when it is in. */
export const dashboardCode = pageCode(() => import('./pages/Dashboard'));

/**
 * Runs first, as its own async module script (vite.config.ts): a page's first readings and its code are asked for
 * as soon as this 3 KB script is in, before React, antd and the console's code are fetched and run (≈ 0.4 s on a
 * desk), so the dashboard's charts wait for neither the shell's render nor the lazy page chunk.
 */
const FIRST: Record<string, { roles: string[]; reads: string[]; code: PageCode<unknown> }> = {
  '/dashboard': { roles: ['manager', 'admin'], reads: ['/api/stats/overview'], code: dashboardCode },
};

const s = loadSession();
const token = s?.token;
const path = location.pathname === '/' && s ? homeFor(s.user.role) : location.pathname;
const first = token && FIRST[path]?.roles.includes(s.user.role) ? FIRST[path] : undefined;

/**
 * The first page's code, or undefined: main.tsx renders once it is in (or has failed), so the page is drawn in the
 * shell's first render rather than behind a fallback that React keeps on screen for at least 300 ms.
 */
export const firstPage: Promise<unknown> | undefined = first?.code.load().catch(() => undefined);
// After the code: on the embedded database the server reads the figures on the thread that sends the files.
if (first && token) for (const read of first.reads) startRead(read, token);
