import { Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AuditService } from '#auth';
import { Endpoint, ParsedQuery, type QueryOf } from '../common/endpoint.js';
import { fromDateParam, pageQuery, toDateParam, toPage } from '../common/query.js';

const listQuery = {
  ...pageQuery,
  username: z.string().max(100).optional(),
  action: z.string().max(200).optional(),
  targetKind: z.string().max(50).optional(),
  targetId: z.string().max(100).optional(),
  from: fromDateParam.optional(),
  to: toDateParam.optional(),
};

@ApiTags('审计日志 audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Endpoint({ get: '', roles: ['manager', 'admin'], query: listQuery, summary: '审计日志：每一次修改与每一次查看个人信息（谁、何时、做了什么），按人、动作、对象、时间段筛选，分页' })
  list(@ParsedQuery() q: QueryOf<typeof listQuery>) {
    return this.audit.list({ username: q.username, action: q.action, targetKind: q.targetKind, targetId: q.targetId, from: q.from, to: q.to }, toPage(q));
  }
}
