import { type CallHandler, type ExecutionContext, HttpException, Injectable, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { DomainError } from '#errors';
import { IMPORT_LIMITS, megabytes } from '#intake';
import type { UploadOptions } from '../common/endpoint.js';

/** Multer's upload errors (English, by code) in words a person can act on. Listed before FileInterceptor. */
@Injectable()
export class UploadErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((e: unknown) => {
        const code = ((e as { cause?: { code?: string } }).cause ?? (e as { code?: string }))?.code;
        if (code === 'LIMIT_FILE_SIZE') {
          throw new DomainError('PAYLOAD_TOO_LARGE', `上传的文件超过 ${megabytes(IMPORT_LIMITS.maxUploadBytes)} 的上限；请删除多余的列和内容，或把行拆分到几个文件中分别上传（每个文件最多 ${IMPORT_LIMITS.maxRows} 行）`);
        }
        if (code === 'LIMIT_FILE_COUNT' || code === 'LIMIT_UNEXPECTED_FILE') throw new DomainError('VALIDATION_FAILED', '一次只能上传一个文件，请放在表单字段 file 中');
        if (typeof code === 'string' && code.startsWith('LIMIT_')) throw new DomainError('VALIDATION_FAILED', '上传表单的字段过多或过长，请只提交 file、originBoard 和 submitter');
        if (e instanceof HttpException && e.getStatus() === 400 && /boundary|multipart/i.test(e.message)) throw new DomainError('VALIDATION_FAILED', '上传格式不对：请以 multipart/form-data 表单上传文件');
        throw e;
      }),
    );
  }
}

/** A park's spreadsheet of firms (CSV / XLSX, the import's size bound): the prospect and firm lists. */
export const SHEET_UPLOAD: UploadOptions = { maxBytes: IMPORT_LIMITS.maxUploadBytes, fields: 5, errors: UploadErrorsInterceptor };
