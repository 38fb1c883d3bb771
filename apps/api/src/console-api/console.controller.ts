import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '#auth';
import { LEAD_REQUESTS } from '#contract';
import { actorName, CLOSE_REASONS, DECLINE_REASONS, FOLLOW_UP_KINDS, LEAD_STATUS_LABELS, LEAD_STATUSES, STAGES } from '#domain';
import { CHANNELS } from '#intake';
import { ParkRevisionService, PeopleService, StatsService } from '#pipeline';
import { CurrentUser, Roles } from '../auth/decorators.js';
import { ApiBodyFrom, parseBody } from '../common/body.js';
import { ApiQueryFrom, fromDateParam, parseQuery, toDateParam } from '../common/query.js';

const periodQuery = { from: fromDateParam.optional(), to: toDateParam.optional() };

const directions = z
  .array(z.object({ text: z.string().trim().min(1, '主攻方向不能为空').max(200, '单个主攻方向不超过 200 字'), en: z.string().max(200).optional() }).strict(), { message: '须为主攻方向数组' })
  .min(1, '至少保留一个主攻方向')
  .max(20, '主攻方向不超过 20 个');

@ApiTags('控制台 console')
@Controller('api')
export class ConsoleController {
  constructor(private readonly revisions: ParkRevisionService, private readonly stats: StatsService, private readonly people: PeopleService) {}

  @Get('people')
  @ApiOperation({ summary: '显示名：把历史记录里的账号名（如 promoter-haian、system）换成人读的名称；未知的原样返回。ids 逗号分隔，最多 200 个' })
  @ApiQueryFrom({ ids: z.string() })
  peopleNames(@Query() q: unknown) {
    const { ids } = parseQuery({ ids: z.string({ message: '请用 ids 给出账号名，逗号分隔' }).max(8000, 'ids 过长：一次最多 200 个账号名') }, q);
    return this.people.names(ids.split(',').slice(0, 200));
  }

  @Roles('promoter', 'manager', 'admin')
  @Post('match/preview')
  @HttpCode(200)
  @ApiOperation({ summary: '试算：按当前园区画像给一段项目描述排出 20 个园区及理由；不保存任何数据（线索表单实时预览）' })
  @ApiBodyFrom(LEAD_REQUESTS.preview, { description: '碳化硅功率器件及外延片项目', sector: '第三代半导体' })
  preview(@Body() body: unknown, @CurrentUser() user: Principal) {
    const b = parseBody(LEAD_REQUESTS.preview, body);
    // A promoter's leads come from its own board: the preview shares them as its submission would be.
    const originBoard = user.role === 'promoter' ? user.boardId : b.originBoard || undefined;
    return this.revisions.previewLead(b.description, b.sector || undefined, b.amountWan, b.landMu, originBoard);
  }

  @Roles('manager', 'admin')
  @Post('parks/:id/revision-preview')
  @HttpCode(200)
  @ApiOperation({ summary: '年度修订预览：按拟修订的主攻方向重排全部未结线索，列出排名会变化的线索；不保存' })
  @ApiBody({ schema: { example: { directions: [{ text: '新材料（铝镁合金、磁性材料）' }, { text: '高端装备' }] } } })
  revisionPreview(@Param('id') id: string, @Body() body: unknown) {
    const b = parseBody({ directions }, body);
    return this.revisions.previewRevision(id, b.directions);
  }

  @Roles('manager', 'admin')
  @Post('parks/:id/versions')
  @HttpCode(201)
  @ApiOperation({ summary: '保存年度修订为园区画像新版本（修订人取自登录账号），并在后台按新画像重算全部未结线索' })
  @ApiBody({ schema: { example: { directions: [{ text: '新材料（铝镁合金、磁性材料）' }], note: '2025 年度动态评估' } } })
  saveVersion(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: Principal) {
    const b = parseBody(
      {
        directions,
        note: z.string().trim().min(1, '请填写修订说明（note）').max(200, '修订说明不超过 200 字'),
      },
      body,
    );
    return this.revisions.saveRevision(id, b.directions, actorName(user), b.note);
  }

  @Roles('manager', 'admin')
  @Get('stats/overview')
  @ApiOperation({ summary: '全市看板：各板块、行业线索数，各园区接收率与响应时间，线索→投产漏斗，各园区产业契合度（口径见 definitions）' })
  @ApiQueryFrom(periodQuery)
  overview(@Query() query: unknown) {
    const q = parseQuery(periodQuery, query);
    return this.stats.overview({ from: q.from, to: q.to });
  }

  @Get('meta')
  @ApiOperation({ summary: '控制台用的代码表：拒绝原因、项目阶段、招商渠道、线索状态' })
  meta() {
    return {
      declineReasons: Object.entries(DECLINE_REASONS).map(([code, label]) => ({ code, label })),
      closeReasons: Object.entries(CLOSE_REASONS).map(([code, label]) => ({ code, label })),
      stages: STAGES,
      channels: CHANNELS,
      followUpKinds: FOLLOW_UP_KINDS,
      leadStatuses: LEAD_STATUSES.map((code) => ({ code, label: LEAD_STATUS_LABELS[code] })),
    };
  }
}
