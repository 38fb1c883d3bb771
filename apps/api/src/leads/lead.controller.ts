import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { Principal } from '#auth';
import { DomainError } from '#errors';
import { LeadService } from '#pipeline';
import { AuditView, CurrentUser, Roles } from '../auth/decorators.js';
import { ApiQueryFrom, dateParam, pageQuery, parseQuery, toPage } from '../common/query.js';

const LEAD_EXAMPLE = {
  company: '江苏某某半导体科技有限公司',
  creditCode: '91320600MA1XXXXXXX',
  description: '碳化硅功率器件及外延片项目，建设6英寸SiC晶圆产线，年产功率模块100万只。',
  sector: '第三代半导体',
  amount: { value: 20, unit: '亿元' },
  landMu: 150,
  channel: '产业链招商',
  contacts: [{ name: '张经理', phone: '13800000000' }],
};

const listQuery = {
  ...pageQuery,
  board: z.string().max(50).optional(),
  status: z.enum(['new', 'shared', 'review', 'accepted', 'closed'], { message: '须为 new / shared / review / accepted / closed' }).optional(),
  sector: z.string().max(100).optional(),
  park: z.string().max(50).optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
  q: z.string().max(100).optional(),
  repeat: z.enum(['same-board'], { message: '须为 same-board（本板块重复报送）' }).optional(),
};

@ApiTags('招商线索 leads')
@ApiBearerAuth()
@Controller('api/leads')
export class LeadController {
  constructor(private readonly leads: LeadService) {}

  @Roles('promoter', 'manager', 'admin')
  @Post()
  @ApiOperation({ summary: '提交一条招商线索；入库与评分任务同一事务提交，随后异步评分、共享。来源板块与提交人取自登录账号（市科技局/管理员须给 originBoard）' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '重试同一提交时返回首次结果' })
  @ApiBody({ schema: { example: LEAD_EXAMPLE } })
  async create(@Body() body: unknown, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response, @CurrentUser() user: Principal) {
    const k = key?.trim();
    if (k && (k.length > 200 || !/^[\x21-\x7e]+$/.test(k))) throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key 须为 1–200 个可见 ASCII 字符');
    const created = await this.leads.create(body, k || undefined, user);
    res.status(created.created ? 201 : 200);
    return created;
  }

  @Get()
  @ApiOperation({ summary: '线索列表：按板块、状态、行业、园区、时间段、关键词筛选，分页。板块账号只见本板块线索与推荐给本板块园区的线索（后者脱敏），园区账号只见推荐给本园区的' })
  @ApiQueryFrom(listQuery)
  async list(@Query() query: unknown, @CurrentUser() user: Principal) {
    const q = parseQuery(listQuery, query);
    return this.leads.list({ boardId: q.board, status: q.status, sector: q.sector, parkId: q.park, from: q.from, to: q.to, text: q.q, sameBoardRepeat: q.repeat === 'same-board' }, toPage(q), user);
  }

  @Get(':id')
  @ApiOperation({ summary: '一条线索：推荐排名与理由、推荐去向、疑似重复、全部历史' })
  @AuditView((l: { id: string; contacts: unknown[] | null }) => (l.contacts ? [{ kind: 'lead', id: l.id, data: { contacts: l.contacts.length } }] : []))
  detail(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.leads.detail(id, user);
  }
}
