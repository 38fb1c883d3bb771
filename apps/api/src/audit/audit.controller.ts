import { Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditService } from '#auth';
import { ADMIN_QUERIES } from '#contract';
import { Endpoint, ParsedQuery, type QueryOf } from '../common/endpoint.js';
import { toPage } from '../common/query.js';

const listQuery = ADMIN_QUERIES.audit;

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
