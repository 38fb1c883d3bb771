import { timingSafeEqual } from 'node:crypto';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** HTTP basic auth as user `admin` with ADMIN_PASSWORD: the queue dashboard, /metrics and the worker's metrics port. */
export function isAdminBasic(authorization: string | undefined, password: string): boolean {
  const [scheme, encoded] = (authorization ?? '').split(' ');
  const decoded = Buffer.from(encoded ?? '', 'base64').toString();
  const colon = decoded.indexOf(':');
  return scheme === 'Basic' && colon > 0 && decoded.slice(0, colon) === 'admin' && same(decoded.slice(colon + 1), password);
}
