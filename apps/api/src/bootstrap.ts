import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import compression from 'compression';
import helmet from 'helmet';
import { createLogger } from '#core';
import type { DatabaseHandle } from '#persistence';
import type { Settings } from '#settings';
import { ApiModule } from './api.module.js';
import { mountMetrics } from './admin/metrics-endpoint.js';
import { mountQueueDashboard } from './admin/queue-dashboard.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { documentErrors } from './common/openapi-errors.js';
import { documentResponses } from './common/openapi-responses.js';
import { boundRequests } from './common/request-bounds.js';
import { observeRequests, requestContext } from './common/request-log.js';
import { SafeInputPipe, verifyUtf8 } from './common/safe-input.js';
import { mountConsole } from './console-api/serve-console.js';

/**
 * What the built console needs and nothing more: its own scripts only (Vite emits no inline script), styles
 * inline too (Ant Design's CSS-in-JS writes <style> tags, ECharts' tooltip style attributes), data:/blob:
 * images (chart export) and fonts. No upgrade-insecure-requests: the platform may be served over plain HTTP
 * on a LAN, where it would break every asset. Checked in Chromium by tests/browser/csp.browser.test.ts.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The only /api reads that carry nothing personal: the public park catalog and the import templates. */
const PUBLIC_CATALOG = /^\/(boards|parks(\/[^/]+)?|imports\/template\.(csv|xlsx))\/?$/;

/** Every other /api response may carry personal data (leads, contacts, exports, users, audit): no cache keeps it. */
function noStoreForPersonalData(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', (req.method === 'GET' || req.method === 'HEAD') && PUBLIC_CATALOG.test(req.path) ? 'no-cache' : 'no-store');
  next();
}

export interface StartApiOptions {
  settings: Settings;
  database: DatabaseHandle;
  redisUrl: string;
  inProcessWorker: boolean;
  /** 0 picks a free port (tests). */
  port?: number;
  logger?: LoggerService | LogLevel[] | false;
}

/** Builds and starts the HTTP API (and, with the embedded database, the workers in the same process). */
export async function startApi(o: StartApiOptions): Promise<{ app: INestApplication; url: string }> {
  const workerOptions = { redisUrl: o.redisUrl, prefix: o.settings.QUEUE_PREFIX, lockDuration: o.settings.JOB_LOCK_MS };
  const app = await NestFactory.create<NestExpressApplication>(
    ApiModule.register({ core: { settings: o.settings, database: o.database, redisUrl: o.redisUrl }, inProcessWorker: o.inProcessWorker ? workerOptions : undefined }),
    { logger: o.logger ?? createLogger(o.settings), bodyParser: false },
  );
  if (o.settings.TRUST_PROXY !== undefined) app.set('trust proxy', o.settings.TRUST_PROXY);
  observeRequests(app);
  app.use(helmet({ contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY } }));
  app.use('/api', noStoreForPersonalData);
  // gzip or br (quality 4, the package's default: fast enough per request) for the console's scripts and JSON when the
  // browser asks; without it the dashboard is 1.9 MB on the wire instead of about 0.5 MB.
  app.use(compression());
  // Nest's types leave out `verify` (it uses it for rawBody), but passes it on to body-parser.
  app.useBodyParser('json', { limit: '256kb', verify: verifyUtf8 } as { limit: string });
  requestContext(app);
  boundRequests(app, o.database.uow, o.settings.REQUEST_TIMEOUT_MS);
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(new SafeInputPipe());
  // No enableShutdownHooks: each entry point's exitOnSignals (#core) stops the app within a bound.
  const doc = documentResponses(documentErrors(SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('ParkMatch 南通科技招商共享平台 API').setDescription('线索提交、园区匹配、跨板块共享与利益共享记录').setVersion('0.1').build(),
  )));
  SwaggerModule.setup('docs', app, doc);
  mountQueueDashboard(app, o.settings);
  mountMetrics(app, o.settings);
  mountConsole(app);
  await app.listen(o.port ?? o.settings.PORT, o.settings.HOST);
  const addr = app.getHttpServer().address();
  const port = typeof addr === 'object' && addr ? addr.port : o.settings.PORT;
  return { app, url: `http://${o.settings.HOST}:${port}` };
}
