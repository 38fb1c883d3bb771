import { MemoryCounters, RateLimits, waitSeconds, type CounterStore } from './rate-limiter.js';
import { signInRefusal } from './sign-in-limits.js';

describe('MemoryCounters', () => {
  it('counts hits in a window, says how long is left, takes a hit back, and starts over after the window', async () => {
    let now = 0;
    const c = new MemoryCounters(() => now);
    expect((await c.incr(['a', 'b'], 60_000)).map((w) => w.count)).toEqual([1, 1]);
    now = 10_000;
    const [a] = await c.incr(['a'], 60_000);
    expect(a).toEqual({ count: 2, resetMs: 50_000 });
    expect(waitSeconds(a!)).toBe(50);
    await c.decr(['a']);
    expect((await c.incr(['a'], 60_000))[0]!.count).toBe(2);
    now = 60_000;
    expect((await c.incr(['a'], 60_000))[0]!.count).toBe(1);
  });
});

describe('RateLimits', () => {
  it('counts in memory while the shared store fails, so an outage never lifts a limit', async () => {
    const down: CounterStore = { incr: () => Promise.reject(new Error('Connection is closed.')), decr: () => Promise.reject(new Error('Connection is closed.')) };
    const limits = new RateLimits(down);
    const counts = [];
    for (let i = 0; i < 3; i++) counts.push((await limits.hit(['k'])).counts[0]!.count);
    expect(counts).toEqual([1, 2, 3]);
  });
});

describe('signInRefusal', () => {
  const s = { LOGIN_IP_RATE_PER_MIN: 20, LOGIN_RATE_PER_MIN: 10, LOGIN_USER_RATE_PER_MIN: 50 };
  const w = (count: number) => ({ count, resetMs: 30_000 });
  it('refuses an address past its limit over all user names, and one user name from one address past its limit', () => {
    expect(signInRefusal(s, { ip: w(20), pair: w(10) })).toBeUndefined();
    expect(signInRefusal(s, { ip: w(21), pair: w(1) })).toMatchObject({ limit: 'ip', waitSeconds: 30, message: '此网络地址登录失败次数过多，请 30 秒后再试' });
    expect(signInRefusal(s, { ip: w(11), pair: w(11) })).toMatchObject({ limit: 'pair', message: '登录尝试过于频繁，请 30 秒后再试' });
  });
  it('a user name under a distributed guess is still open to an address with few attempts, closed to the busy ones', () => {
    expect(signInRefusal(s, { ip: w(1), pair: w(1), user: w(500) })).toBeUndefined();
    expect(signInRefusal(s, { ip: w(3), pair: w(3), user: w(500) })).toBeUndefined();
    expect(signInRefusal(s, { ip: w(4), pair: w(4), user: w(500) })).toMatchObject({ limit: 'user' });
    expect(signInRefusal(s, { ip: w(9), pair: w(9), user: w(50) })).toBeUndefined();
  });
});
