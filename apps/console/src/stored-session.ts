import type { ResponseOf } from '../../../libs/contract/src/index.js';

/** The signed-in account, as GET /api/auth/me and the sign-in answer (libs/contract). */
export type User = ResponseOf<'GET /api/auth/me'>;

/** The signed-in session as kept in the browser (localStorage): read by the API client and by early.ts before the console loads. */
export interface Session {
  token?: string;
  expiresAt?: string;
  user: User;
}

const KEY = 'parkmatch.session';

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (s.expiresAt && new Date(s.expiresAt).getTime() < Date.now()) {
      localStorage.removeItem(KEY);
      return null;
    }
    return s;
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null): void {
  if (s) localStorage.setItem(KEY, JSON.stringify(s));
  else localStorage.removeItem(KEY);
}

