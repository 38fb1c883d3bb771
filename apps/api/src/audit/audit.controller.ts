import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AuditService } from '#auth';
import { Roles } from '../auth/decorators.js';
import { ApiQueryFrom, fromDateParam, pageQuery, parseQuery, toDateParam, toPage } from '../common/query.js';

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

  @Roles('manager', 'admin')
  @Get()
  @ApiOperation({ summary: '审计日志：每一次修改与每一次查看个人信息（谁、何时、做了什么），按人、动作、对象、时间段筛选，分页' })
  @ApiQueryFrom(listQuery)
  list(@Query() query: unknown) {
    const q = parseQuery(listQuery, query);
    return this.audit.list({ username: q.username, action: q.action, targetKind: q.targetKind, targetId: q.targetId, from: q.from, to: q.to }, toPage(q));
  }
}
