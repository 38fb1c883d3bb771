import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OFFER_QUERIES, OFFER_REQUESTS } from '#contract';
import type { Principal } from '#auth';
import { DECLINE_REASON_CODES, DECLINE_REASONS } from '#domain';
import { DeadlineService, InboxService, OfferDecisionService } from '#pipeline';
import { ApiQueryFrom, parseQuery, toPage } from '../common/query.js';
import { ApiBodyFrom, parseBody } from '../common/body.js';
import { AuditView, CurrentUser, Roles } from '../auth/decorators.js';

const inboxQuery = OFFER_QUERIES.inbox;
const overdueQuery = OFFER_QUERIES.overdue;

@ApiTags('园区收件箱 inbox')
@ApiBearerAuth()
@Controller('api/parks/:parkId')
export class InboxController {
  constructor(private readonly inboxes: InboxService, private readonly decisions: OfferDecisionService) {}

  @Roles('park_operator', 'manager', 'admin')
  @Get('offers')
  @ApiOperation({ summary: '园区收到的推荐（本园区运营账号、市科技局）：接收前只显示脱敏摘要（行业、金额、需求、匹配度、理由），不含企业名称与联系人；owner（GET /api/staff 的用户 id）只列该园区责任人负责的已接收项目' })
  @AuditView((r: { items: { leadId: string; offerId: string; contacts: unknown[] | null }[] }) =>
    r.items.filter((i) => i.contacts).map((i) => ({ kind: 'lead', id: i.leadId, data: { offerId: i.offerId, contacts: i.contacts!.length } })),
  )
  @ApiQueryFrom(inboxQuery)
  inbox(@Param('parkId') parkId: string, @Query() query: unknown, @CurrentUser() user: Principal) {
    const q = parseQuery(inboxQuery, query);
    return this.inboxes.list(parkId, { status: q.status, ownerId: q.owner }, toPage(q), user);
  }

  @Roles('park_operator')
  @Post('offers/:offerId/accept')
  @HttpCode(200)
  @ApiOperation({ summary: '接收推荐（本园区运营账号，操作人取自登录账号）：先到先得，其余推荐自动撤回；线索进入「洽谈」阶段' })
  accept(@Param('parkId') parkId: string, @Param('offerId') offerId: string, @Body() body: unknown, @CurrentUser() user: Principal) {
    parseBody(OFFER_REQUESTS.accept, body ?? {});
    return this.decisions.accept(parkId, offerId, user);
  }

  @Roles('park_operator')
  @Post('offers/:offerId/decline')
  @HttpCode(200)
  @ApiOperation({ summary: `拒绝推荐并给出原因代码：${DECLINE_REASON_CODES.map((c) => `${c}=${DECLINE_REASONS[c]}`).join('，')}` })
  @ApiBodyFrom(OFFER_REQUESTS.decline, { reason: 'no_space', note: '现有地块已满' })
  decline(@Param('parkId') parkId: string, @Param('offerId') offerId: string, @Body() body: unknown, @CurrentUser() user: Principal) {
    const b = parseBody(OFFER_REQUESTS.decline, body);
    return this.decisions.decline(parkId, offerId, user, b.reason, b.note);
  }

  @Roles('park_operator')
  @Post('leads/:leadId/stage')
  @HttpCode(200)
  @ApiOperation({ summary: '推进已接收项目的阶段：洽谈 → 签约 → 开工 → 投产（或 暂停 / 终止），记录时间与操作人' })
  @ApiBodyFrom(OFFER_REQUESTS.stage, { stage: '签约', note: '签约仪式' })
  stage(@Param('parkId') parkId: string, @Param('leadId') leadId: string, @Body() body: unknown, @CurrentUser() user: Principal) {
    const b = parseBody(OFFER_REQUESTS.stage, body);
    return this.decisions.moveStage(parkId, leadId, b.stage, user, b.note);
  }
}

@ApiTags('园区收件箱 inbox')
@ApiBearerAuth()
@Controller('api/offers')
export class OverdueController {
  constructor(private readonly deadlines: DeadlineService) {}

  @Roles('park_operator', 'manager', 'admin')
  @Get('overdue')
  @ApiOperation({ summary: '超过答复时限仍未处理的推荐（响应时钟），可按园区筛选' })
  @ApiQueryFrom(overdueQuery)
  async overdue(@Query() query: unknown, @CurrentUser() user: Principal) {
    const q = parseQuery(overdueQuery, query);
    return this.deadlines.overdue(new Date(), { parkId: q.park }, toPage(q), user);
  }
}
