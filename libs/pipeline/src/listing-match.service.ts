import { Injectable } from '@nestjs/common';
import { loadTaxonomy } from '#catalog';
import { carrierFit, isCityWide, LISTING_FIT_MIN_SCORE, LISTING_KIND_NAMES, type CarrierFacts, type LeadNeeds, type ListingKind, type Viewer } from '#domain';
import { extractSpaceNeeds } from '#intake';
import { createMatcher, type Matcher, type MatchReason, type ParkMatch } from '#matching';
import { UnitOfWork, type LeadRow, type ListingView } from '#persistence';
import { DomainError } from './domain-error.js';
import { leadSummary, LeadService } from './lead.service.js';
import { parseDirection } from './park-revision.service.js';

/** How many open leads a listing's page compares (newest first). */
const LISTING_LEADS_LIMIT = 3000;
const SHOWN = 50;

export interface ListingFitResult {
  fits: boolean;
  score: number;
  reasons: string[];
}

/** The text a lead is matched on: what every viewer may see (the de-identified description), as scoring does. */
export interface MatchableLead {
  text: string;
  sector?: string;
  needs: LeadNeeds;
  amountWan?: number | null;
}

export function matchableLead(l: Pick<LeadRow, 'description' | 'description_redacted' | 'sector_redacted' | 'land_mu' | 'amount_wan'>): MatchableLead {
  const stated = extractSpaceNeeds(l.description);
  const needs: LeadNeeds = { ...stated, landMu: l.land_mu !== null && l.land_mu > 0 ? l.land_mu : stated.landMu };
  for (const k of Object.keys(needs) as (keyof LeadNeeds)[]) if (needs[k] === undefined) delete needs[k];
  return { text: l.description_redacted, sector: l.sector_redacted ?? undefined, needs, amountWan: l.amount_wan };
}

/** The engine's reasons, said of a listing instead of a park. */
function reasonText(r: MatchReason, kind: ListingKind): string {
  const terms = r.terms.map((t) => `“${t}”`).join('');
  const what = LISTING_KIND_NAMES[kind];
  switch (r.kind) {
    case 'sector':
    case 'declared-sector':
      return `线索中的${terms}属于${what}所列方向“${r.direction}”`;
    case 'chain':
      return `线索中的${terms}与${what}所列方向“${r.direction}”处于产业链上下游或相关领域`;
    case 'history':
      return `线索与${what}描述同属${terms}领域`;
    default:
      return `线索与${what}${r.direction === '历史签约项目' ? '描述' : `所列方向“${r.direction}”`}共有词语${terms}`;
  }
}

const wan = (n: number) => (n >= 10_000 ? `${Math.round(n / 100) / 100} 亿元` : `${n} 万元`);

/**
 * Whether one listing fits one lead: the engine's score for the words (same threshold for every kind), and for
 * carriers the numbers (libs/domain carrierFit). A carrier naming no sector fits on numbers alone, so only a lead
 * that states a need gets one.
 */
export function listingFit(l: ListingView, m: ParkMatch | undefined, lead: MatchableLead): ListingFitResult {
  const kind = l.kind as ListingKind;
  const score = m?.score ?? 0;
  const reasons = (m?.reasons ?? []).slice(0, 4).map((r) => reasonText(r, kind));
  const sectors = (l.content.sectors as string[] | undefined) ?? [];
  const wordFit = score >= LISTING_FIT_MIN_SCORE;
  if (kind === 'carrier') {
    const c = l.content as unknown as CarrierFacts;
    const cf = carrierFit(lead.needs, c);
    return { fits: cf.fits && (sectors.length ? wordFit : cf.measured), score, reasons: [...cf.reasons, ...reasons] };
  }
  if (kind === 'fund' && wordFit && lead.amountWan) {
    const min = l.content.ticketMinWan as number | undefined;
    const max = l.content.ticketMaxWan as number | undefined;
    if (min !== undefined || max !== undefined) reasons.push(`线索总投资 ${wan(lead.amountWan)}；基金单笔投资 ${min !== undefined ? wan(min) : '—'}至${max !== undefined ? wan(max) : '—'}`);
  }
  return { fits: wordFit, score, reasons };
}

/**
 * Matching both ways between leads and open listings with the park engine: each listing is scored as a "park"
 * whose directions are its sectors and whose signed-project text is its description.
 */
@Injectable()
export class ListingMatchService {
  private readonly taxonomy = loadTaxonomy();
  private cached?: { key: string; matcher: Matcher | null; listings: ListingView[] };

  constructor(private readonly uow: UnitOfWork, private readonly leads: LeadService) {}

  async current(): Promise<{ matcher: Matcher | null; listings: ListingView[] }> {
    const listings = await this.uow.read((r) => r.listings.open());
    const key = listings.map((l) => `${l.id}:${l.version}`).join(',');
    if (this.cached?.key === key) return this.cached;
    const matcher = listings.length
      ? createMatcher(
          listings.map((l) => ({
            id: l.id,
            name: l.title,
            board: l.boardId,
            directions: ((l.content.sectors as string[] | undefined) ?? []).map((s) => parseDirection({ text: s }, [])),
            signedProjects: [String(l.content.description ?? ''), String(l.content.pilotTerms ?? '')].filter(Boolean),
          })),
          this.taxonomy,
        )
      : null;
    this.cached = { key, matcher, listings };
    return this.cached;
  }

  stats() {
    return proactiveStats(this, this.uow);
  }

  /** The open scenarios, funds and carriers that fit a lead, best first, with reasons. */
  async forLead(leadId: string, viewer: Viewer) {
    await this.leads.detail(leadId, viewer); // the same 404 as the lead page for a lead the viewer may not see
    const row = await this.uow.read((r) => r.leads.find(leadId));
    if (!row) throw new DomainError('LEAD_NOT_FOUND', `线索 ${leadId} 不存在`);
    const lead = matchableLead(row);
    const { matcher, listings } = await this.current();
    const out = { needs: lead.needs, scenarios: [] as unknown[], funds: [] as unknown[], carriers: [] as unknown[] };
    if (!matcher) return out;
    const byId = new Map(matcher.rank({ text: lead.text, sector: lead.sector }).ranking.map((m) => [m.parkId, m]));
    const fitting = listings
      .map((l) => ({ l, fit: listingFit(l, byId.get(l.id), lead) }))
      .filter((x) => x.fit.fits)
      .sort((a, b) => b.fit.score - a.fit.score || a.l.id.localeCompare(b.l.id));
    for (const { l, fit } of fitting) {
      const item = { ...listingCard(l), score: round(fit.score), reasons: fit.reasons };
      (l.kind === 'scenario' ? out.scenarios : l.kind === 'fund' ? out.funds : out.carriers).push(item);
    }
    return out;
  }

  /** The open leads that fit a listing (a scenario's page), de-identified unless the viewer may see them in full. */
  async leadsFor(listingId: string, viewer: Viewer) {
    const listing = await this.uow.read((r) => r.listings.find(listingId));
    if (!listing) throw new DomainError('LISTING_NOT_FOUND', `招商资源 ${listingId} 不存在（见 GET /api/listings）`);
    if (listing.status !== 'open') return { listingId, status: listing.status, compared: 0, total: 0, items: [] };
    const { matcher, listings } = await this.current();
    const current = listings.find((l) => l.id === listingId) ?? listing;
    const rows = await this.uow.read((r) => r.leads.openForListingFit(LISTING_LEADS_LIMIT));
    const hits: { row: (typeof rows)[number]; fit: ListingFitResult }[] = [];
    for (const row of rows) {
      const lead = matchableLead(row);
      const m = matcher?.rank({ text: lead.text, sector: lead.sector }).ranking.find((x) => x.parkId === listingId);
      const fit = listingFit(current, m, lead);
      if (fit.fits) hits.push({ row, fit });
    }
    hits.sort((a, b) => b.fit.score - a.fit.score || a.row.code.localeCompare(b.row.code));
    const items = hits.slice(0, SHOWN).map(({ row, fit }) => {
      const view = isCityWide(viewer) || (viewer.role === 'promoter' && viewer.boardId === row.origin_board_id) ? 'full' : 'deidentified';
      return { lead: { ...leadSummary(row, view), view }, score: round(fit.score), reasons: fit.reasons };
    });
    return { listingId, status: listing.status, compared: rows.length, total: hits.length, items };
  }
}

/** Per park: listings by kind and state, the open leads fitting its scenarios and funds, prospects by outcome (manager's dashboard). */
export async function proactiveStats(svc: ListingMatchService, uow: UnitOfWork) {
  const [listingRows, prospectRows, answeredIds, parks, leads, { matcher, listings }] = await Promise.all([
    uow.read((r) => r.listings.statsByPark()),
    uow.read((r) => r.prospects.statsByPark()),
    uow.read((r) => r.prospects.answeredScenarios()),
    uow.read((r) => r.parks.listParks()),
    uow.read((r) => r.leads.openForListingFit(LISTING_LEADS_LIMIT)),
    svc.current(),
  ]);
  // each open lead ranked once against every open listing; a lead counts once per kind and park
  const fitting = new Map<string, Set<string>>();
  if (matcher)
    for (const row of leads) {
      const lead = matchableLead(row);
      const byId = new Map(matcher.rank({ text: lead.text, sector: lead.sector }).ranking.map((m) => [m.parkId, m]));
      for (const l of listings)
        if (l.kind !== 'carrier' && listingFit(l, byId.get(l.id), lead).fits) {
          const k = `${l.parkId}|${l.kind}`;
          if (!fitting.has(k)) fitting.set(k, new Set());
          fitting.get(k)!.add(row.id);
        }
    }
  const sum = (rows: { n: number }[]) => rows.reduce((a, x) => a + x.n, 0);
  const answered = new Map<string, number>();
  const parkOf = await uow.read((r) => r.listings.parksOf(answeredIds));
  for (const parkId of parkOf) answered.set(parkId, (answered.get(parkId) ?? 0) + 1);
  const items = parks.map((p) => {
    const mine = listingRows.filter((x) => x.park_id === p.id);
    const scen = mine.filter((x) => x.kind === 'scenario');
    const carriers = mine.filter((x) => x.kind === 'carrier' && x.status === 'open');
    const pros = prospectRows.filter((x) => x.park_id === p.id);
    return {
      parkId: p.id, park: p.name, boardId: p.board.id,
      scenarios: { published: sum(scen), answered: answered.get(p.id) ?? 0, open: sum(scen.filter((x) => x.status === 'open')), closed: sum(scen.filter((x) => x.status === 'closed')), fittingLeads: fitting.get(`${p.id}|scenario`)?.size ?? 0 },
      funds: { open: sum(mine.filter((x) => x.kind === 'fund' && x.status === 'open')), fittingLeads: fitting.get(`${p.id}|fund`)?.size ?? 0 },
      carriers: { available: sum(carriers.filter((x) => x.availability === 'available')), partial: sum(carriers.filter((x) => x.availability === 'partial')), occupied: sum(carriers.filter((x) => x.availability === 'occupied')) },
      prospects: { total: sum(pros), new: sum(pros.filter((x) => x.status === 'new')), lead: sum(pros.filter((x) => x.status === 'lead')), dismissed: sum(pros.filter((x) => x.status === 'dismissed')) },
    };
  });
  return {
    comparedLeads: leads.length,
    items,
    definitions: {
      scenarios: '发布 = 本园区发布过的应用场景数；已响应 = 有企业因契合该场景而被转为线索的场景数（招商对象转为线索时契合的场景）；开放 / 已关闭 = 当前状态；契合线索 = 与其开放场景契合的在办线索数（同一匹配引擎，最新 ' + LISTING_LEADS_LIMIT + ' 条）',
      funds: '开放的基金数，及与其契合的在办线索数',
      carriers: '开放载体按可用情况：可租售 / 部分可用 / 已满',
      prospects: '上传名单中的招商对象：待处理 / 已转线索 / 已忽略',
    },
  };
}

export function listingCard(l: ListingView) {
  return { id: l.id, kind: l.kind, title: l.title, parkId: l.parkId, park: l.park, boardId: l.boardId, status: l.status, version: l.version, content: l.content, updatedAt: l.updatedAt };
}

const round = (n: number) => Math.round(n * 1e4) / 1e4;
