/** Waiting for the database went past its bound: the caller gets a 503, the log names what held it. */
export class DatabaseBusyError extends Error {
  constructor(
    readonly waitedMs: number,
    readonly holders: { label: string; forMs: number }[],
  ) {
    super(`database busy: no connection within ${waitedMs} ms; in use by ${describeHolders(holders)}`);
  }
}

/** "GET /api/x (1200 ms), 3 × job (800 ms)": the longest time of each label. */
export function describeHolders(holders: { label: string; forMs: number }[]): string {
  const byLabel = new Map<string, { n: number; forMs: number }>();
  for (const h of holders) {
    const seen = byLabel.get(h.label);
    byLabel.set(h.label, { n: (seen?.n ?? 0) + 1, forMs: Math.max(seen?.forMs ?? 0, h.forMs) });
  }
  return [...byLabel].map(([label, { n, forMs }]) => `${n > 1 ? `${n} × ` : ''}${label} (${forMs} ms)`).join(', ') || 'nothing in this process';
}
