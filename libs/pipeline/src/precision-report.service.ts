import { Injectable } from '@nestjs/common';
import { chinaMonth, chinaMonthRange, DECLINE_REASONS, type DeclineReason } from '#domain';
import { UnitOfWork } from '#persistence';

interface Counts {
  offers: number;
  accepted: number;
  declined: number;
  withdrawn: number;
  open: number;
  signed: number;
}

const share = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

/**
 * The manager's monthly precision report: of the offers made in a month (Asia/Shanghai), how many the parks
 * accepted, declined (by reason) and signed. The share of offers accepted is the precision a park feels.
 */
@Injectable()
export class PrecisionReportService {
  constructor(private readonly uow: UnitOfWork) {}

  async month(month: string = chinaMonth(new Date())) {
    const { from, to } = chinaMonthRange(month);
    const { parks, declineReasons } = await this.uow.read((r) => r.outcomes.precision(from, to));
    const reasonsOf = (rows: { reason: string; n: number }[]) =>
      (Object.keys(DECLINE_REASONS) as DeclineReason[]).map((code) => ({ code, label: DECLINE_REASONS[code], count: rows.filter((x) => x.reason === code).reduce((a, x) => a + x.n, 0) }));
    const figures = (c: Counts, rows: { reason: string; n: number }[]) => ({
      ...c,
      declinedBy: reasonsOf(rows),
      acceptedShare: share(c.accepted, c.offers),
      acceptedOfDecided: share(c.accepted, c.accepted + c.declined),
    });
    const sum = (k: keyof Counts) => parks.reduce((a, p) => a + p[k], 0);
    const total: Counts = { offers: sum('offers'), accepted: sum('accepted'), declined: sum('declined'), withdrawn: sum('withdrawn'), open: sum('open'), signed: sum('signed') };
    return {
      month,
      timeZone: 'Asia/Shanghai',
      range: { from, to },
      definitions: {
        offers: '推荐数 = 当月（北京时间）发出的推荐；其后的接收、拒绝、签约都归入推荐发出的月份',
        acceptedShare: '推荐接收率 = 接收数 ÷ 推荐数（含仍待处理和因他园先接收而撤回的推荐）',
        acceptedOfDecided: '已处理推荐的接收率 = 接收数 ÷（接收数 + 拒绝数）',
        signed: '签约数 = 接收的项目中已到达签约（或其后的开工、投产）阶段的数量，其后暂停或终止的也计入',
      },
      overall: figures(total, declineReasons),
      parks: parks.map((p) => ({ parkId: p.parkId, park: p.park, boardId: p.boardId, board: p.board, ...figures(p, declineReasons.filter((x) => x.parkId === p.parkId)) })),
    };
  }
}
