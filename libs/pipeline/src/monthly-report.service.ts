import { Injectable } from '@nestjs/common';
import { CHINA_MONTH, chinaMonthRange, isCityWide, type Viewer } from '#domain';
import { DomainError } from '#errors';
import { UnitOfWork } from '#persistence';
import { INDICATORS, INDICATOR_NAMES, type ExportTable } from '#sharing';
import { SharingLedgerViews } from './sharing-views.service.js';

/** A calendar month in Nantong (Asia/Shanghai): its instants [from, to) and its first and last day; a bad month is a 400. */
export function monthSpan(month: string): { from: Date; to: Date; firstDay: string; lastDay: string } {
  const m = CHINA_MONTH.exec(month);
  if (!m) throw new DomainError('VALIDATION_FAILED', `月份须为 YYYY-MM（如 2026-11），收到 ${month.slice(0, 20)}`, [{ field: 'month', message: '月份须为 YYYY-MM' }]);
  const lastDay = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  return { ...chinaMonthRange(month), firstDay: `${month}-01`, lastDay: `${month}-${String(lastDay).padStart(2, '0')}` };
}

const pct = (a: number, d: number) => (d ? Math.round((a / d) * 1000) / 10 : null);

/**
 * 月度统计表: per board and per park for one month, what a manager forwards: new leads, offers, decisions and
 * acceptance rate, projects signed and started in the month, the investment (万元) at each step, and the
 * benefit-sharing credit (利益共享考核) each board gets for the month. A board sees its row and its parks, a park
 * its own row, the city everything.
 */
@Injectable()
export class MonthlyReportService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ledger: SharingLedgerViews,
  ) {}

  async report(month: string, viewer: Viewer) {
    const span = monthSpan(month);
    const [{ boards, parks }, totals] = await Promise.all([
      this.uow.read((r) => r.stats.monthly(span.from, span.to)),
      this.ledger.totals({ from: span.firstDay, to: span.lastDay }),
    ]);
    const credit = new Map<string, Record<string, number>>();
    for (const t of totals.boards) {
      const c = credit.get(t.boardId) ?? {};
      c[t.indicator] = (c[t.indicator] ?? 0) + t.total;
      credit.set(t.boardId, c);
    }
    const seesBoard = (id: string) => isCityWide(viewer) || (viewer.role === 'promoter' && viewer.boardId === id);
    const seesPark = (p: { parkId: string; boardId: string }) => isCityWide(viewer) || (viewer.role === 'promoter' && viewer.boardId === p.boardId) || (viewer.role === 'park_operator' && viewer.parkId === p.parkId);
    const boardNames = new Map(boards.map((b) => [b.boardId, b.board]));
    return {
      month,
      period: { from: span.firstDay, to: span.lastDay, timeZone: 'Asia/Shanghai' },
      indicators: INDICATORS.map((code) => ({ code, name: INDICATOR_NAMES[code] })),
      boards: boards.filter((b) => seesBoard(b.boardId)).map((b) => ({ ...b, acceptanceRate: pct(b.accepted, b.accepted + b.declined), sharingCredit: credit.get(b.boardId) ?? {} })),
      parks: parks.filter(seesPark).map((p) => ({ ...p, board: boardNames.get(p.boardId) ?? p.boardId, acceptanceRate: pct(p.accepted, p.accepted + p.declined) })),
    };
  }

  /** The report as two sheets with Chinese headers, names not ids, and the period in the title. */
  async tables(month: string, viewer: Viewer): Promise<ExportTable[]> {
    const rep = await this.report(month, viewer);
    const c = (key: string, header: string, width = 12) => ({ key, header, width });
    const steps = [c('accepted', '接收'), c('declined', '拒绝'), c('acceptanceRate', '接收率（%）'), c('acceptedAmountWan', '接收投资额（万元）', 16), c('signed', '签约'), c('signedAmountWan', '签约投资额（万元）', 16), c('started', '开工'), c('startedAmountWan', '开工投资额（万元）', 16)];
    return [
      {
        sheetName: `${month} 板块`,
        columns: [c('board', '板块', 22), c('newLeads', '新增线索'), c('newAmountWan', '新增线索投资额（万元）', 18), c('offers', '推送园区次数'), ...steps, ...rep.indicators.map((i) => c(`credit_${i.code}`, `利益共享考核·${i.name}（元）`, 20))],
        rows: rep.boards.map(({ sharingCredit, ...b }) => ({ ...b, acceptanceRate: b.acceptanceRate ?? '', ...Object.fromEntries(rep.indicators.map((i) => [`credit_${i.code}`, sharingCredit[i.code] ?? 0])) })),
      },
      {
        sheetName: `${month} 园区`,
        columns: [c('park', '园区', 26), c('board', '所属板块', 22), c('offers', '收到推荐'), ...steps],
        rows: rep.parks.map((p) => ({ ...p, acceptanceRate: p.acceptanceRate ?? '' })),
      },
    ];
  }
}
