import { Controller, Header, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#auth';
import { SHARING_QUERIES, SHARING_REQUESTS } from '#contract';
import { toCsv } from '#sharing';
import { SharingLedgerService, SharingLedgerViews, type RecordListFilter } from '#pipeline';
import { Endpoint, ParsedBody, ParsedQuery, type BodyOf, type QueryOf } from '../common/endpoint.js';
import { CurrentUser } from '../auth/decorators.js';
import { actingUser, readScope } from './acting-user.js';
import { toXlsx } from '../common/xlsx.js';

const listQuery = SHARING_QUERIES.list;
const filterQuery = SHARING_QUERIES.export;
const totalsQuery = SHARING_QUERIES.totals;
const recordQuery = SHARING_QUERIES.record;

type Body<K extends keyof typeof SHARING_REQUESTS> = BodyOf<(typeof SHARING_REQUESTS)[K]>;

function toFilter(q: QueryOf<typeof filterQuery>): RecordListFilter {
  return { boardId: q.board, boardSide: q.boardSide, parkId: q.park, statuses: q.status, from: q.from, to: q.to, periodBasis: q.basis, includeSuperseded: q.includeSuperseded === 'true' };
}

@ApiTags('利益共享 sharing')
@ApiBearerAuth()
@Controller('api/sharing-records')
export class SharingController {
  constructor(private readonly ledger: SharingLedgerService, private readonly views: SharingLedgerViews) {}

  @Endpoint({ get: '', query: listQuery, summary: '利益共享记录：按板块、园区、状态、期间筛选分页（最新在前）' })
  list(@ParsedQuery() q: QueryOf<typeof listQuery>, @CurrentUser() user: Principal) {
    return this.views.list({ ...toFilter(q), ...readScope(user) }, { page: q.page, pageSize: q.pageSize });
  }

  @Endpoint({ get: 'totals', roles: ['manager', 'admin'], query: totalsQuery, summary: '期间内各板块各指标的考核合计：双算与分算分列，附对账结果' })
  totals(@ParsedQuery() q: QueryOf<typeof totalsQuery>) {
    return this.views.totals({ from: q.from, to: q.to });
  }

  @Endpoint({ get: 'export.csv', query: filterQuery, summary: '导出利益共享记录（CSV，UTF-8 带 BOM，中文表头；筛选同列表）' })
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', `attachment; filename="sharing-records.csv"; filename*=UTF-8''${encodeURIComponent('利益共享记录')}.csv`)
  async exportCsv(@ParsedQuery() q: QueryOf<typeof filterQuery>, @CurrentUser() user: Principal) {
    return toCsv(await this.views.exportTable({ ...toFilter(q), ...readScope(user) }));
  }

  @Endpoint({ get: 'export.xlsx', query: filterQuery, summary: '导出利益共享记录（XLSX，中文表头；筛选同列表）' })
  async exportXlsx(@ParsedQuery() q: QueryOf<typeof filterQuery>, @CurrentUser() user: Principal) {
    const buffer = await toXlsx(await this.views.exportTable({ ...toFilter(q), ...readScope(user) }));
    return new StreamableFile(buffer, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="sharing-records.xlsx"; filename*=UTF-8''${encodeURIComponent('利益共享记录')}.xlsx`,
    });
  }

  @Endpoint({ get: ':id', query: recordQuery, summary: '一条记录：全部版本、每一步的操作记录（谁、何时）、指标数值与逐年收益分成计划' })
  get(@Param('id') id: string, @ParsedQuery() q: QueryOf<typeof recordQuery>, @CurrentUser() user: Principal) {
    return this.views.get(id, { yearlyRevenue: q.revenue }, actingUser(user));
  }

  @Endpoint({
    post: ':id/confirm', status: 200, body: SHARING_REQUESTS.confirm, example: { comment: '同意默认规则', expectedRevision: 1 },
    summary: '板块确认：来源板块招商人员、承接园区（或承接板块招商人员）各确认一次',
  })
  confirm(@Param('id') id: string, @ParsedBody() b: Body<'confirm'>, @CurrentUser() user: Principal) {
    return this.ledger.confirm(id, actingUser(user), b);
  }

  @Endpoint({ post: ':id/approve', roles: ['manager'], status: 200, body: SHARING_REQUESTS.approve, example: { comment: '同意' }, summary: '市科技局批准（双方确认后）；已签约的项目直接生效' })
  approve(@Param('id') id: string, @ParsedBody() b: Body<'approve'>, @CurrentUser() user: Principal) {
    return this.ledger.approve(id, actingUser(user), b);
  }

  @Endpoint({ post: ':id/reject', roles: ['manager'], status: 200, body: SHARING_REQUESTS.reject, example: { comment: '分成比例超出协议约定，请核实' }, summary: '市科技局驳回，须填写意见' })
  reject(@Param('id') id: string, @ParsedBody() b: Body<'reject'>, @CurrentUser() user: Principal) {
    return this.ledger.reject(id, actingUser(user), b);
  }

  @Endpoint({
    post: ':id/terms', status: 200, body: SHARING_REQUESTS.terms,
    example: {
      terms: {
        credit: { signed_amount: { mode: 'double' }, funds_in_place: { mode: 'double' }, fixed_asset_investment: { mode: 'split', originBp: 4000, receiverBp: 6000 }, output_value: { mode: 'split', originBp: 4000, receiverBp: 6000 }, tax: { mode: 'split', originBp: 3000, receiverBp: 7000 } },
        creditWindow: { years: 5, startEvent: 'construction_start' },
        revenueShare: { originBp: 2000, years: 3, startEvent: 'first_tax' },
        agreementRef: '海安-如东〔2025〕1号',
      },
    },
    summary: '修改条款（协商协议，或 defaults: true 恢复默认规则）；批准前可改，双方须重新确认',
  })
  editTerms(@Param('id') id: string, @ParsedBody() b: Body<'terms'>, @CurrentUser() user: Principal) {
    return this.ledger.editTerms(id, actingUser(user), b);
  }

  @Endpoint({
    post: ':id/amend', status: 201, body: SHARING_REQUESTS.amend, example: { defaults: true, reason: '双方协商改回默认规则', expectedRevision: 1 },
    summary: '变更已批准的记录：生成引用原版本的新版本，重新确认、审批；原版本不变',
  })
  amend(@Param('id') id: string, @ParsedBody() b: Body<'amend'>, @CurrentUser() user: Principal) {
    return this.ledger.amend(id, actingUser(user), b);
  }

  @Endpoint({
    post: ':id/indicators', roles: ['park_operator', 'manager', 'admin'], status: 200, body: SHARING_REQUESTS.indicators,
    example: { values: [{ indicator: 'signed_amount', periodFrom: '2025-03-01', periodTo: '2025-03-01', amountWan: '200000' }] },
    summary: '填报项目指标数值（元，或 amountWan 万元），按指标与期间；承接园区或管理员',
  })
  indicators(@Param('id') id: string, @ParsedBody() b: Body<'indicators'>, @CurrentUser() user: Principal) {
    return this.ledger.recordIndicators(id, actingUser(user), b.values);
  }
}
