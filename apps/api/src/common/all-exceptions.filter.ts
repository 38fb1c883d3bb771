import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DatabaseBusyError } from '#persistence';
import { DomainError } from '#pipeline';
import type { ErrorBody } from './error-body.js';

const DOMAIN_STATUS = { not_found: 404, conflict: 409, invalid: 400, forbidden: 403 } as const;

const REASONS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests',
  500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** Maps every error to ErrorBody. Body-parser errors are the client's (4xx); unknown errors are one logged 500. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly log = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      // The request bound answered first (503); this is the late handler's own outcome.
      this.log.warn(`answered after the request bound: ${exception instanceof Error ? exception.message : String(exception)}`);
      return;
    }
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.log.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    if (exception instanceof DatabaseBusyError) res.set('Retry-After', '5');
    res.status(body.statusCode).json(body);
  }

  private toBody(e: unknown): ErrorBody {
    if (e instanceof DatabaseBusyError)
      return { statusCode: 503, error: REASONS[503]!, message: `数据库繁忙，${Math.round(e.waitedMs / 1000)} 秒内未能取得连接；请稍后重试，若持续出现请联系管理员查看日志` };
    if (e instanceof DomainError) {
      const status = DOMAIN_STATUS[e.kind];
      return { statusCode: status, error: REASONS[status]!, message: e.message, ...(e.details ? { details: e.details } : {}) };
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const cause = (e as { cause?: unknown }).cause as { type?: string; status?: number } | undefined;
      if (cause && (cause.type || cause instanceof SyntaxError) && status < 500) return this.bodyParserError({ ...cause, status, message: (cause as Error).message });
      const r = e.getResponse();
      if (typeof r === 'object' && r !== null && 'message' in r) {
        const o = r as { message: unknown; details?: ErrorBody['details'] };
        const message = Array.isArray(o.message) ? o.message.join('；') : String(o.message);
        return { statusCode: status, error: REASONS[status] ?? 'Error', message, ...(o.details ? { details: o.details } : {}) };
      }
      return { statusCode: status, error: REASONS[status] ?? 'Error', message: String(r) };
    }
    const anyErr = e as { status?: number; type?: string; message?: string; limit?: number };
    if (anyErr && typeof anyErr.status === 'number' && anyErr.status >= 400 && anyErr.status < 500) return this.bodyParserError(anyErr);
    return { statusCode: 500, error: REASONS[500]!, message: '服务器内部错误，已记录日志；请稍后重试或联系管理员' };
  }

  /** body-parser's errors, in words a person can act on. */
  private bodyParserError(anyErr: { status?: number; type?: string; message?: string; limit?: number }): ErrorBody {
    const status = anyErr.status ?? 400;
    const message =
      anyErr.type === 'entity.too.large'
        ? `请求体过大（上限 ${anyErr.limit ? Math.round(anyErr.limit / 1024) + ' KB' : '已超出'}），请缩减内容或改用批量导入`
        : anyErr.type === 'entity.parse.failed'
          ? '请求体不是合法的 JSON，请检查格式（引号、逗号、括号）'
          : anyErr.type === 'encoding.unsupported' || anyErr.type === 'charset.unsupported'
            ? '不支持的字符编码，请使用 UTF-8'
            : (anyErr.message ?? '请求无效');
    return { statusCode: status, error: REASONS[status] ?? 'Error', message };
  }
}
