import { Controller, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthService, type Principal } from '#auth';
import { ADMIN_QUERIES, ADMIN_REQUESTS } from '#contract';
import { Endpoint, ParsedBody, ParsedQuery, type BodyOf, type QueryOf } from '../common/endpoint.js';
import { toPage } from '../common/query.js';
import { CurrentUser } from './decorators.js';

type Body<K extends keyof typeof ADMIN_REQUESTS> = BodyOf<(typeof ADMIN_REQUESTS)[K]>;

@ApiTags('登录与账号 auth')
@ApiBearerAuth()
@Controller('api')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Endpoint({
    post: 'auth/login', public: true, status: 200, body: ADMIN_REQUESTS.login, example: { username: 'promoter-haian', password: 'parkmatch-demo' },
    summary: '用户名 + 密码登录，返回短期令牌（默认 8 小时）；之后请求头携带 Authorization: Bearer <token>',
  })
  login(@ParsedBody() b: Body<'login'>, @Req() req: Request) {
    return this.auth.login(b.username, b.password, req.ip ?? 'unknown');
  }

  @Endpoint({ post: 'auth/logout', status: 200, summary: '退出登录：吊销当前令牌' })
  logout(@CurrentUser() user: Principal) {
    return this.auth.logout(user);
  }

  @Endpoint({ get: 'auth/me', summary: '当前登录的账号' })
  me(@CurrentUser() user: Principal) {
    return this.auth.me(user);
  }

  @Endpoint({
    post: 'auth/api-tokens', roles: ['admin', 'manager'], body: ADMIN_REQUESTS.createToken, example: { name: '海安市招商系统对接', username: 'promoter-haian', expiresInDays: 365 },
    summary: '创建对接系统用的长期 API 令牌（只显示一次）；管理员可为其他账号创建',
  })
  createApiToken(@CurrentUser() user: Principal, @ParsedBody() b: Body<'createToken'>) {
    return this.auth.createApiToken(user, b);
  }

  @Endpoint({ get: 'auth/api-tokens', roles: ['admin', 'manager'], query: ADMIN_QUERIES.tokens, summary: 'API 令牌列表（不含令牌本身）：管理员看全部，市科技局看自己的' })
  listApiTokens(@CurrentUser() user: Principal, @ParsedQuery() q: QueryOf<typeof ADMIN_QUERIES.tokens>) {
    return this.auth.listApiTokens(user, toPage(q));
  }

  @Endpoint({ delete: 'auth/api-tokens/:id', roles: ['admin', 'manager'], summary: '吊销一个 API 令牌，立即失效' })
  revokeApiToken(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.auth.revokeApiToken(user, id);
  }

  @Endpoint({ get: 'users', roles: ['admin'], query: ADMIN_QUERIES.users, summary: '账号列表（系统管理员）' })
  users(@ParsedQuery() q: QueryOf<typeof ADMIN_QUERIES.users>) {
    return this.auth.listUsers(toPage(q));
  }

  @Endpoint({
    post: 'users', roles: ['admin'], body: ADMIN_REQUESTS.createUser, example: { username: 'haian-wangmin', name: '海安市招商局-王敏', role: 'promoter', boardId: 'haian', password: '至少 10 位的密码' },
    summary: '创建账号（系统管理员）：promoter 须给 boardId，park_operator 须给 parkId',
  })
  createUser(@ParsedBody() b: Body<'createUser'>) {
    return this.auth.createUser(b);
  }

  @Endpoint({
    patch: 'users/:id', roles: ['admin'], body: ADMIN_REQUESTS.updateUser, example: { disabled: true },
    summary: '修改账号（系统管理员）：姓名、角色与所属板块/园区，停用或恢复；停用后其令牌立即失效；不能停用或降级自己',
  })
  updateUser(@Param('id') id: string, @ParsedBody() b: Body<'updateUser'>, @CurrentUser() user: Principal) {
    return this.auth.updateUser(user, id, b);
  }

  @Endpoint({
    post: 'users/:id/password', roles: ['admin'], status: 200, body: ADMIN_REQUESTS.resetPassword, example: { password: '至少 10 位的新密码' },
    summary: '重置密码（系统管理员）：设置新密码，该账号已登录的会话随即失效（API 令牌不受影响）',
  })
  resetPassword(@Param('id') id: string, @ParsedBody() b: Body<'resetPassword'>) {
    return this.auth.resetPassword(id, b.password);
  }
}
