import { useEffect, useState } from 'react';
import { api } from '../api';
import { auditApi } from '../requests';

/**
 * The name a person reads for an actor stored as an account name (promoter-haian, system): looked up once per
 * page load through GET /api/people, in batches (every <Person> of a page in one request).
 */
const known = new Map<string, string>();
const waiting = new Set<string>();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;

function lookUp(id: string): void {
  if (known.has(id) || waiting.has(id)) return;
  waiting.add(id);
  timer ??= setTimeout(async () => {
    const ids = [...waiting];
    timer = undefined;
    try {
      const r = await api.get<{ items: { id: string; name: string }[] }>(auditApi.peoplePath({ ids: ids.join(',') }));
      for (const p of r.items) known.set(p.id, p.name);
    } catch {
      /* the stored text stays readable as it is */
    }
    for (const id of ids) {
      waiting.delete(id);
      if (!known.has(id)) known.set(id, id);
    }
    for (const f of listeners) f();
  }, 0);
}

export function usePersonName(id: string | null | undefined): string {
  const [, tick] = useState(0);
  useEffect(() => {
    if (!id || known.has(id)) return;
    const f = () => tick((n) => n + 1);
    listeners.add(f);
    lookUp(id);
    return () => void listeners.delete(f);
  }, [id]);
  return id ? (known.get(id) ?? '') : '';
}

export function Person({ id }: { id: string | null | undefined }) {
  return <>{usePersonName(id)}</>;
}

/** An actor as stored on a sharing record or value ({ id: account name, name? }): its name, else the looked-up one. */
export function Actor({ actor }: { actor: { id: string; name?: string | null } | null | undefined }) {
  const looked = usePersonName(actor?.name ? null : actor?.id);
  return <>{actor?.name ?? looked}</>;
}
