/**
 * Readings started before the console's code runs (early-start.ts), kept for request() (api.ts), which takes a
 * started one instead of asking the server again.
 */
const started = new Map<string, { token: string; at: number; res: Promise<Response> }>();

/** A started reading older than this is not used: the page asked for it late, its figures may have moved. */
const FRESH_MS = 15_000;

export function startRead(path: string, token: string): void {
  const res = fetch(path, { headers: { authorization: `Bearer ${token}` } });
  res.catch(() => undefined); // a failed start is met by request(), which asks again
  started.set(path, { token, at: Date.now(), res });
}

/** The response of a reading started for this path with this token, once (a second call asks the server). */
export function takeEarly(path: string, token: string | undefined): Promise<Response> | undefined {
  const e = started.get(path);
  if (!e || !token) return undefined;
  started.delete(path);
  return e.token === token && Date.now() - e.at < FRESH_MS ? e.res : undefined;
}
