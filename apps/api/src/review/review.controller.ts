import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '#auth';
import { recipientKind } from '#contract';
import { CLOSE_REASON_CODES, CLOSE_REASONS } from '#domain';
import { DUPLICATE_REASONS, DUPLICATE_STATUSES } from '#domain';
import { RescoreService, ReviewService } from '#pipeline';
import { CurrentUser, Roles } from '../auth/decorators.js';
import { parseBody } from '../common/body.js';
import { ApiQueryFrom, pageQuery, parseQuery, toPage } from '../common/query.js';

const verdict = {
  status: z.enum(['confirmed', 'dismissed'], { message: '须为 confirmed 或 dismissed' }),
  comment: z.string().trim().min(1, '请填写裁定说明（comment）').max(1000),
};


const duplicatesQuery = {
  ...pageQuery,
  status: z.enum(DUPLICATE_STATUSES, { message: '须为 flagged / confirmed / dismissed' }).optional(),
  reason: z.enum(DUPLICATE_REASONS, { message: '须为 credit_code / company_name / description' }).optional(),
  board: z.string().trim().min(1).max(50).optional(),
  q: z.string().trim().max(100).optional(),
};
const notificationsQuery = { ...pageQuery, recipientKind, recipientId: z.string().min(1, '请给出 recipientId').max(50), unread: z.enum(['true', 'false']).optional() };

@ApiTags('管理研判 review')
@ApiBearerAuth()
@Controller('api')
export class ReviewController {
  constructor(private readonly review: ReviewService, private readonly rescore: RescoreService) {}

  @Roles('manager', 'admin')
  @Get('review/no-fit')
  @ApiOperation({ summary: '无匹配园区或被全部拒绝、待人工研判的线索（市科技局）' })
  @ApiQueryFrom(pageQuery)
  noFit(@Query() query: unknown, @CurrentUser() user: Principal) {
    return this.review.noFit(toPage(parseQuery(pageQuery, query)), user);
  }

  @Roles('manager', 'admin')
  @Post('review/leads/:id/send')
  @HttpCode(200)
  @ApiOperation({ summary: '待研判线索转推到选定园区（按当前排名的匹配度与答复/研判时限生成推荐并通知园区）' })
  @ApiBody({ schema: { example: { parkIds: ['nantong-hitech'], note: '与园区电话沟通后转推' } } })
  sendToParks(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: Principal) {
    const b = parseBody(
      {
        parkIds: z.array(z.string().min(1).max(100), { message: '请选择要转推的园区（parkIds 数组）' }).min(1, '请至少选择一个园区').max(20, '一次最多转推 20 个园区')
          .refine((ids) => new Set(ids).size === ids.length, '园区有重复'),
        note: z.string().trim().max(1000, '说明不超过 1000 字').optional(),
      },
      body,
    );
    return this.review.sendToParks(id, b, user);
  }

  @Roles('manager', 'admin')
  @Post('review/leads/:id/close')
  @HttpCode(200)
  @ApiOperation({ summary: `关闭待研判线索并给出原因代码：${CLOSE_REASON_CODES.map((c) => `${c}=${CLOSE_REASONS[c]}`).join('，')}` })
  @ApiBody({ schema: { example: { reason: 'outside_city_direction', note: '属餐饮服务业，不在科技招商范围' } } })
  closeLead(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: Principal) {
    const b = parseBody(
      {
        reason: z.string({ message: '请给出关闭原因代码（reason）' }).max(50),
        note: z.string().trim().max(1000, '说明不超过 1000 字').optional(),
      },
      body,
    );
    return this.review.closeLead(id, b, user);
  }

  @Roles('manager', 'admin')
  @Get('duplicates')
  @ApiOperation({ summary: '项目撞车列表（市科技局）：仅不同板块报送的同一企业/项目；同一板块的重复报送见该板块的线索详情' })
  @ApiQueryFrom(duplicatesQuery)
  duplicates(@Query() query: unknown, @CurrentUser() user: Principal) {
    const q = parseQuery(duplicatesQuery, query);
    return this.review.duplicates({ status: q.status, reason: q.reason, boardId: q.board, q: q.q || undefined }, toPage(q), user);
  }

  @Roles('manager')
  @Post('duplicates/settle')
  @HttpCode(200)
  @ApiOperation({ summary: '批量裁定项目撞车（仅市科技局，一个事务：任一条无法裁定则全部不保存，并逐条说明原因）；确认重复时各对保留系统判定的首报' })
  @ApiBody({ schema: { example: { ids: ['…', '…'], status: 'dismissed', comment: '名称相近但为不同企业' } } })
  settleMany(@Body() body: unknown, @CurrentUser() user: Principal) {
    const b = parseBody({ ids: z.array(z.string().min(1).max(100), { message: '请给出要裁定的记录编号列表（ids）' }).min(1, '请至少选择一条记录（ids）').max(200, '一次最多裁定 200 条'), ...verdict }, body);
    return this.review.settleDuplicates(b.ids, { status: b.status, comment: b.comment }, user).then((items) => ({ settled: items.length, items }));
  }

  @Roles('manager')
  @Post('duplicates/:id/settle')
  @HttpCode(200)
  @ApiOperation({ summary: '裁定疑似重复（仅市科技局，裁定人取自登录账号）：confirmed（同一项目，指定首报）或 dismissed；两条线索均保留。被暂停的疑似撞车线索：确认则关闭，否认则按规则推送' })
  @ApiBody({ schema: { example: { status: 'confirmed', firstReportLeadId: '…', comment: '同一企业同一项目，海安先报' } } })
  settle(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: Principal) {
    const b = parseBody({ ...verdict, firstReportLeadId: z.string().max(100).optional() }, body);
    return this.review.settleDuplicate(id, b, user);
  }

  @Roles('manager', 'admin')
  @Post('rescore')
  @HttpCode(202)
  @ApiOperation({ summary: '按当前园区画像后台重算全部未结线索，返回任务编号' })
  @ApiBody({ schema: { example: { reason: '2025 年度园区画像修订' } } })
  startRescore(@Body() body: unknown) {
    const b = parseBody({ reason: z.string().trim().min(1, '请说明重算原因（reason）').max(200) }, body);
    return this.rescore.start(b.reason);
  }

  @Roles('manager', 'admin')
  @Get('rescore/:id')
  @ApiOperation({ summary: '重算进度' })
  rescoreStatus(@Param('id') id: string) {
    return this.rescore.status(id);
  }

  @Get('notifications')
  @ApiOperation({ summary: '站内通知：园区（park）、板块（board）或市科技局（manager, id=city）；各账号只能读自己的' })
  @ApiQueryFrom(notificationsQuery)
  notifications(@Query() query: unknown, @CurrentUser() user: Principal) {
    const q = parseQuery(notificationsQuery, query);
    return this.review.notifications(q.recipientKind, q.recipientId, toPage(q), q.unread === 'true', user);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOperation({ summary: '标记一条站内通知为已读' })
  @ApiBody({ schema: { example: { recipientKind: 'manager', recipientId: 'city' } } })
  markRead(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: Principal) {
    const b = parseBody({ recipientKind, recipientId: z.string().min(1).max(50) }, body);
    return this.review.markRead(b.recipientKind, b.recipientId, id, user);
  }
}
