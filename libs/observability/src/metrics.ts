import client from 'prom-client';

/**
 * The Prometheus metrics of one process (API, worker, or the embedded default's single process), served by the API's
 * /metrics and the worker's METRICS_PORT. Values read from shared state (queues, outbox, imports) come from the
 * probes registered with `addProbe` at scrape time.
 */
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'parkmatch_process_' });

const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const httpDuration = new client.Histogram({
  name: 'parkmatch_http_request_duration_seconds',
  help: 'HTTP requests by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: seconds,
  registers: [registry],
});

export const jobDuration = new client.Histogram({
  name: 'parkmatch_job_duration_seconds',
  help: 'BullMQ jobs run by this process, by job name and outcome (completed / failed)',
  labelNames: ['job', 'outcome'] as const,
  buckets: seconds,
  registers: [registry],
});

export const dbAcquireWait = new client.Histogram({
  name: 'parkmatch_db_acquire_wait_seconds',
  help: 'Wait for a database connection from the pool (PGlite: the single connection)',
  labelNames: ['database'] as const,
  buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10],
  registers: [registry],
});

/** What the probes report at each scrape. */
export interface Readings {
  queues?: { queue: string; counts: Record<string, number> }[];
  outbox?: { pending: number; oldestAgeSeconds: number; deadLetters: number };
  imports?: { status: string; imports: number; rowsRead: number; rowsOk: number; rowsFailed: number; scored: number; shared: number }[];
}

type Probe = () => Promise<Readings>;
const probes = new Set<Probe>();

/** A source of readings for the gauges (queues, outbox, imports); returns the function that removes it. */
export function addProbe(probe: Probe): () => void {
  probes.add(probe);
  return () => probes.delete(probe);
}

const queueJobs = new client.Gauge({ name: 'parkmatch_queue_jobs', help: 'Jobs in each queue by state', labelNames: ['queue', 'state'] as const, registers: [registry] });
const outboxPending = new client.Gauge({ name: 'parkmatch_outbox_pending', help: 'Outbox rows not yet on a queue (dead letters excluded)', registers: [registry] });
const outboxLag = new client.Gauge({ name: 'parkmatch_outbox_lag_seconds', help: 'Age of the oldest unpublished outbox row (0 when none)', registers: [registry] });
const outboxDead = new client.Gauge({ name: 'parkmatch_outbox_dead_letters', help: 'Outbox rows the queue refused too often, kept for an admin', registers: [registry] });
const imports = new client.Gauge({ name: 'parkmatch_imports', help: 'Imports not finished, by status (running: reading the file; scoring: its leads are being scored and shared)', labelNames: ['status'] as const, registers: [registry] });
const importRows = new client.Gauge({
  name: 'parkmatch_import_rows',
  help: 'Rows of the unfinished imports: read, ok (stored), failed, scored and shared so far',
  labelNames: ['status', 'kind'] as const,
  registers: [registry],
});

let reading: Promise<void> | undefined;

/** Runs every probe once per scrape and sets the gauges. A probe that fails (Redis down) leaves its gauges empty. */
async function readProbes(): Promise<void> {
  queueJobs.reset();
  imports.reset();
  importRows.reset();
  outboxPending.reset();
  outboxLag.reset();
  outboxDead.reset();
  for (const r of await Promise.all([...probes].map((p) => p().catch(() => ({}) as Readings)))) {
    for (const q of r.queues ?? []) for (const [state, n] of Object.entries(q.counts)) queueJobs.set({ queue: q.queue, state }, n);
    if (r.outbox) {
      outboxPending.set(r.outbox.pending);
      outboxLag.set(r.outbox.oldestAgeSeconds);
      outboxDead.set(r.outbox.deadLetters);
    }
    for (const i of r.imports ?? []) {
      imports.set({ status: i.status }, i.imports);
      for (const kind of ['rowsRead', 'rowsOk', 'rowsFailed', 'scored', 'shared'] as const)
        importRows.set({ status: i.status, kind: kind.replace(/^rows/, '').toLowerCase() }, i[kind]);
    }
  }
}

/** The text exposition of every metric (what GET /metrics answers). */
export async function metricsText(): Promise<string> {
  // concurrent scrapes share one round of probes
  reading ??= readProbes().finally(() => (reading = undefined));
  await reading;
  return registry.metrics();
}

export const METRICS_CONTENT_TYPE = registry.contentType;
