import { startRead } from './early-reads';
import { homeFor } from './home';
import { loadSession } from './stored-session';

/**
 * The console entry's first import (its own chunk, vite.config.ts): a page's first readings and its code are asked
 * for as soon as the scripts are fetched, before React, antd and the console's code are run (≈ 0.5 s of script on a
 * desk), so the dashboard's charts wait for neither the shell's render nor the lazy page chunk.
 */
const FIRST: Record<string, { roles: string[]; reads: string[]; code: () => Promise<unknown> }> = {
  '/dashboard': { roles: ['manager', 'admin'], reads: ['/api/stats/overview'], code: () => import('./pages/Dashboard') },
};

const s = loadSession();
const first = s?.token ? FIRST[location.pathname === '/' ? homeFor(s.user.role) : location.pathname] : undefined;
if (s?.token && first?.roles.includes(s.user.role)) {
  // The code first: on the embedded database the server reads the figures on the thread that sends the files.
  first.code().catch(() => undefined); // lazy() in App.tsx loads it again and shows its own error
  for (const read of first.reads) startRead(read, s.token);
}
