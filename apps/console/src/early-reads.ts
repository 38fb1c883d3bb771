/**
 * Readings and page code started before the console's code runs (early-start.ts). request() (api.ts) takes a started
 * response instead of asking the server again; useApi takes its figures at the first render when they are already
 * read, so a page can be drawn with them at once instead of one render and one effect later.
 */
interface Started {
  token: string;
  at: number;
  res: Promise<Response>;
  /** The answer's JSON once read (successful JSON answers only). */
  data?: unknown;
}

const started = new Map<string, Started>();

/** A started reading older than this is not used: the page asked for it late, its figures may have moved. */
const FRESH_MS = 15_000;

export function startRead(path: string, token: string): void {
  const res = fetch(path, { headers: { authorization: `Bearer ${token}` } });
  const entry: Started = { token, at: Date.now(), res };
  started.set(path, entry);
  // A failed start is met by request(), which asks again; a refusal is read there too, with its message.
  res.then((r) => (r.ok && (r.headers.get('content-type') ?? '').includes('json') ? r.clone().json() : undefined))
    .then((d: unknown) => { entry.data = d; }, () => undefined);
}

function fresh(path: string, token: string | undefined) {
  const e = started.get(path);
  return e && token && e.token === token && Date.now() - e.at < FRESH_MS ? e : undefined;
}

/** The response of a reading started for this path with this token, once (a second call asks the server). */
export function takeEarly(path: string, token: string | undefined): Promise<Response> | undefined {
  const e = fresh(path, token);
  started.delete(path);
  return e?.res;
}

/** The figures of a started reading if they are already read (a successful JSON answer), once; else undefined. */
export function takeEarlyData<T>(path: string, token: string | undefined): T | undefined {
  const e = fresh(path, token);
  if (e?.data === undefined) return undefined;
  started.delete(path);
  return e.data as T;
}

/** A page's code, loaded once however many ask for it; `loaded` is set once it is there, for a render without Suspense. */
export interface PageCode<M = { default: unknown }> {
  load(): Promise<M>;
  loaded?: M;
}

export function pageCode<M>(load: () => Promise<M>): PageCode<M> {
  let loading: Promise<M> | undefined;
  const code: PageCode<M> = {
    load: () => (loading ??= load().then((m) => (code.loaded = m), (e: unknown) => { loading = undefined; throw e; })),
  };
  return code;
}
