import type { RunningService } from '#launcher';

export default async function globalTeardown(): Promise<void> {
  const services = (globalThis as { __parkmatchServices?: RunningService[] }).__parkmatchServices ?? [];
  await Promise.all(services.map((s) => s.stop()));
}
