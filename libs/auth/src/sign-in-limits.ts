import type { Settings } from '#settings';
import { waitSeconds, type WindowCount } from './rate-limiter.js';

/**
 * While a user name is under a guess from many addresses (LOGIN_USER_RATE_PER_MIN passed), an address may
 * still try it this many times a minute: the user's own address, with a typo or two, keeps signing in.
 */
export const TRIES_WHILE_UNDER_ATTACK = 3;

/** The three sign-in counters of one attempt (each a one-minute window of failed or refused attempts). */
export function signInKeys(username: string, ip: string) {
  const name = username.trim().toLowerCase();
  return { ip: `login:ip:${ip}`, pair: `login:pair:${ip}|${name}`, user: `login:user:${name}` };
}

export interface SignInRefusal {
  limit: 'ip' | 'pair' | 'user';
  message: string;
  waitSeconds: number;
}

/**
 * The sign-in limits, one place. Counts include the attempt being decided.
 * - ip: one address, all user names (password spraying): LOGIN_IP_RATE_PER_MIN.
 * - pair: one address, one user name: LOGIN_RATE_PER_MIN. Keyed by the address, so guessing from another
 *   address never locks the user out; the guesser is locked out, and its address counts toward `ip`.
 * - user: one user name from all addresses: past LOGIN_USER_RATE_PER_MIN only addresses with at most
 *   TRIES_WHILE_UNDER_ATTACK attempts this minute may try. It slows a distributed guess to a few tries per
 *   address and never blocks the right password from an address that has not been failing.
 */
export function signInRefusal(
  s: Pick<Settings, 'LOGIN_IP_RATE_PER_MIN' | 'LOGIN_RATE_PER_MIN' | 'LOGIN_USER_RATE_PER_MIN'>,
  c: { ip: WindowCount; pair: WindowCount; user?: WindowCount },
): SignInRefusal | undefined {
  if (c.ip.count > s.LOGIN_IP_RATE_PER_MIN) {
    const w = waitSeconds(c.ip);
    return { limit: 'ip', waitSeconds: w, message: `此网络地址登录失败次数过多，请 ${w} 秒后再试` };
  }
  if (c.pair.count > s.LOGIN_RATE_PER_MIN) {
    const w = waitSeconds(c.pair);
    return { limit: 'pair', waitSeconds: w, message: `登录尝试过于频繁，请 ${w} 秒后再试` };
  }
  if (c.user && c.user.count > s.LOGIN_USER_RATE_PER_MIN && c.pair.count > TRIES_WHILE_UNDER_ATTACK) {
    const w = Math.min(waitSeconds(c.user), waitSeconds(c.pair));
    return { limit: 'user', waitSeconds: w, message: `该账号正被多处频繁尝试登录，请 ${w} 秒后再试；如非本人操作，请联系系统管理员` };
  }
  return undefined;
}
