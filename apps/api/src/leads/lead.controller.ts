import { Body, Controller, Headers, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '#auth';
import { DomainError } from '#errors';
import { LEAD_QUERIES, LEAD_REQUESTS } from '#contract';
import { LeadService, LeadWorkService } from '#pipeline';
import { Endpoint, ParsedBody, ParsedQuery, type BodyOf, type QueryOf } from '../common/endpoint.js';
import { toXlsx } from '../common/xlsx.js';
import { AuditView, CurrentUser } from '../auth/decorators.js';
import { toPage } from '../common/query.js';

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

const listQuery = LEAD_QUERIES.list;
const exportQuery = LEAD_QUERIES.export;

const toFilter = (q: QueryOf<typeof exportQuery>) => ({
  boardId: q.board, status: q.status, sector: q.sector, parkId: q.park, from: q.from, to: q.to, text: q.q, sameBoardRepeat: q.repeat === 'same-board', ownerId: q.owner,
});

@ApiTags('招商线索 leads')
@ApiBearerAuth()
@Controller('api/leads')
export class LeadController {
  constructor(
    private readonly leads: LeadService,
    private readonly work: LeadWorkService,
  ) {}

  // The service parses the body (LEAD_REQUESTS.create): an import row passes the same rules.
  @Endpoint({
    post: '', roles: ['promoter', 'manager', 'admin'], body: LEAD_REQUESTS.create, example: LEAD_EXAMPLE,
    summary: '提交一条招商线索；入库与评分任务同一事务提交，随后异步评分、共享。来源板块与提交人取自登录账号（市科技局/管理员须给 originBoard）',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '重试同一提交时返回首次结果' })
  async create(@Body() body: unknown, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response, @CurrentUser() user: Principal) {
    const k = key?.trim();
    if (k && (k.length > 200 || !/^[\x21-\x7e]+$/.test(k))) throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key 须为 1–200 个可见 ASCII 字符');
    const created = await this.leads.create(body, k || undefined, user);
    res.status(created.created ? 201 : 200);
    return created;
  }

  @Endpoint({ get: '', query: listQuery, summary: '线索列表：按板块、状态、行业、园区、时间段、关键词筛选，分页。板块账号只见本板块线索与推荐给本板块园区的线索（后者脱敏），园区账号只见推荐给本园区的' })
  async list(@ParsedQuery() q: QueryOf<typeof listQuery>, @CurrentUser() user: Principal) {
    return this.leads.list(toFilter(q), toPage(q), user);
  }

  @Endpoint({ get: 'export.xlsx', query: exportQuery, summary: '导出线索列表（XLSX，中文表头，北京时间；筛选同列表，最多 10000 条）；每行只含本账号可见的内容：联系人仅全量可见时导出，接收前的线索为脱敏摘要' })
  @AuditView(() => [{ kind: 'lead-export', id: 'list', data: {} }])
  async exportXlsx(@ParsedQuery() q: QueryOf<typeof exportQuery>, @CurrentUser() user: Principal) {
    const buffer = await toXlsx(await this.leads.exportTable(toFilter(q), user));
    return new StreamableFile(buffer, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="leads.xlsx"; filename*=UTF-8''${encodeURIComponent('线索列表')}.xlsx`,
    });
  }

  @Endpoint({ get: ':id', summary: '一条线索：推荐排名与理由、推荐去向、疑似重复、全部历史' })
  @AuditView((l: { id: string; contacts: unknown[] | null }) => (l.contacts ? [{ kind: 'lead', id: l.id, data: { contacts: l.contacts.length } }] : []))
  detail(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.leads.detail(id, user);
  }

  @Endpoint({ get: ':id/follow-ups', summary: '一条线索或承接项目的跟进记录（电话、走访、会谈、考察、签约仪式），最新的在前；只对来源板块、承接园区和市科技局开放' })
  @AuditView((r: { items: { leadId: string }[] }) => (r.items.length ? [{ kind: 'lead', id: r.items[0]!.leadId, data: { followUps: r.items.length } }] : []))
  followUps(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.work.followUps(id, user);
  }

  @Endpoint({
    post: ':id/follow-ups', roles: ['promoter', 'park_operator', 'manager'], body: LEAD_REQUESTS.followUp,
    example: { happenedOn: '2026-11-30', kind: '走访', participants: '王敏、企业张总', summary: '实地走访企业，确认一期用地 150 亩需求', nextStep: '安排园区考察', nextStepOn: '2026-12-07' },
    summary: '记录一次跟进：日期、方式、参加人员、情况、下一步及其日期；下一步到期时提醒记录方（站内通知与 Webhook）',
  })
  addFollowUp(@Param('id') id: string, @ParsedBody() b: BodyOf<typeof LEAD_REQUESTS.followUp>, @CurrentUser() user: Principal) {
    return this.work.addFollowUp(id, b, user);
  }

  @Endpoint({
    put: ':id/owner', roles: ['promoter', 'park_operator'], body: LEAD_REQUESTS.assign, example: { userId: '用户 id（GET /api/staff）' },
    summary: '指派责任人：来源板块的招商专员指派本板块人员，承接园区的运营人员指派本园区人员；userId 为 null 时取消；记入线索历史',
  })
  assign(@Param('id') id: string, @ParsedBody() b: BodyOf<typeof LEAD_REQUESTS.assign>, @CurrentUser() user: Principal) {
    return this.work.assign(id, b.userId, user);
  }
}

@ApiTags('招商线索 leads')
@ApiBearerAuth()
@Controller('api/staff')
export class StaffController {
  constructor(private readonly work: LeadWorkService) {}

  @Endpoint({ get: '', query: LEAD_QUERIES.staff, summary: '可指派为责任人的人员：板块账号得本板块招商专员，园区账号得本园区运营人员；市科技局须给 board 或 park' })
  staff(@ParsedQuery() q: QueryOf<typeof LEAD_QUERIES.staff>, @CurrentUser() user: Principal) {
    return this.work.staff({ boardId: q.board, parkId: q.park }, user);
  }
}
