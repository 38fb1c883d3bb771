import { Injectable } from '@nestjs/common';
import { loadDistributionPolicy } from '#catalog';
import { UnitOfWork, type StatsRange } from '#persistence';

/**
 * The city dashboard's figures, computed in SQL (one dialect for PostgreSQL and PGlite). A range, when
 * given, selects leads by their submission time; offers and projects follow their leads.
 *
 * 产业契合度 (specialization fit) of a park: of the projects the park accepted, the share that fall inside its
 * specialization. A project is inside when the ranking that produced the accepted offer was not no-fit, the
 * park's score reached the sharing policy's minScore, and at least one of the park's reasons is of kind
 * `sector` or `declared-sector` (the lead's recognised or declared sector is one of the park's 主攻方向 itself,
 * not only an up/downstream link of the chain). Parks with no accepted project have no figure (null).
 *
 * Offer acceptance rate: accepted / (accepted + declined), over offers the park itself decided (withdrawn
 * offers are left out). Response time: hours from the offer to the park's decision, median over decided offers.
 */
@Injectable()
export class StatsService {
  private readonly policy = loadDistributionPolicy();

  constructor(private readonly uow: UnitOfWork) {}

  async overview(r: StatsRange = {}) {
    const { byBoard, bySector, byBoardSector, parks, funnel: f, totals } = await this.uow.read((repos) => repos.stats.overview(r, this.policy.minScore));
    return {
      range: { from: r.from ?? null, to: r.to ?? null },
      definitions: {
        acceptanceRate: '接收率 = 园区接收数 ÷（接收数 + 拒绝数）；因其他园区先接收而撤回的推荐不计入',
        medianResponseHours: '响应时间 = 推荐送达到园区作出接收或拒绝所用的时间，取中位数',
        fit: `产业契合度 = 园区已接收项目中，推荐不属于“无匹配”、园区得分不低于共享门槛 ${this.policy.minScore}、且理由中含“主攻方向对口”（行业或申报行业直接属于园区主攻方向，不含仅产业链上下游相关）的项目所占比例`,
        funnel: '漏斗按线索提交时间统计；“签约/开工/投产”含曾到达该阶段后暂停的项目',
      },
      leadsByBoard: byBoard,
      leadsBySector: bySector,
      leadsByBoardSector: byBoardSector,
      parks: parks.map((p) => ({
        ...p,
        acceptanceRate: p.accepted + p.declined ? p.accepted / (p.accepted + p.declined) : null,
        medianResponseHours: p.medianResponseHours === null ? null : Math.round(p.medianResponseHours * 10) / 10,
        // the same median in minutes (0.01): most answers come within the hour, where hours round to 0
        medianResponseMinutes: p.medianResponseHours === null ? null : Math.round(p.medianResponseHours * 6000) / 100,
        fit: p.projects ? p.inSpecialization / p.projects : null,
      })),
      funnel: [
        { step: '线索', count: f.leads },
        { step: '已推送', count: f.shared },
        { step: '洽谈', count: f.accepted },
        { step: '签约', count: f.signed },
        { step: '开工', count: f.started },
        { step: '投产', count: f.producing },
      ],
      review: f.review,
      statusBreakdown: totals,
    };
  }
}
