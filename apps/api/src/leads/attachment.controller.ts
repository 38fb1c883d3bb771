import { unlink } from 'node:fs/promises';
import { type CallHandler, Controller, HttpException, Injectable, type NestInterceptor, Param, Req, StreamableFile, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { catchError, type Observable } from 'rxjs';
import { AuditService, type Principal } from '#auth';
import { DomainError } from '#errors';
import { ATTACHMENT_LIMITS, ATTACHMENT_TYPES_TEXT, megabytes } from '#intake';
import { AttachmentService } from '#pipeline';
import { CurrentUser } from '../auth/decorators.js';
import { attachmentDisposition } from '../common/content-disposition.js';
import { Endpoint, uploadedFile, type UploadedTempFile } from '../common/endpoint.js';

/** Multer's upload errors for an attachment, in words a person can act on. Listed before FileInterceptor. */
@Injectable()
class AttachmentUploadErrors implements NestInterceptor {
  intercept(_: unknown, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((e: unknown) => {
        const code = ((e as { cause?: { code?: string } }).cause ?? (e as { code?: string }))?.code;
        if (code === 'LIMIT_FILE_SIZE') throw new DomainError('ATTACHMENT_TOO_LARGE', `附件超过 ${megabytes(ATTACHMENT_LIMITS.maxBytes)} 的上限，请压缩或拆分后再上传`);
        if (typeof code === 'string' && code.startsWith('LIMIT_')) throw new DomainError('VALIDATION_FAILED', '一次只能上传一个附件，请放在表单字段 file 中');
        if (e instanceof HttpException && e.getStatus() === 400 && /boundary|multipart/i.test(e.message)) throw new DomainError('VALIDATION_FAILED', '上传格式不对：请以 multipart/form-data 表单上传文件');
        throw e;
      }),
    );
  }
}

@ApiTags('招商线索 leads')
@ApiBearerAuth()
@Controller('api/leads/:id/attachments')
export class AttachmentController {
  constructor(private readonly attachments: AttachmentService, private readonly audit: AuditService) {}

  @Endpoint({ get: '', summary: '一条线索或承接项目的附件（项目建议书、合同扫描件…）：文件名、类型、大小、上传人、时间；与跟进记录同样只对来源板块、承接园区和市科技局开放' })
  list(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.attachments.list(id, user);
  }

  @Endpoint({
    post: '', roles: ['promoter', 'park_operator', 'manager'], upload: { maxBytes: ATTACHMENT_LIMITS.maxBytes, fields: 5, errors: AttachmentUploadErrors },
    summary: `上传附件（表单字段 file，最多 ${megabytes(ATTACHMENT_LIMITS.maxBytes)}）：${ATTACHMENT_TYPES_TEXT}；类型按文件内容判断；记入线索历史与审计日志`,
  })
  async upload(@Param('id') id: string, @UploadedFile() file: UploadedTempFile | undefined, @CurrentUser() user: Principal) {
    try {
      const f = uploadedFile(file);
      return await this.attachments.add(id, f && { path: f.path, originalName: f.originalname }, user);
    } finally {
      if (file) await unlink(file.path).catch(() => undefined);
    }
  }

  @Endpoint({ get: ':attachmentId', summary: '下载一个附件（原文件名，Content-Disposition: attachment）；记入审计日志（谁、哪条线索、哪个文件）' })
  async download(@Param('id') id: string, @Param('attachmentId') attachmentId: string, @CurrentUser() user: Principal, @Req() req: Request) {
    const a = await this.attachments.download(id, attachmentId, user);
    // A file leaves the platform: on record before its first byte is sent, like a view of personal data.
    await this.audit.record({
      action: 'attachment.download', targetKind: 'lead', targetId: id, method: req.method, path: req.originalUrl.split('?')[0]!, status: 200, ip: req.ip ?? null,
      data: { attachmentId, fileName: a.fileName, mediaType: a.mediaType, bytes: a.content.length },
    }, user);
    return new StreamableFile(a.content, { type: a.mediaType, length: a.content.length, disposition: attachmentDisposition(a.fileName) });
  }

  @Endpoint({ delete: ':attachmentId', roles: ['promoter', 'park_operator', 'manager'], summary: '删除一个附件：上传人或来源板块的招商专员；记入线索历史与审计日志' })
  remove(@Param('id') id: string, @Param('attachmentId') attachmentId: string, @CurrentUser() user: Principal) {
    return this.attachments.remove(id, attachmentId, user);
  }
}
