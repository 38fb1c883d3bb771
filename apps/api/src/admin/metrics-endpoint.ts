import type { INestApplication } from '@nestjs/common';
import type { Request, Response } from 'express';
import { METRICS_CONTENT_TYPE, metricsText } from '#observability';
import type { Settings } from '#settings';
import { adminAccess, fail } from './admin-access.js';

/**
 * GET /metrics: the Prometheus text of this process (with the embedded database also its workers), for admins only,
 * exactly as the queue dashboard (admin-access.ts): basic auth admin / ADMIN_PASSWORD, or an admin's bearer token.
 */
export function mountMetrics(app: INestApplication, settings: Settings): void {
  app.use('/metrics', adminAccess(app, settings, 'ParkMatch metrics', '监控指标'), (req: Request, res: Response) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 'READ_ONLY', '监控指标只能读取（GET）');
    metricsText().then(
      (text) => res.type(METRICS_CONTENT_TYPE).send(text),
      (e: Error) => fail(res, 'INTERNAL', `监控指标暂时无法生成：${e.message}`),
    );
  });
}
