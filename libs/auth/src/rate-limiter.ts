import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

/** One fixed-window counter after a hit: its count in the window and the milliseconds until the window ends. */
export interface WindowCount {
  count: number;
  resetMs: number;
}

/** Counters that live for one window from their first hit. */
export interface CounterStore {
  /** Counts one hit on each key; returns each key's count and time left. */
  incr(keys: string[], windowMs: number): Promise<WindowCount[]>;
  /** Takes back one hit (a sign-in that turned out right is not a failure). */
  decr(keys: string[]): Promise<void>;
}

/** Counters in this process: the fallback while Redis is down, and enough for one process. */
export class MemoryCounters implements CounterStore {
  private readonly windows = new Map<string, { end: number; count: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async incr(keys: string[], windowMs: number): Promise<WindowCount[]> {
    const now = this.now();
    if (this.windows.size > 50_000) for (const [k, w] of this.windows) if (w.end <= now) this.windows.delete(k);
    return keys.map((k) => {
      let w = this.windows.get(k);
      if (!w || w.end <= now) this.windows.set(k, (w = { end: now + windowMs, count: 0 }));
      w.count++;
      return { count: w.count, resetMs: w.end - now };
    });
  }

  async decr(keys: string[]): Promise<void> {
    for (const k of keys) {
      const w = this.windows.get(k);
      if (w && w.count > 0) w.count--;
    }
  }
}

// INCR and the window's expiry in one step, so a crash between them cannot leave a counter that never expires.
const INCR = `local out = {}
for i, k in ipairs(KEYS) do
  local n = redis.call('INCR', k)
  local t = redis.call('PTTL', k)
  if n == 1 or t < 0 then redis.call('PEXPIRE', k, ARGV[1]); t = tonumber(ARGV[1]) end
  out[#out + 1] = n
  out[#out + 1] = t
end
return out`;
const DECR = `for i, k in ipairs(KEYS) do if redis.call('EXISTS', k) == 1 then redis.call('DECR', k) end end
return 0`;

/** Counters in Redis, shared by every API copy on it. */
export class RedisCounters implements CounterStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async incr(keys: string[], windowMs: number): Promise<WindowCount[]> {
    const flat = (await this.redis.eval(INCR, keys.length, ...keys.map((k) => this.prefix + k), String(windowMs))) as number[];
    return keys.map((_, i) => ({ count: Number(flat[2 * i]), resetMs: Number(flat[2 * i + 1]) }));
  }

  async decr(keys: string[]): Promise<void> {
    await this.redis.eval(DECR, keys.length, ...keys.map((k) => this.prefix + k));
  }
}

const REDIS_TIMEOUT_MS = 500;

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

/** A hit on some counters, and how to take it back from the store that counted it. */
export interface Hit {
  counts: WindowCount[];
  undo(): Promise<void>;
}

/**
 * The platform's rate-limit counters: in Redis, so several API copies enforce one limit; while Redis does not
 * answer, in this process's memory (logged), so a limit is never lifted by an outage.
 */
export class RateLimits {
  private readonly log = new Logger('RateLimits');
  private readonly memory: CounterStore;
  private degraded = false;

  constructor(private readonly shared: CounterStore | undefined, memory: CounterStore = new MemoryCounters()) {
    this.memory = memory;
  }

  async hit(keys: string[], windowMs = 60_000): Promise<Hit> {
    if (this.shared) {
      try {
        const counts = await within(this.shared.incr(keys, windowMs), REDIS_TIMEOUT_MS);
        if (this.degraded) {
          this.degraded = false;
          this.log.log('Redis answers again: rate limits are shared by every API copy again');
        }
        const shared = this.shared;
        return { counts, undo: () => within(shared.decr(keys), REDIS_TIMEOUT_MS).catch(() => undefined) };
      } catch (e) {
        if (!this.degraded) {
          this.degraded = true;
          this.log.warn(`Redis does not answer (${(e as Error).message}): rate limits count in this process's memory until it does`);
        }
      }
    }
    const counts = await this.memory.incr(keys, windowMs);
    return { counts, undo: () => this.memory.decr(keys) };
  }
}

/** Seconds a caller waits until a window ends (at least 1). */
export function waitSeconds(c: WindowCount): number {
  return Math.max(1, Math.ceil(c.resetMs / 1000));
}
