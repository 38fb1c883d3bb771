import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, loadSession, request, saveSession, setUnauthorizedHandler, type Read, type Session, type User } from './api';

interface Catalog {
  boards: Read<'GET /api/boards'>['items'];
  parks: Read<'GET /api/parks'>['items'];
  boardName: (id?: string | null) => string;
  parkName: (id?: string | null) => string;
  meta: Read<'GET /api/meta'>;
  reload: () => void;
}

interface SessionCtx {
  session: Session | null;
  user: User | null;
  signIn: (s: Session) => void;
  signOut: () => Promise<void>;
  /** The name stamped on actions (actor / by fields). */
  actor: string;
  catalog: Catalog;
}

const Ctx = createContext<SessionCtx | null>(null);

const EMPTY_META: Read<'GET /api/meta'> = { declineReasons: [], closeReasons: [], stages: ['洽谈', '签约', '开工', '投产', '暂停', '终止'], channels: [], followUpKinds: ['电话', '走访', '会谈', '考察', '签约仪式'], leadStatuses: [] };

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [boards, setBoards] = useState<Catalog['boards']>([]);
  const [parks, setParks] = useState<Catalog['parks']>([]);
  const [meta, setMeta] = useState<Catalog['meta']>(EMPTY_META);
  const [tick, setTick] = useState(0);

  const signIn = useCallback((s: Session) => {
    saveSession(s);
    setSession(s);
  }, []);
  const signOut = useCallback(async () => {
    if (session?.token) await request('POST', '/api/auth/logout', {}, { quiet401: true }).catch(() => undefined);
    saveSession(null);
    setSession(null);
  }, [session]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      saveSession(null);
      setSession(null);
    });
  }, []);

  useEffect(() => {
    if (!session) return;
    api.get<Read<'GET /api/boards'>>('/api/boards').then((r) => setBoards(r.items), () => undefined);
    api.get<Read<'GET /api/parks'>>('/api/parks').then((r) => setParks(r.items), () => undefined);
    api.get<Read<'GET /api/meta'>>('/api/meta').then((r) => setMeta(r), () => undefined);
  }, [session, tick]);

  const value = useMemo<SessionCtx>(() => {
    const bn = new Map(boards.map((b) => [b.id, b.name]));
    const pn = new Map(parks.map((p) => [p.id, p.name]));
    return {
      session,
      user: session?.user ?? null,
      signIn,
      signOut,
      actor: session ? session.user.name || session.user.username : '',
      catalog: {
        boards,
        parks,
        meta,
        boardName: (id) => (id ? (bn.get(id) ?? id) : '—'),
        parkName: (id) => (id ? (pn.get(id) ?? id) : '—'),
        reload: () => setTick((t) => t + 1),
      },
    };
  }, [session, boards, parks, meta, signIn, signOut]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionCtx {
  const c = useContext(Ctx);
  if (!c) throw new Error('SessionProvider missing');
  return c;
}
