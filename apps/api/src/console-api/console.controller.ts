import { Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Principal } from '#auth';
import { ADMIN_QUERIES, LEAD_REQUESTS, PARK_REQUESTS, REPORT_QUERIES } from '#contract';
import { actorName, CLOSE_REASONS, DECLINE_REASONS, FOLLOW_UP_KINDS, LEAD_STATUS_LABELS, LEAD_STATUSES, STAGES } from '#domain';
import { CHANNELS } from '#intake';
import { ParkRevisionService, PeopleService, StatsService } from '#pipeline';
import { CurrentUser } from '../auth/decorators.js';
import { Endpoint, ParsedBody, ParsedQuery, type BodyOf, type QueryOf } from '../common/endpoint.js';

@ApiTags('控制台 console')
@Controller('api')
export class ConsoleController {
  constructor(private readonly revisions: ParkRevisionService, private readonly stats: StatsService, private readonly people: PeopleService) {}

  @Endpoint({ get: 'people', query: ADMIN_QUERIES.people, summary: '显示名：把历史记录里的账号名（如 promoter-haian、system）换成人读的名称；未知的原样返回。ids 逗号分隔，最多 200 个' })
  peopleNames(@ParsedQuery() q: QueryOf<typeof ADMIN_QUERIES.people>) {
    return this.people.names(q.ids.split(',').slice(0, 200));
  }

  @Endpoint({
    post: 'match/preview', roles: ['promoter', 'manager', 'admin'], status: 200, body: LEAD_REQUESTS.preview, example: { description: '碳化硅功率器件及外延片项目', sector: '第三代半导体' },
    summary: '试算：按当前园区画像给一段项目描述排出 20 个园区及理由；不保存任何数据（线索表单实时预览）',
  })
  preview(@ParsedBody() b: BodyOf<typeof LEAD_REQUESTS.preview>, @CurrentUser() user: Principal) {
    // A promoter's leads come from its own board: the preview shares them as its submission would be.
    const originBoard = user.role === 'promoter' ? user.boardId : b.originBoard || undefined;
    return this.revisions.previewLead(b.description, b.sector || undefined, b.amountWan, b.landMu, originBoard);
  }

  @Endpoint({
    post: 'parks/:id/revision-preview', roles: ['manager', 'admin'], status: 200, body: PARK_REQUESTS.revisionPreview,
    example: { directions: [{ text: '新材料（铝镁合金、磁性材料）' }, { text: '高端装备' }] },
    summary: '年度修订预览：按拟修订的主攻方向重排全部未结线索，列出排名会变化的线索；不保存',
  })
  revisionPreview(@Param('id') id: string, @ParsedBody() b: BodyOf<typeof PARK_REQUESTS.revisionPreview>) {
    return this.revisions.previewRevision(id, b.directions);
  }

  @Endpoint({
    post: 'parks/:id/versions', roles: ['manager', 'admin'], status: 201, body: PARK_REQUESTS.saveVersion,
    example: { directions: [{ text: '新材料（铝镁合金、磁性材料）' }], note: '2025 年度动态评估' },
    summary: '保存年度修订为园区画像新版本（修订人取自登录账号），并在后台按新画像重算全部未结线索',
  })
  saveVersion(@Param('id') id: string, @ParsedBody() b: BodyOf<typeof PARK_REQUESTS.saveVersion>, @CurrentUser() user: Principal) {
    return this.revisions.saveRevision(id, b.directions, actorName(user), b.note);
  }

  @Endpoint({
    get: 'stats/overview', roles: ['manager', 'admin'], query: REPORT_QUERIES.overview,
    summary: '全市看板：各板块、行业线索数，各园区接收率与响应时间，线索→投产漏斗，各园区产业契合度（口径见 definitions）',
  })
  overview(@ParsedQuery() q: QueryOf<typeof REPORT_QUERIES.overview>) {
    return this.stats.overview({ from: q.from, to: q.to });
  }

  @Endpoint({ get: 'meta', summary: '控制台用的代码表：拒绝原因、项目阶段、招商渠道、线索状态' })
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
