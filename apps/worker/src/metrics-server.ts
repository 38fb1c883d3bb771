import { createServer, type Server } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { isAdminBasic } from '#auth';
import { ERROR_CODES, errorBody, type ErrorCode } from '#errors';
import { METRICS_CONTENT_TYPE, metricsText } from '#observability';
import type { Settings } from '#settings';

/**
 * The worker's own /metrics (job durations, database waits, queue depths, outbox lag): on HOST:METRICS_PORT, basic
 * auth as the queue dashboard (user admin, ADMIN_PASSWORD). The worker has no sign-in, so no bearer tokens here.
 */
export async function serveWorkerMetrics(settings: Settings, log: LoggerService): Promise<Server | undefined> {
  const port = settings.METRICS_PORT;
  if (!port) return undefined;
  const password = settings.ADMIN_PASSWORD;
  const server = createServer((req, res) => {
    const answer = (code: ErrorCode, message: string, headers: Record<string, string> = {}) => {
      res.writeHead(ERROR_CODES[code].status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
      res.end(JSON.stringify(errorBody(code, message)));
    };
    if ((req.url ?? '').split('?')[0] !== '/metrics') return answer('ROUTE_NOT_FOUND', '这里只有 /metrics');
    if (!password) return answer('NOT_ENABLED', '监控指标未启用：请设置 ADMIN_PASSWORD 后重启');
    if (!isAdminBasic(req.headers.authorization, password))
      return answer('UNAUTHENTICATED', '需要管理员账号（admin）与 ADMIN_PASSWORD', { 'www-authenticate': 'Basic realm="ParkMatch worker metrics"' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer('READ_ONLY', '监控指标只能读取（GET）');
    metricsText().then(
      (text) => {
        res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' });
        res.end(text);
      },
      (e: Error) => answer('INTERNAL', `监控指标暂时无法生成：${e.message}`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, settings.HOST, () => resolve());
  });
  log.log(`worker metrics at http://${settings.HOST}:${port}/metrics`, 'Metrics');
  return server;
}
