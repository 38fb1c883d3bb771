import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { currentRequestId } from '#observability';
import type { Response } from 'express';
import { DomainError, ERROR_CODES, errorBody, isErrorCode, TooManyRequests, type ErrorBody, type ErrorCode } from '#errors';
import { DatabaseBusyError } from '#persistence';

/** PostgreSQL class 22 (data exception): input the edge should have refused. */
const DATA_ERRORS: Record<string, string> = {
  '22021': '输入含数据库无法保存的字符（如 NUL 或无效编码），请删除不可见字符后重试',
  '22003': '输入的数值超出允许范围，请填写更小的数',
  '22P02': '输入的格式无效（如编号、数字或布尔值），请检查后重试',
  '22007': '输入的日期或时间格式无效，请使用 YYYY-MM-DD',
  '22008': '输入的日期或时间超出范围或不存在（如 2 月 30 日），请检查后重试',
};

/** The code of a framework HttpException that carries none: the generic code of its status. */
const GENERIC: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'READ_ONLY', 409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 422: 'UNPROCESSABLE', 429: 'TOO_MANY_REQUESTS', 503: 'NOT_ENABLED',
};

/** An HttpException's own status kept, with the code (given, or generic for its status). */
function httpBody(status: number, code: ErrorCode | undefined, message: string, details?: ErrorBody['details']): ErrorBody {
  const c = code ?? GENERIC[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
  return { ...errorBody(c, message, details), statusCode: status };
}

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
    const body = inChinese(this.toBody(exception));
    if (isDataError(exception))
      this.log.error(`database refused input (SQLSTATE ${exception.code}), answered 400; validate it at the edge: ${req(host)} ${exception.stack ?? exception.message}`);
    // the caller has the request id (X-Request-Id): the log line names it, so a report can be matched to it
    else if (body.statusCode >= 500) this.log.error(`request ${currentRequestId() ?? '-'}: ${exception instanceof Error ? exception.stack ?? exception.message : String(exception)}`);
    if (exception instanceof DatabaseBusyError) res.set('Retry-After', '5');
    if (exception instanceof TooManyRequests) res.set('Retry-After', String(exception.retryAfterSeconds));
    res.status(body.statusCode).json(body);
  }

  private toBody(e: unknown): ErrorBody {
    if (e instanceof DatabaseBusyError)
      return errorBody('DATABASE_BUSY', `数据库繁忙，${Math.round(e.waitedMs / 1000)} 秒内未能取得连接；请稍后重试，若持续出现请联系管理员查看日志`);
    if (e instanceof DomainError) return errorBody(e.code, e.message, e.details);
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const cause = (e as { cause?: unknown }).cause as { type?: string; status?: number } | undefined;
      if (cause && (cause.type || cause instanceof SyntaxError) && status < 500) return this.bodyParserError({ ...cause, status, message: (cause as Error).message });
      const r = e.getResponse();
      if (typeof r === 'object' && r !== null && 'message' in r) {
        const o = r as { message: unknown; code?: unknown; details?: ErrorBody['details'] };
        const message = Array.isArray(o.message) ? o.message.join('；') : String(o.message);
        return httpBody(status, typeof o.code === 'string' && isErrorCode(o.code) ? o.code : undefined, message, o.details);
      }
      return httpBody(status, undefined, String(r));
    }
    if (isDataError(e)) return errorBody('INVALID_DATA', DATA_ERRORS[e.code] ?? '输入的数据无效，请检查后重试');
    const anyErr = e as { status?: number; type?: string; message?: string; limit?: number };
    if (anyErr && typeof anyErr.status === 'number' && anyErr.status >= 400 && anyErr.status < 500) return this.bodyParserError(anyErr);
    return errorBody('INTERNAL', '服务器内部错误，已记录日志；请稍后重试或联系管理员');
  }

  /** body-parser's (and the router's) errors, in words a person can act on. */
  private bodyParserError(anyErr: { status?: number; type?: string; message?: string; limit?: number }): ErrorBody {
    const status = anyErr.status ?? 400;
    const code: ErrorCode | undefined =
      anyErr.type === 'entity.too.large' ? 'PAYLOAD_TOO_LARGE'
        : anyErr.type === 'entity.parse.failed' ? 'INVALID_JSON'
          : anyErr.type && /encoding|charset/.test(anyErr.type) ? 'INVALID_ENCODING'
            : undefined;
    const message =
      anyErr.type === 'entity.too.large'
        ? `请求体过大（上限 ${anyErr.limit ? Math.round(anyErr.limit / 1024) + ' KB' : '已超出'}），请缩减内容或改用批量导入`
        : anyErr.type === 'entity.parse.failed'
          ? '请求体不是合法的 JSON，请检查格式（引号、逗号、括号）'
          : anyErr.type === 'encoding.unsupported' || anyErr.type === 'charset.unsupported'
            ? '不支持的字符编码，请使用 UTF-8'
            : (anyErr.message ?? '请求无效');
    return httpBody(status, code && ERROR_CODES[code].status === status ? code : undefined, message);
  }
}

/** The framework's own English messages (the router's), in words a person can act on. */
function inChinese(b: ErrorBody): ErrorBody {
  if (b.statusCode === 400 && b.message.startsWith('Failed to decode param'))
    return { ...b, message: '路径含无法解码的字符：路径中的文字须按 UTF-8 百分号编码（如 园 → %E5%9B%AD）' };
  const route = /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (.*)$/.exec(b.message);
  if (b.statusCode === 404 && route) return { ...b, code: 'ROUTE_NOT_FOUND', message: `没有这个接口：${route[1]} ${route[2]!.slice(0, 200)}；全部接口见 /docs` };
  return b;
}

/** A PostgreSQL data exception (from node-postgres or PGlite): SQLSTATE class 22. */
function isDataError(e: unknown): e is Error & { code: string } {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && /^22[0-9A-Z]{3}$/.test((e as unknown as { code: string }).code) && 'severity' in e;
}

function req(host: ArgumentsHost): string {
  const r = host.switchToHttp().getRequest<{ method?: string; originalUrl?: string } | undefined>();
  return r ? `${r.method} ${r.originalUrl?.split('?')[0]}` : '';
}
