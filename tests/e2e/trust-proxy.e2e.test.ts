import { request } from 'node:http';
import { DATABASE_KINDS } from '../support/databases.js';
import { platformForSuite } from '../support/platform.js';

/** A sign-in sent from a loopback address (each 127/8 address is its own machine) with an X-Forwarded-For header. */
function login(base: string, localAddress: string, forwardedFor: string, username: string, password: string): Promise<number> {
  const data = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api/auth/login`, { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end(data);
  });
}
const failures = async (base: string, local: string, forwarded: (i: number) => string, n: number) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await login(base, local, forwarded(i), `nobody-${i}`, 'Spring2026!'));
  return out;
};

describe.each(DATABASE_KINDS)('sign-in limits behind a reverse proxy (%s)', (db) => {
  const direct = platformForSuite({ db });
  const proxied = platformForSuite({ db, env: { TRUST_PROXY: 'loopback' } });

  it('without TRUST_PROXY a forged X-Forwarded-For does not escape the per-address limit', async () => {
    const tries = await failures(direct.url, '127.0.0.21', (i) => `203.0.113.${i + 1}`, 21);
    expect(tries.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(tries[20]).toBe(429);
  });

  it('with TRUST_PROXY=loopback one office behind the proxy is limited, a colleague at another address still signs in', async () => {
    const tries = await failures(proxied.url, '127.0.0.22', () => '198.51.100.7', 21);
    expect(tries[20]).toBe(429);
    expect(await login(proxied.url, '127.0.0.22', '198.51.100.8', 'manager', 'parkmatch-demo')).toBe(200);
    const audit = await proxied.call('GET', '/api/audit?action=auth.login', undefined, { as: 'admin' });
    expect(JSON.stringify(audit.body)).toContain('198.51.100.8');
  });
});
