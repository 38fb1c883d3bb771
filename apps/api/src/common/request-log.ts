import { Logger, type INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { acceptRequestId, httpDuration, withRequestId } from '#observability';

const HEADER = 'X-Request-Id';

/**
 * Every request gets a request id — the caller's X-Request-Id when it is sane (letters, digits, . _ : -, ≤ 128),
 * else a new UUID — echoed in the response; when it is answered, one JSON log line (method, route template,
 * status, milliseconds, request id) and one observation of parkmatch_http_request_duration_seconds; the answer's
 * Server-Timing header says how long the server took until it answered. Registered
 * first, so the time includes body parsing and guards.
 */
export function observeRequests(app: INestApplication): void {
  const log = new Logger('Http');
  app.use((req: Request, res: Response, next: NextFunction) => {
    const requestId = acceptRequestId(req.headers['x-request-id']);
    (req as Request & { requestId?: string }).requestId = requestId;
    res.setHeader(HEADER, requestId);
    const t0 = performance.now();
    // Server-Timing: how long the server took until it answered, so a browser's timing (and the console's tests) can
    // tell the server's share of a slow reading from the network's and the page's.
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
      if (!this.headersSent) this.setHeader('Server-Timing', `app;dur=${(performance.now() - t0).toFixed(1)}`);
      return writeHead.apply(this, args);
    } as Response['writeHead'];
    res.once('finish', () => {
      const seconds = (performance.now() - t0) / 1000;
      // The route template (/api/leads/:id), never the raw path: one series per route, not per lead.
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : mountedPath(req.originalUrl);
      const status = String(res.statusCode);
      httpDuration.observe({ method: req.method, route, status }, seconds);
      log.log({ msg: `${req.method} ${route} ${status}`, requestId, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 10000) / 10 });
    });
    next();
  });
}

/** Runs the rest of the request under its id (after the body parser, whose stream events would lose the context). */
export function requestContext(app: INestApplication): void {
  app.use((req: Request, _res: Response, next: NextFunction) => withRequestId((req as Request & { requestId?: string }).requestId ?? acceptRequestId(undefined), next));
}

/** Requests no Nest route answered: the mount they went to, so a scan of random paths adds no series. */
function mountedPath(url: string): string {
  const path = url.split('?')[0]!;
  for (const mount of ['/metrics', '/admin/queues', '/docs']) if (path === mount || path.startsWith(mount + '/') || path.startsWith(mount + '-')) return mount;
  return path.startsWith('/api/') ? '(unmatched api)' : '(console)';
}
