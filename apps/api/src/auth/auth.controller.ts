import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthService, type Principal } from '#auth';
import { ADMIN_QUERIES, ADMIN_REQUESTS } from '#contract';
import { ApiBodyFrom, parseBody } from '../common/body.js';
import { ApiQueryFrom, parseQuery, toPage } from '../common/query.js';
import { CurrentUser, Public, Roles } from './decorators.js';

@ApiTags('登录与账号 auth')
@ApiBearerAuth()
@Controller('api')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: '用户名 + 密码登录，返回短期令牌（默认 8 小时）；之后请求头携带 Authorization: Bearer <token>' })
  @ApiBodyFrom(ADMIN_REQUESTS.login, { username: 'promoter-haian', password: 'parkmatch-demo' })
  login(@Body() body: unknown, @Req() req: Request) {
    const b = parseBody(ADMIN_REQUESTS.login, body);
    return this.auth.login(b.username, b.password, req.ip ?? 'unknown');
  }

  @Post('auth/logout')
  @HttpCode(200)
  @ApiOperation({ summary: '退出登录：吊销当前令牌' })
  logout(@CurrentUser() user: Principal) {
    return this.auth.logout(user);
  }

  @Get('auth/me')
  @ApiOperation({ summary: '当前登录的账号' })
  me(@CurrentUser() user: Principal) {
    return this.auth.me(user);
  }

  @Roles('admin', 'manager')
  @Post('auth/api-tokens')
  @ApiOperation({ summary: '创建对接系统用的长期 API 令牌（只显示一次）；管理员可为其他账号创建' })
  @ApiBodyFrom(ADMIN_REQUESTS.createToken, { name: '海安市招商系统对接', username: 'promoter-haian', expiresInDays: 365 })
  createApiToken(@CurrentUser() user: Principal, @Body() body: unknown) {
    const b = parseBody(ADMIN_REQUESTS.createToken, body);
    return this.auth.createApiToken(user, b);
  }

  @Roles('admin', 'manager')
  @Get('auth/api-tokens')
  @ApiOperation({ summary: 'API 令牌列表（不含令牌本身）：管理员看全部，市科技局看自己的' })
  @ApiQueryFrom(ADMIN_QUERIES.tokens)
  listApiTokens(@CurrentUser() user: Principal, @Query() query: unknown) {
    return this.auth.listApiTokens(user, toPage(parseQuery(ADMIN_QUERIES.tokens, query)));
  }

  @Roles('admin', 'manager')
  @Delete('auth/api-tokens/:id')
  @ApiOperation({ summary: '吊销一个 API 令牌，立即失效' })
  revokeApiToken(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.auth.revokeApiToken(user, id);
  }

  @Roles('admin')
  @Get('users')
  @ApiOperation({ summary: '账号列表（系统管理员）' })
  @ApiQueryFrom(ADMIN_QUERIES.users)
  users(@Query() query: unknown) {
    return this.auth.listUsers(toPage(parseQuery(ADMIN_QUERIES.users, query)));
  }

  @Roles('admin')
  @Post('users')
  @ApiOperation({ summary: '创建账号（系统管理员）：promoter 须给 boardId，park_operator 须给 parkId' })
  @ApiBodyFrom(ADMIN_REQUESTS.createUser, { username: 'haian-wangmin', name: '海安市招商局-王敏', role: 'promoter', boardId: 'haian', password: '至少 10 位的密码' })
  createUser(@Body() body: unknown) {
    const b = parseBody(ADMIN_REQUESTS.createUser, body);
    return this.auth.createUser(b);
  }

  @Roles('admin')
  @Patch('users/:id')
  @ApiOperation({ summary: '修改账号（系统管理员）：姓名、角色与所属板块/园区，停用或恢复；停用后其令牌立即失效；不能停用或降级自己' })
  @ApiBodyFrom(ADMIN_REQUESTS.updateUser, { disabled: true })
  updateUser(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: Principal) {
    const b = parseBody(ADMIN_REQUESTS.updateUser, body);
    return this.auth.updateUser(user, id, b);
  }

  @Roles('admin')
  @Post('users/:id/password')
  @HttpCode(200)
  @ApiOperation({ summary: '重置密码（系统管理员）：设置新密码，该账号已登录的会话随即失效（API 令牌不受影响）' })
  @ApiBodyFrom(ADMIN_REQUESTS.resetPassword, { password: '至少 10 位的新密码' })
  resetPassword(@Param('id') id: string, @Body() body: unknown) {
    const b = parseBody(ADMIN_REQUESTS.resetPassword, body);
    return this.auth.resetPassword(id, b.password);
  }
}
