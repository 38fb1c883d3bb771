import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows `limit` hits a window, then says how many seconds to wait, and starts over after the window', () => {
    const l = new RateLimiter(3, 60_000);
    expect([l.hit('a', 0), l.hit('a', 1), l.hit('a', 2)]).toEqual([0, 0, 0]);
    expect(l.hit('a', 10_000)).toBe(50);
    expect(l.hit('b', 10_000)).toBe(0);
    expect(l.hit('a', 60_000)).toBe(0);
  });
});
