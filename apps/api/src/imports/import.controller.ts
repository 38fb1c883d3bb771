import { Body, Controller, Param, Res, StreamableFile, UploadedFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { IMPORT_REQUESTS } from '#contract';
import { fieldLabel, IMPORT_LIMITS, leadTemplateCsv, leadTemplateXlsx } from '#intake';
import { ImportService } from '#pipeline';
import { parseBody } from '../common/body.js';
import type { Principal } from '#auth';
import { actorName } from '#domain';
import { DomainError } from '#errors';
import { CurrentUser } from '../auth/decorators.js';
import { Endpoint, uploadedFile, type UploadedTempFile } from '../common/endpoint.js';
import { toCsvLine } from '#domain';
import { UploadErrorsInterceptor } from './upload-errors.interceptor.js';

/** The form fields beside the file, as the contract has them. */
const uploadFields = z.toJSONSchema(IMPORT_REQUESTS.upload, { io: 'input' }) as { properties: Record<string, object> };

@ApiTags('批量导入 imports')
@Controller('api/imports')
export class ImportController {
  constructor(private readonly imports: ImportService) {}

  @Endpoint({ get: 'template.csv', public: true, summary: '下载 CSV 导入模板（UTF-8，含表头与示例行）' })
  templateCsv(@Res({ passthrough: true }) res: Response) {
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('招商线索导入模板.csv')}`);
    return leadTemplateCsv();
  }

  @Endpoint({ get: 'template.xlsx', public: true, summary: '下载 XLSX 导入模板（含「说明」工作表）' })
  async templateXlsx() {
    return new StreamableFile(await leadTemplateXlsx(), {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent('招商线索导入模板.xlsx')}`,
    });
  }

  // The form fields are parsed here, not by @ParsedBody: the signed-in account's identity replaces some first.
  @Endpoint({
    post: '', roles: ['promoter', 'manager', 'admin'], status: 202,
    upload: { maxBytes: IMPORT_LIMITS.maxUploadBytes, fields: 10, errors: UploadErrorsInterceptor, properties: uploadFields.properties, required: true },
    summary: '上传 CSV（UTF-8 / GBK / UTF-16）或 XLSX 批量导入线索（最多 10 万行、80 MB）；逐行校验，错误行报告行号与原因，其余行全部入库；返回批次编号，用 GET 查看进度',
  })
  upload(@UploadedFile() file: UploadedTempFile | undefined, @Body() body: unknown, @CurrentUser() user: Principal) {
    if (!file) throw new DomainError('VALIDATION_FAILED', '请在表单字段 file 中上传 CSV 或 XLSX 文件');
    // Identity replaces body fields: a promoter imports for its own board, as itself; the city names the board.
    const raw = { ...(body as Record<string, unknown>), submitter: actorName(user), ...(user.role === 'promoter' ? { originBoard: (body as Record<string, unknown>)?.originBoard || user.boardId } : {}) };
    const b = parseBody(IMPORT_REQUESTS.upload, raw);
    if (user.role === 'promoter' && b.originBoard !== user.boardId) throw new DomainError('FORBIDDEN', `只能为本板块（${user.boardId}）导入线索`);
    return this.imports.start(uploadedFile(file)!, b);
  }

  @Endpoint({ get: ':id', roles: ['promoter', 'manager', 'admin'], summary: '导入进度：状态（读取中 running / 匹配推送中 scoring / 已完成 done / failed / cancelled / interrupted / empty）、已读行数、入库、已评分、已推送、前 100 条错误、文件级错误与警告' })
  status(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.imports.status(id, user);
  }

  @Endpoint({ post: ':id/cancel', roles: ['promoter', 'manager', 'admin'], status: 200, summary: '取消正在读取的导入：已入库的行保留并继续匹配，其余行不再读取；已结束的批次返回 409' })
  cancel(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.imports.cancel(id, user);
  }

  @Endpoint({ get: ':id/errors.csv', roles: ['promoter', 'manager', 'admin'], summary: '下载错误报告（行号、字段、原因）' })
  async errors(@Param('id') id: string, @Res() res: Response, @CurrentUser() user: Principal) {
    const rows = this.imports.allErrors(id, user);
    const first = await rows.next(); // a missing batch throws here, before any header is sent
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`导入错误报告-${id.slice(0, 8)}.csv`)}`);
    // One line per problem, in Chinese, followed by the rejected row as it was in the file (same header for every row).
    const headers = (!first.done && first.value.source?.map(([h]) => h)) || [];
    res.write('\ufeff' + toCsvLine(['行号', '字段', '问题', ...headers.map((h) => `原始内容：${h}`)]));
    for (let r = first; !r.done; r = await rows.next()) {
      const cells = headers.map((_, i) => r.value.source?.[i]?.[1] ?? '');
      for (const e of r.value.errors) res.write(toCsvLine([r.value.row === null ? '' : String(r.value.row), fieldLabel(e.field), e.message, ...cells]));
    }
    res.end();
  }
}
