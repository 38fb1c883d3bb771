import { rmSync } from 'node:fs';
import type { TestRun } from './global-setup.js';

export default async function globalTeardown(): Promise<void> {
  const run = (globalThis as { __parkmatchRun?: TestRun }).__parkmatchRun;
  await Promise.all((run?.services ?? []).map((s) => s.stop()));
  if (run?.ownRoot) rmSync(run.ownRoot, { recursive: true, force: true });
}
