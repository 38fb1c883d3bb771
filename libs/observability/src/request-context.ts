import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The request id of the work under way: set for an HTTP request (from a sane X-Request-Id, else generated) and for a
 * job (from its payload's requestId), so outbox rows written by that work carry it on to the next job.
 */
const context = new AsyncLocalStorage<{ requestId: string }>();

/** Letters, digits and . _ : - only, at most 128: what a proxy or client sends, never anything that could break a log line. */
const SANE = /^[A-Za-z0-9._:-]{1,128}$/;

export function acceptRequestId(header: string | string[] | undefined): string {
  const v = Array.isArray(header) ? header[0] : header;
  return v && SANE.test(v) ? v : randomUUID();
}

export function withRequestId<T>(requestId: string, fn: () => T): T {
  return context.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}
