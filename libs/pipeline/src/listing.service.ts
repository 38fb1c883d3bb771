import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { actorName, isCityWide, operatesPark, type ListingKind, type Viewer } from '#domain';
import { SQUARE_METRES_PER_MU } from '#intake';
import { UnitOfWork, type ListingFilter } from '#persistence';
import { DomainError, invalid } from './domain-error.js';

/** What a park publishes (validated at the API edge by listing.dto.ts; checked against the park here). */
export interface ListingInput {
  kind: ListingKind;
  /** Publishing park: the operator's own park; city-wide users name it. */
  park?: string;
  title: string;
  sectors: string[];
  description: string;
  status?: 'open' | 'closed';
  note?: string;
  // 应用场景
  owner?: string;
  budgetWan?: number;
  pilotTerms?: string;
  deadline?: string;
  // 基金
  stages?: string[];
  sizeCny100m?: number;
  ticketMinWan?: number;
  ticketMaxWan?: number;
  // 载体
  carrierKind?: string;
  area?: { value: number; unit: '平方米' | '亩' };
  floorLoadKn?: number;
  cleanRoom?: string;
  powerKva?: number;
  price?: string;
  availability?: string;
  availableFrom?: string;
}

/** The stored content of one version: the input without routing fields, carriers' area in both units. */
function toContent(i: ListingInput): Record<string, unknown> {
  const { kind: _k, park: _p, note: _n, status: _s, ...content } = i;
  if (i.area) {
    const mu = i.area.unit === '亩' ? i.area.value : i.area.value / SQUARE_METRES_PER_MU;
    Object.assign(content, { areaMu: Math.round(mu * 100) / 100, areaM2: Math.round(mu * SQUARE_METRES_PER_MU) });
  }
  return content;
}

function hashOf(status: string, content: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify({ status, content })).digest('hex');
}

/** Listings (应用场景 / 基金 / 载体): published and revised by a park's operator, read city-wide; every revision kept. */
@Injectable()
export class ListingService {
  constructor(private readonly uow: UnitOfWork) {}

  private async parkFor(viewer: Viewer, named: string | undefined): Promise<string> {
    if (viewer.role === 'park_operator') {
      if (named && named !== viewer.parkId) throw new DomainError('WRONG_PARK', `只能以本园区（${viewer.parkId}）发布；发布园区取自登录账号，可不填 park`);
      return viewer.parkId!;
    }
    if (!isCityWide(viewer)) throw new DomainError('ROLE_FORBIDDEN', '只有园区运营或市科技局可以发布应用场景、基金和载体');
    if (!named) throw invalid('请给出发布园区 park（园区编号，见 GET /api/parks）', [{ field: 'park', message: '缺少发布园区' }]);
    const park = await this.uow.read((r) => r.parks.findPark(named));
    if (!park) throw new DomainError('PARK_UNKNOWN', `园区 ${named} 不存在（见 GET /api/parks）`, [{ field: 'park', message: '园区不存在' }]);
    return named;
  }

  private check(i: ListingInput): void {
    if (i.kind === 'scenario' && i.deadline && i.status !== 'closed' && i.deadline < new Date().toISOString().slice(0, 10))
      throw new DomainError('LISTING_DEADLINE_PASSED', `截止日期 ${i.deadline} 已过；请填写今天或以后的日期，或将场景关闭（status: closed）`, [{ field: 'deadline', message: '截止日期已过' }]);
    if (i.kind === 'fund' && i.ticketMinWan !== undefined && i.ticketMaxWan !== undefined && i.ticketMinWan > i.ticketMaxWan)
      throw new DomainError('FUND_TICKET_RANGE', '单笔投资下限不能高于上限（ticketMinWan ≤ ticketMaxWan）', [{ field: 'ticketMinWan', message: '下限高于上限' }]);
    if (i.kind === 'fund' && i.sizeCny100m !== undefined && i.ticketMaxWan !== undefined && i.ticketMaxWan > i.sizeCny100m * 10_000)
      throw new DomainError('FUND_TICKET_RANGE', '单笔投资上限超过了基金规模，请核对单位（规模为亿元，单笔为万元）', [{ field: 'ticketMaxWan', message: '超过基金规模' }]);
  }

  async create(i: ListingInput, viewer: Viewer) {
    const parkId = await this.parkFor(viewer, i.park);
    this.check(i);
    const id = randomUUID();
    const status = i.status ?? 'open';
    const content = toContent(i);
    await this.uow.transaction((r) =>
      r.listings.create({ id, parkId, kind: i.kind, title: i.title, status, content, contentHash: hashOf(status, content), note: i.note ?? null, actor: actorName(viewer) }),
    );
    return this.detail(id);
  }

  /** A revision is the whole listing as it should read now; the previous versions stay readable. */
  async revise(id: string, i: ListingInput, viewer: Viewer) {
    const current = await this.uow.read((r) => r.listings.find(id));
    if (!current) throw new DomainError('LISTING_NOT_FOUND', `招商资源 ${id} 不存在（见 GET /api/listings）`);
    if (!isCityWide(viewer) && !operatesPark(viewer, current.parkId)) throw new DomainError('WRONG_PARK', `这是${current.park}发布的资源，只有该园区运营或市科技局可以修订`);
    if (i.kind !== current.kind) throw new DomainError('LISTING_FIXED_FIELD', `种类不能修改：此资源是${current.kind}，修订请保持 kind: ${current.kind}`, [{ field: 'kind', message: '种类不能修改' }]);
    if (i.park && i.park !== current.parkId) throw new DomainError('LISTING_FIXED_FIELD', '发布园区不能修改', [{ field: 'park', message: '发布园区不能修改' }]);
    this.check(i);
    const status = i.status ?? 'open';
    const content = toContent(i);
    const saved = await this.uow.transaction((r) =>
      r.listings.addVersion(id, current.parkId, { title: i.title, status, content, contentHash: hashOf(status, content), note: i.note ?? null, actor: actorName(viewer) }),
    );
    if (!saved) throw new DomainError('LISTING_NOT_FOUND', `招商资源 ${id} 不存在`);
    return { ...(await this.detail(id)), added: saved.added };
  }

  list(filter: ListingFilter, page: { limit: number; offset: number }) {
    return this.uow.read(async (r) => ({ ...(await r.listings.list(filter, page)), ...page }));
  }

  async detail(id: string) {
    return this.uow.read(async (r) => {
      const l = await r.listings.find(id);
      if (!l) throw new DomainError('LISTING_NOT_FOUND', `招商资源 ${id} 不存在（见 GET /api/listings）`);
      return { ...l, versions: await r.listings.versions(id) };
    });
  }
}
