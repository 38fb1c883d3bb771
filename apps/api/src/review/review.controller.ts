import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RescoreService, ReviewService } from '#pipeline';
import { parseBody } from '../common/body.js';
import { pageQuery, parseQuery, toPage } from '../common/query.js';

const recipientKind = z.enum(['park', 'board', 'manager'], { message: '须为 park / board / manager' });

@ApiTags('管理研判 review')
@Controller('api')
export class ReviewController {
  constructor(private readonly review: ReviewService, private readonly rescore: RescoreService) {}

  @Get('review/no-fit')
  @ApiOperation({ summary: '无匹配园区或被全部拒绝、待人工研判的线索' })
  noFit(@Query() query: unknown) {
    return this.review.noFit(toPage(parseQuery(pageQuery, query)));
  }

  @Get('duplicates')
  @ApiOperation({ summary: '疑似重复（项目撞车）列表' })
  duplicates(@Query() query: unknown) {
    const q = parseQuery({ ...pageQuery, status: z.enum(['flagged', 'confirmed', 'dismissed'], { message: '须为 flagged / confirmed / dismissed' }).optional() }, query);
    return this.review.duplicates(q.status, toPage(q));
  }

  @Post('duplicates/:id/settle')
  @HttpCode(200)
  @ApiOperation({ summary: '裁定疑似重复：confirmed（同一项目，指定首报）或 dismissed；两条线索均保留' })
  @ApiBody({ schema: { example: { status: 'confirmed', firstReportLeadId: '…', by: '市科技局-陈', comment: '同一企业同一项目，海安先报' } } })
  settle(@Param('id') id: string, @Body() body: unknown) {
    const b = parseBody(
      {
        status: z.enum(['confirmed', 'dismissed'], { message: '须为 confirmed 或 dismissed' }),
        firstReportLeadId: z.string().max(100).optional(),
        by: z.string().trim().min(1, '请填写裁定人（by）').max(100),
        comment: z.string().trim().min(1, '请填写裁定说明（comment）').max(1000),
      },
      body,
    );
    return this.review.settleDuplicate(id, b);
  }

  @Post('rescore')
  @HttpCode(202)
  @ApiOperation({ summary: '按当前园区画像后台重算全部未结线索，返回任务编号' })
  startRescore(@Body() body: unknown) {
    const b = parseBody({ reason: z.string().trim().min(1, '请说明重算原因（reason）').max(200) }, body);
    return this.rescore.start(b.reason);
  }

  @Get('rescore/:id')
  @ApiOperation({ summary: '重算进度' })
  rescoreStatus(@Param('id') id: string) {
    return this.rescore.status(id);
  }

  @Get('notifications')
  @ApiOperation({ summary: '站内通知：园区（park）、板块（board）或市科技局（manager, id=city）' })
  notifications(@Query() query: unknown) {
    const q = parseQuery({ ...pageQuery, recipientKind, recipientId: z.string().min(1, '请给出 recipientId').max(50), unread: z.enum(['true', 'false']).optional() }, query);
    return this.review.notifications(q.recipientKind, q.recipientId, toPage(q), q.unread === 'true');
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  markRead(@Param('id') id: string, @Body() body: unknown) {
    const b = parseBody({ recipientKind, recipientId: z.string().min(1).max(50) }, body);
    return this.review.markRead(b.recipientKind, b.recipientId, id);
  }

  @Post('webhooks')
  @ApiOperation({ summary: '订阅 webhook：之后的通知会以 JSON POST 投递，失败自动退避重试' })
  addWebhook(@Body() body: unknown) {
    const b = parseBody(
      {
        recipientKind,
        recipientId: z.string().min(1).max(50),
        url: z.string().url('须为 http(s) URL').max(500).refine((u) => /^https?:\/\//.test(u), '须为 http(s) URL'),
      },
      body,
    );
    return this.review.addWebhook(b.recipientKind, b.recipientId, b.url);
  }
}
