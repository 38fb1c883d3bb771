import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { OFFER_QUERIES, OFFER_REQUESTS } from '#contract';
import type { Principal } from '#auth';
import { DECLINE_REASON_CODES, DECLINE_REASONS } from '#domain';
import { DeadlineService, InboxService, OfferDecisionService } from '#pipeline';
import { toPage } from '../common/query.js';
import { parseBody } from '../common/body.js';
import { Endpoint, ParsedBody, ParsedQuery, type BodyOf, type QueryOf } from '../common/endpoint.js';
import { AuditView, CurrentUser } from '../auth/decorators.js';

const inboxQuery = OFFER_QUERIES.inbox;
const overdueQuery = OFFER_QUERIES.overdue;

@ApiTags('园区收件箱 inbox')
@ApiBearerAuth()
@Controller('api/parks/:parkId')
export class InboxController {
  constructor(private readonly inboxes: InboxService, private readonly decisions: OfferDecisionService) {}

  @Endpoint({
    get: 'offers', roles: ['park_operator', 'manager', 'admin'], query: inboxQuery,
    summary: '园区收到的推荐（本园区运营账号、市科技局）：接收前只显示脱敏摘要（行业、金额、需求、匹配度、理由），不含企业名称与联系人；owner（GET /api/staff 的用户 id）只列该园区责任人负责的已接收项目',
  })
  @AuditView((r: { items: { leadId: string; offerId: string; contacts: unknown[] | null }[] }) =>
    r.items.filter((i) => i.contacts).map((i) => ({ kind: 'lead', id: i.leadId, data: { offerId: i.offerId, contacts: i.contacts!.length } })),
  )
  inbox(@Param('parkId') parkId: string, @ParsedQuery() q: QueryOf<typeof inboxQuery>, @CurrentUser() user: Principal) {
    return this.inboxes.list(parkId, { status: q.status, ownerId: q.owner }, toPage(q), user);
  }

  // No body is documented: a request without one (or with {}) accepts.
  @Endpoint({ post: 'offers/:offerId/accept', roles: ['park_operator'], status: 200, summary: '接收推荐（本园区运营账号，操作人取自登录账号）：先到先得，其余推荐自动撤回；线索进入「洽谈」阶段' })
  accept(@Param('parkId') parkId: string, @Param('offerId') offerId: string, @Body() body: unknown, @CurrentUser() user: Principal) {
    parseBody(OFFER_REQUESTS.accept, body ?? {});
    return this.decisions.accept(parkId, offerId, user);
  }

  @Endpoint({
    post: 'offers/:offerId/decline', roles: ['park_operator'], status: 200, body: OFFER_REQUESTS.decline, example: { reason: 'no_space', note: '现有地块已满' },
    summary: `拒绝推荐并给出原因代码：${DECLINE_REASON_CODES.map((c) => `${c}=${DECLINE_REASONS[c]}`).join('，')}`,
  })
  decline(@Param('parkId') parkId: string, @Param('offerId') offerId: string, @ParsedBody() b: BodyOf<typeof OFFER_REQUESTS.decline>, @CurrentUser() user: Principal) {
    return this.decisions.decline(parkId, offerId, user, b.reason, b.note);
  }

  @Endpoint({
    post: 'leads/:leadId/stage', roles: ['park_operator'], status: 200, body: OFFER_REQUESTS.stage, example: { stage: '签约', note: '签约仪式' },
    summary: '推进已接收项目的阶段：洽谈 → 签约 → 开工 → 投产（或 暂停 / 终止），记录时间与操作人',
  })
  stage(@Param('parkId') parkId: string, @Param('leadId') leadId: string, @ParsedBody() b: BodyOf<typeof OFFER_REQUESTS.stage>, @CurrentUser() user: Principal) {
    return this.decisions.moveStage(parkId, leadId, b.stage, user, b.note);
  }
}

@ApiTags('园区收件箱 inbox')
@ApiBearerAuth()
@Controller('api/offers')
export class OverdueController {
  constructor(private readonly deadlines: DeadlineService) {}

  @Endpoint({ get: 'overdue', roles: ['park_operator', 'manager', 'admin'], query: overdueQuery, summary: '超过答复时限仍未处理的推荐（响应时钟），可按园区筛选' })
  async overdue(@ParsedQuery() q: QueryOf<typeof overdueQuery>, @CurrentUser() user: Principal) {
    return this.deadlines.overdue(new Date(), { parkId: q.park }, toPage(q), user);
  }
}
