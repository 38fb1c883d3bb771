import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DECLINE_REASON_CODES, DECLINE_REASONS } from '#domain';
import { DeadlineService, InboxService, OfferDecisionService } from '#pipeline';
import { pageQuery, parseQuery, toPage } from '../common/query.js';
import { parseBody } from '../common/body.js';

const actor = z.string().trim().min(1, '请填写操作人（actor）').max(100, '操作人不超过 100 字');

@ApiTags('园区收件箱 inbox')
@Controller('api/parks/:parkId')
export class InboxController {
  constructor(private readonly inboxes: InboxService, private readonly decisions: OfferDecisionService) {}

  @Get('offers')
  @ApiOperation({ summary: '园区收到的推荐：接收前只显示脱敏摘要（行业、金额、需求、匹配度、理由），不含企业名称与联系人' })
  inbox(@Param('parkId') parkId: string, @Query() query: unknown) {
    const q = parseQuery({ ...pageQuery, status: z.enum(['open', 'accepted', 'declined', 'withdrawn'], { message: '须为 open / accepted / declined / withdrawn' }).optional() }, query);
    return this.inboxes.list(parkId, { status: q.status }, toPage(q));
  }

  @Post('offers/:offerId/accept')
  @HttpCode(200)
  @ApiOperation({ summary: '接收推荐：先到先得，其余推荐自动撤回；线索进入「洽谈」阶段' })
  @ApiBody({ schema: { example: { actor: '如东开发区-李华' } } })
  accept(@Param('parkId') parkId: string, @Param('offerId') offerId: string, @Body() body: unknown) {
    const b = parseBody({ actor }, body);
    return this.decisions.accept(parkId, offerId, b.actor);
  }

  @Post('offers/:offerId/decline')
  @HttpCode(200)
  @ApiOperation({ summary: `拒绝推荐并给出原因代码：${DECLINE_REASON_CODES.map((c) => `${c}=${DECLINE_REASONS[c]}`).join('，')}` })
  @ApiBody({ schema: { example: { actor: '如东开发区-李华', reason: 'no_space', note: '现有地块已满' } } })
  decline(@Param('parkId') parkId: string, @Param('offerId') offerId: string, @Body() body: unknown) {
    const b = parseBody({ actor, reason: z.string().min(1, '请给出拒绝原因代码（reason）'), note: z.string().max(500, '说明不超过 500 字').optional() }, body);
    return this.decisions.decline(parkId, offerId, b.actor, b.reason, b.note);
  }

  @Post('leads/:leadId/stage')
  @HttpCode(200)
  @ApiOperation({ summary: '推进已接收项目的阶段：洽谈 → 签约 → 开工 → 投产（或 暂停 / 终止），记录时间与操作人' })
  @ApiBody({ schema: { example: { actor: '如东开发区-李华', stage: '签约', note: '签约仪式' } } })
  stage(@Param('parkId') parkId: string, @Param('leadId') leadId: string, @Body() body: unknown) {
    const b = parseBody({ actor, stage: z.string().min(1, '请给出目标阶段（stage）'), note: z.string().max(500).optional() }, body);
    return this.decisions.moveStage(parkId, leadId, b.stage, b.actor, b.note);
  }
}

@ApiTags('园区收件箱 inbox')
@Controller('api/offers')
export class OverdueController {
  constructor(private readonly deadlines: DeadlineService) {}

  @Get('overdue')
  @ApiOperation({ summary: '超过答复时限仍未处理的推荐（响应时钟），可按园区筛选' })
  async overdue(@Query() query: unknown) {
    const q = parseQuery({ ...pageQuery, park: z.string().max(50).optional() }, query);
    return this.deadlines.overdue(new Date(), { parkId: q.park }, toPage(q));
  }
}
