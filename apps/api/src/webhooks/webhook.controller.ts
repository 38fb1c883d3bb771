import { Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { WEBHOOK_QUERIES, WEBHOOK_REQUESTS } from '#contract';
import type { Principal } from '#auth';
import { WebhookService } from '#pipeline';
import { CurrentUser } from '../auth/decorators.js';
import { Endpoint, ParsedBody, ParsedQuery, type BodyOf, type QueryOf } from '../common/endpoint.js';
import { toPage } from '../common/query.js';

@ApiTags('通知 webhooks')
@ApiBearerAuth()
@Controller('api/webhooks')
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  @Endpoint({
    post: '', body: WEBHOOK_REQUESTS.register, example: { recipientKind: 'park', recipientId: 'home-textile', url: 'https://oa.example.cn/parkmatch/hook' },
    summary: '订阅 webhook：之后的通知以签名的 JSON POST 投递（失败自动退避重试）。只接受解析到公网地址的 https:// 地址；同一接收方同一地址只能订阅一次（409）。响应中的 secret 只显示这一次',
  })
  register(@ParsedBody() b: BodyOf<typeof WEBHOOK_REQUESTS.register>, @CurrentUser() user: Principal) {
    return this.webhooks.register(b.recipientKind, b.recipientId, b.url, user);
  }

  @Endpoint({ get: '', query: WEBHOOK_QUERIES.list, summary: 'webhook 列表（不含密钥），含最近一次投递的状态、错误、次数与时间：板块、园区看自己的，市科技局看全部' })
  list(@ParsedQuery() q: QueryOf<typeof WEBHOOK_QUERIES.list>, @CurrentUser() user: Principal) {
    return this.webhooks.list(user, q);
  }

  @Endpoint({ get: ':id', summary: '一个 webhook（不含密钥）及其投递统计' })
  get(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.webhooks.get(id, user);
  }

  @Endpoint({ get: ':id/deliveries', query: WEBHOOK_QUERIES.deliveries, summary: '该 webhook 的每条通知投递：状态（pending / delivered / failed / cancelled）、尝试次数、最近错误与时间' })
  deliveries(@Param('id') id: string, @ParsedQuery() q: QueryOf<typeof WEBHOOK_QUERIES.deliveries>, @CurrentUser() user: Principal) {
    return this.webhooks.deliveries(id, toPage(q), user);
  }

  @Endpoint({ patch: ':id', body: WEBHOOK_REQUESTS.update, example: { enabled: false }, summary: '停用或启用：停用后新通知不再投递，尚未投递的标记为 cancelled' })
  update(@Param('id') id: string, @ParsedBody() b: BodyOf<typeof WEBHOOK_REQUESTS.update>, @CurrentUser() user: Principal) {
    return this.webhooks.setEnabled(id, b.enabled, user);
  }

  @Endpoint({ delete: ':id', summary: '删除 webhook；尚未投递的通知不再投递' })
  remove(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.webhooks.remove(id, user);
  }

  @Endpoint({ post: ':id/test', status: 200, summary: '立即发送一条签名的测试通知（kind=webhook-test），返回接收方的应答' })
  test(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.webhooks.test(id, user);
  }

  @Endpoint({ post: ':id/secret', status: 200, summary: '更换签名密钥：新密钥只显示这一次，旧密钥立即作废' })
  rotateSecret(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.webhooks.rotateSecret(id, user);
  }
}
