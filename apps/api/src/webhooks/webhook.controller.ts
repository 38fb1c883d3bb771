import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WEBHOOK_QUERIES, WEBHOOK_REQUESTS } from '#contract';
import type { Principal } from '#auth';
import { WebhookService } from '#pipeline';
import { CurrentUser } from '../auth/decorators.js';
import { ApiBodyFrom, parseBody } from '../common/body.js';
import { ApiQueryFrom, parseQuery, toPage } from '../common/query.js';

const listQuery = WEBHOOK_QUERIES.list;

@ApiTags('通知 webhooks')
@ApiBearerAuth()
@Controller('api/webhooks')
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  @Post()
  @ApiOperation({
    summary:
      '订阅 webhook：之后的通知以签名的 JSON POST 投递（失败自动退避重试）。只接受解析到公网地址的 https:// 地址；同一接收方同一地址只能订阅一次（409）。响应中的 secret 只显示这一次',
  })
  @ApiBodyFrom(WEBHOOK_REQUESTS.register, { recipientKind: 'park', recipientId: 'home-textile', url: 'https://oa.example.cn/parkmatch/hook' })
  register(@Body() body: unknown, @CurrentUser() user: Principal) {
    const b = parseBody(WEBHOOK_REQUESTS.register, body);
    return this.webhooks.register(b.recipientKind, b.recipientId, b.url, user);
  }

  @Get()
  @ApiOperation({ summary: 'webhook 列表（不含密钥），含最近一次投递的状态、错误、次数与时间：板块、园区看自己的，市科技局看全部' })
  @ApiQueryFrom(listQuery)
  list(@Query() query: unknown, @CurrentUser() user: Principal) {
    const q = parseQuery(listQuery, query);
    return this.webhooks.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: '一个 webhook（不含密钥）及其投递统计' })
  get(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.webhooks.get(id, user);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: '该 webhook 的每条通知投递：状态（pending / delivered / failed / cancelled）、尝试次数、最近错误与时间' })
  @ApiQueryFrom(WEBHOOK_QUERIES.deliveries)
  deliveries(@Param('id') id: string, @Query() query: unknown, @CurrentUser() user: Principal) {
    return this.webhooks.deliveries(id, toPage(parseQuery(WEBHOOK_QUERIES.deliveries, query)), user);
  }

  @Patch(':id')
  @ApiOperation({ summary: '停用或启用：停用后新通知不再投递，尚未投递的标记为 cancelled' })
  @ApiBodyFrom(WEBHOOK_REQUESTS.update, { enabled: false })
  update(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: Principal) {
    const b = parseBody(WEBHOOK_REQUESTS.update, body);
    return this.webhooks.setEnabled(id, b.enabled, user);
  }

  @Delete(':id')
  @ApiOperation({ summary: '删除 webhook；尚未投递的通知不再投递' })
  remove(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.webhooks.remove(id, user);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: '立即发送一条签名的测试通知（kind=webhook-test），返回接收方的应答' })
  test(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.webhooks.test(id, user);
  }

  @Post(':id/secret')
  @HttpCode(200)
  @ApiOperation({ summary: '更换签名密钥：新密钥只显示这一次，旧密钥立即作废' })
  rotateSecret(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.webhooks.rotateSecret(id, user);
  }
}
