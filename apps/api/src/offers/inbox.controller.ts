import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '#auth';
import { DECLINE_REASON_CODES, DECLINE_REASONS } from '#domain';
import { DeadlineService, InboxService, OfferDecisionService } from '#pipeline';
import { ApiQueryFrom, ownerParam, pageQuery, parseQuery, toPage } from '../common/query.js';

const inboxQuery = {
  ...pageQuery,
  status: z.enum(['open', 'accepted', 'declined', 'withdrawn'], { message: '须为 open / accepted / declined / withdrawn' }).optional(),
  owner: ownerParam.optional(),
};
const overdueQuery = { ...pageQuery, park: z.string().max(50).optional() };
import { parseBody } from '../common/body.js';
import { AuditView, CurrentUser, Roles } from '../auth/decorators.js';

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
    parseBody({}, body ?? {});
    return this.decisions.accept(parkId, offerId, user);
  }

  @Roles('park_operator')
  @Post('offers/:offerId/decline')
  @HttpCode(200)
  @ApiOperation({ summary: `拒绝推荐并给出原因代码：${DECLINE_REASON_CODES.map((c) => `${c}=${DECLINE_REASONS[c]}`).join('，')}` })
  @ApiBody({ schema: { example: { reason: 'no_space', note: '现有地块已满' } } })
  decline(@Param('parkId') parkId: string, @Param('offerId') offerId: string, @Body() body: unknown, @CurrentUser() user: Principal) {
    const b = parseBody({ reason: z.string().min(1, '请给出拒绝原因代码（reason）'), note: z.string().max(500, '说明不超过 500 字').optional() }, body);
    return this.decisions.decline(parkId, offerId, user, b.reason, b.note);
  }

  @Roles('park_operator')
  @Post('leads/:leadId/stage')
  @HttpCode(200)
  @ApiOperation({ summary: '推进已接收项目的阶段：洽谈 → 签约 → 开工 → 投产（或 暂停 / 终止），记录时间与操作人' })
  @ApiBody({ schema: { example: { stage: '签约', note: '签约仪式' } } })
  stage(@Param('parkId') parkId: string, @Param('leadId') leadId: string, @Body() body: unknown, @CurrentUser() user: Principal) {
    const b = parseBody({ stage: z.string().min(1, '请给出目标阶段（stage）'), note: z.string().max(500).optional() }, body);
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
