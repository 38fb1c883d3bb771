import { Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#auth';
import { REVIEW_QUERIES, REVIEW_REQUESTS } from '#contract';
import { CLOSE_REASON_CODES, CLOSE_REASONS } from '#domain';
import { RescoreService, ReviewService } from '#pipeline';
import { CurrentUser } from '../auth/decorators.js';
import { Endpoint, ParsedBody, ParsedQuery, type BodyOf, type QueryOf } from '../common/endpoint.js';
import { toPage } from '../common/query.js';

type Body<K extends keyof typeof REVIEW_REQUESTS> = BodyOf<(typeof REVIEW_REQUESTS)[K]>;
type Query<K extends keyof typeof REVIEW_QUERIES> = QueryOf<(typeof REVIEW_QUERIES)[K]>;

@ApiTags('管理研判 review')
@ApiBearerAuth()
@Controller('api')
export class ReviewController {
  constructor(private readonly review: ReviewService, private readonly rescore: RescoreService) {}

  @Endpoint({ get: 'review/no-fit', roles: ['manager', 'admin'], query: REVIEW_QUERIES.noFit, summary: '无匹配园区或被全部拒绝、待人工研判的线索（市科技局）' })
  noFit(@ParsedQuery() q: Query<'noFit'>, @CurrentUser() user: Principal) {
    return this.review.noFit(toPage(q), user);
  }

  @Endpoint({
    post: 'review/leads/:id/send', roles: ['manager', 'admin'], status: 200, body: REVIEW_REQUESTS.send, example: { parkIds: ['nantong-hitech'], note: '与园区电话沟通后转推' },
    summary: '待研判线索转推到选定园区（按当前排名的匹配度与答复/研判时限生成推荐并通知园区）',
  })
  sendToParks(@Param('id') id: string, @ParsedBody() b: Body<'send'>, @CurrentUser() user: Principal) {
    return this.review.sendToParks(id, b, user);
  }

  @Endpoint({
    post: 'review/leads/:id/close', roles: ['manager', 'admin'], status: 200, body: REVIEW_REQUESTS.close, example: { reason: 'outside_city_direction', note: '属餐饮服务业，不在科技招商范围' },
    summary: `关闭待研判线索并给出原因代码：${CLOSE_REASON_CODES.map((c) => `${c}=${CLOSE_REASONS[c]}`).join('，')}`,
  })
  closeLead(@Param('id') id: string, @ParsedBody() b: Body<'close'>, @CurrentUser() user: Principal) {
    return this.review.closeLead(id, b, user);
  }

  @Endpoint({ get: 'duplicates', roles: ['manager', 'admin'], query: REVIEW_QUERIES.duplicates, summary: '项目撞车列表（市科技局）：仅不同板块报送的同一企业/项目；同一板块的重复报送见该板块的线索详情' })
  duplicates(@ParsedQuery() q: Query<'duplicates'>, @CurrentUser() user: Principal) {
    return this.review.duplicates({ status: q.status, reason: q.reason, boardId: q.board, q: q.q || undefined }, toPage(q), user);
  }

  @Endpoint({
    post: 'duplicates/settle', roles: ['manager'], status: 200, body: REVIEW_REQUESTS.settleMany, example: { ids: ['…', '…'], status: 'dismissed', comment: '名称相近但为不同企业' },
    summary: '批量裁定项目撞车（仅市科技局，一个事务：任一条无法裁定则全部不保存，并逐条说明原因）；确认重复时各对保留系统判定的首报',
  })
  settleMany(@ParsedBody() b: Body<'settleMany'>, @CurrentUser() user: Principal) {
    return this.review.settleDuplicates(b.ids, { status: b.status, comment: b.comment }, user).then((items) => ({ settled: items.length, items }));
  }

  @Endpoint({
    post: 'duplicates/:id/settle', roles: ['manager'], status: 200, body: REVIEW_REQUESTS.settle, example: { status: 'confirmed', firstReportLeadId: '…', comment: '同一企业同一项目，海安先报' },
    summary: '裁定疑似重复（仅市科技局，裁定人取自登录账号）：confirmed（同一项目，指定首报）或 dismissed；两条线索均保留。被暂停的疑似撞车线索：确认则关闭，否认则按规则推送',
  })
  settle(@Param('id') id: string, @ParsedBody() b: Body<'settle'>, @CurrentUser() user: Principal) {
    return this.review.settleDuplicate(id, b, user);
  }

  @Endpoint({ post: 'rescore', roles: ['manager', 'admin'], status: 202, body: REVIEW_REQUESTS.rescore, example: { reason: '2025 年度园区画像修订' }, summary: '按当前园区画像后台重算全部未结线索，返回任务编号' })
  startRescore(@ParsedBody() b: Body<'rescore'>) {
    return this.rescore.start(b.reason);
  }

  @Endpoint({ get: 'rescore/:id', roles: ['manager', 'admin'], summary: '重算进度' })
  rescoreStatus(@Param('id') id: string) {
    return this.rescore.status(id);
  }

  @Endpoint({ get: 'notifications', query: REVIEW_QUERIES.notifications, summary: '站内通知：园区（park）、板块（board）或市科技局（manager, id=city）；各账号只能读自己的' })
  notifications(@ParsedQuery() q: Query<'notifications'>, @CurrentUser() user: Principal) {
    return this.review.notifications(q.recipientKind, q.recipientId, toPage(q), q.unread === 'true', user);
  }

  @Endpoint({ post: 'notifications/:id/read', status: 200, body: REVIEW_REQUESTS.markRead, example: { recipientKind: 'manager', recipientId: 'city' }, summary: '标记一条站内通知为已读' })
  markRead(@Param('id') id: string, @ParsedBody() b: Body<'markRead'>, @CurrentUser() user: Principal) {
    return this.review.markRead(b.recipientKind, b.recipientId, id, user);
  }
}
