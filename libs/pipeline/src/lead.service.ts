import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { loadUnits } from '#catalog';
import { actorName, chinaDateTime, isCityWide, LEAD_STATUS_LABELS, leadView, seesWorkLog, type LeadView, type Viewer } from '#domain';
import { normalizeCompanyName, parseLeadInput, toWanYuan, type LeadInput, type LeadInputOptions } from '#intake';
import { JOBS } from '#queues';
import { LEAD_STATUS, outboxRows, type LeadFilter, type LeadRow, type Repositories, type SubmittedLead, UnitOfWork } from '#persistence';
import { DomainError, forbidden, invalid } from '#errors';
import { PeopleService } from './people.service.js';

/** Most rows one export may hold: past it the caller narrows the filters. */
export const LEAD_EXPORT_MAX = 10_000;

type Submission = Parameters<Repositories['leads']['insertSubmittedMany']>[0][number];

export interface LeadCreated {
  id: string;
  code: string;
  created: boolean;
}

@Injectable()
export class LeadService {
  private readonly units = loadUnits();
  private boards?: Set<string>;
  private parkBoards?: Map<string, string>;
  private options?: LeadInputOptions;

  /** Lead, `created` event and score-lead job of each submission, atomic per statement (group commit). */
  private readonly submit = this.uow.coalesced<Submission, SubmittedLead>(async (items, r) => {
    const saved = await r.leads.insertSubmittedMany(items);
    if (saved.some((x) => x.created)) r.outbox.announce();
    return saved.map((value) => ({ ok: true as const, value }));
  }, { max: 500, inFlight: 4 });

  constructor(private readonly uow: UnitOfWork, private readonly people: PeopleService) {}

  async knownBoards(): Promise<Set<string>> {
    this.boards ??= new Set((await this.uow.read((r) => r.parks.listBoards())).map((b) => b.id));
    return this.boards;
  }

  /** Board of each park (for access decisions). */
  async boardOfPark(parkId: string): Promise<string | undefined> {
    this.parkBoards ??= new Map((await this.uow.read((r) => r.parks.listParks({}))).map((p) => [p.id, p.board.id]));
    return this.parkBoards.get(parkId);
  }

  /**
   * Identity replaces body fields: a promoter submits for its own board, as itself; a manager or admin
   * names the origin board. Park operators do not submit leads.
   */
  async withSubmitter(raw: unknown, viewer: Viewer): Promise<unknown> {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
    const body = raw as Record<string, unknown>;
    if (viewer.role === 'promoter') {
      if (body.originBoard !== undefined && body.originBoard !== '' && body.originBoard !== viewer.boardId)
        throw forbidden(`只能为本板块（${viewer.boardId}）提交线索；来源板块取自登录账号，可不填 originBoard`);
      return { ...body, originBoard: viewer.boardId, submitter: actorName(viewer) };
    }
    if (isCityWide(viewer)) return { ...body, submitter: actorName(viewer) };
    throw forbidden('园区账号不能提交线索；请由板块招商专员提交');
  }

  /** One options object for every submission: the intake keeps one compiled schema per options object. */
  private async inputOptions(): Promise<LeadInputOptions> {
    this.options ??= { boards: await this.knownBoards(), usdToCny: this.units.usdToCny };
    return this.options;
  }

  /** Validates raw input with the intake rules; throws a 400-kind error listing every field problem. */
  async validate(raw: unknown): Promise<LeadInput> {
    const parsed = parseLeadInput(raw, await this.inputOptions());
    if (!parsed.ok) throw invalid(parsed.errors.map((e) => e.message).join('；'), parsed.errors);
    return parsed.lead;
  }

  toNewLead(lead: LeadInput, extra: { idempotencyKey?: string | null; idempotencyHash?: string; importBatchId?: string; importRow?: number } = {}) {
    return {
      id: randomUUID(),
      originBoardId: lead.originBoard,
      submitter: lead.submitter,
      company: lead.company ?? null,
      companyNorm: lead.company ? normalizeCompanyName(lead.company) || null : null,
      creditCode: lead.creditCode ?? null,
      description: lead.description,
      sector: lead.sector ?? null,
      amountValue: lead.amount?.value ?? null,
      amountUnit: lead.amount?.unit ?? null,
      amountWan: lead.amount ? toWanYuan(lead.amount, { usdToCny: this.units.usdToCny }) : null,
      landMu: lead.landMu ?? null,
      channel: lead.channel ?? null,
      contacts: lead.contacts,
      idempotencyKey: extra.idempotencyKey ?? null,
      idempotencyHash: extra.idempotencyHash ?? null,
      importBatchId: extra.importBatchId ?? null,
      importRow: extra.importRow ?? null,
    };
  }

  /** The lead and its scoring work commit together: a lead is never stored without its job. */
  async create(raw: unknown, idempotencyKey: string | undefined, viewer: Viewer): Promise<LeadCreated> {
    const lead = await this.validate(await this.withSubmitter(raw, viewer));
    const idempotencyHash = idempotencyKey ? submissionHash(lead) : undefined;
    const row = this.toNewLead(lead, { idempotencyKey, idempotencyHash });
    // The job row is made here, in the request's context (it carries the request id).
    const [job] = outboxRows(JOBS.scoreLead, [{ leadId: row.id, scoringRound: 0 }]);
    const result = await this.submit({ lead: row, event: { kind: 'created', actor: lead.submitter, data: { channel: lead.channel ?? null } }, job: job! });
    if (!result.created && idempotencyKey && result.idempotencyHash && result.idempotencyHash !== idempotencyHash)
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', `Idempotency-Key「${idempotencyKey}」已用于另一份内容不同的提交（线索 ${result.code}）；重试请原样重发，新线索请换一个新的 Idempotency-Key`);
    return { id: result.id, code: result.code, created: result.created };
  }

  /** Leads inside the viewer's boundary; others' leads shared to the viewer come de-identified. */
  async list(filter: LeadFilter, page: { limit: number; offset: number }, viewer: Viewer) {
    const visibleTo = isCityWide(viewer) ? undefined : viewer.role === 'promoter' ? { boardId: viewer.boardId! } : viewer.role === 'park_operator' ? { parkId: viewer.parkId! } : null;
    if (visibleTo === null) throw forbidden('当前账号无权查看线索');
    const { items, total, names } = await this.uow.read(async (r) => {
      const found = await r.leads.list({ ...filter, visibleTo }, page);
      return { ...found, names: await r.users.namesOf(found.items.flatMap((l) => [l.board_owner_id, l.park_owner_id].filter((x): x is string => !!x))) };
    });
    const views = await Promise.all(items.map((l) => this.quickView(l, viewer)));
    return { items: items.map((l, i) => ({ ...leadSummary(l, views[i]!), view: views[i]!, owners: ownersOf(l, views[i]!, names) })), total, limit: page.limit, offset: page.offset };
  }

  /** The lead and how much of it the viewer sees; not visible at all: the same 404 as a lead that does not exist. */
  async visible(r: Repositories, id: string, viewer: Viewer, opts: { forUpdate?: boolean } = {}): Promise<{ lead: LeadRow; view: Exclude<LeadView, 'none'> }> {
    const lead = opts.forUpdate ? await r.leads.findForUpdate(id) : await r.leads.find(id);
    const view = lead ? await this.viewOf(r, lead, viewer) : 'none';
    if (!lead || view === 'none') throw new DomainError('LEAD_NOT_FOUND', `线索 ${id} 不存在，或不在本账号可查看的范围内`);
    return { lead, view };
  }

  /**
   * The list as a table to export (the same filters and boundary as `list`), with Chinese column names, board
   * and park names, Asia/Shanghai times, and in each row only what the viewer's view of it shows: contacts in
   * full view, company and credit code in full and named view, the de-identified text otherwise.
   */
  async exportTable(filter: LeadFilter, viewer: Viewer) {
    const max = LEAD_EXPORT_MAX;
    const found = await this.list(filter, { limit: max + 1, offset: 0 }, viewer);
    if (found.items.length > max) throw new DomainError('EXPORT_TOO_LARGE', `符合条件的线索有 ${found.total} 条，一次最多导出 ${max} 条；请缩小筛选范围（如按时间段）后分次导出`);
    const [boards, parks, contacts] = await this.uow.read(async (r) => [
      new Map((await r.parks.listBoards()).map((b) => [b.id, b.name])),
      new Map((await r.parks.listParks({})).map((p) => [p.id, p.name])),
      await r.leads.contactsOf(found.items.filter((l) => l.view === 'full').map((l) => l.id)),
    ] as const);
    const people = new Map((await this.people.names(found.items.flatMap((l) => (l.submitter ? [l.submitter] : [])))).items.map((p) => [p.id, p.name]));
    const columns = [
      ['code', '线索编号', 11], ['company', '企业名称', 28], ['creditCode', '统一社会信用代码', 22], ['description', '项目描述', 60], ['sector', '申报行业', 16],
      ['primarySector', '识别行业', 16], ['amountWan', '投资额（万元）', 14], ['landMu', '用地（亩）', 10], ['channel', '招商渠道', 12], ['originBoard', '来源板块', 18],
      ['status', '状态', 10], ['stage', '阶段', 8], ['acceptedPark', '承接园区', 24], ['boardOwner', '板块责任人', 16], ['parkOwner', '园区责任人', 16],
      ['contacts', '联系人', 30], ['submitter', '提交人', 18], ['createdAt', '提交时间（北京时间）', 18],
    ] as const;
    const rows = found.items.map((l) => ({
      code: l.code,
      company: l.company ?? (l.view === 'deidentified' ? '（接收前不显示）' : ''),
      creditCode: l.creditCode ?? '',
      description: l.description,
      sector: l.sector ?? '',
      primarySector: l.primarySector ?? '',
      amountWan: l.amount?.wanYuan ?? '',
      landMu: l.landMu ?? '',
      channel: l.channel ?? '',
      originBoard: boards.get(l.originBoard) ?? l.originBoard,
      status: LEAD_STATUS_LABELS[l.status] ?? l.status,
      stage: l.stage ?? '',
      acceptedPark: l.acceptedParkId ? (parks.get(l.acceptedParkId) ?? l.acceptedParkId) : '',
      boardOwner: l.owners?.board?.name ?? '',
      parkOwner: l.owners?.park?.name ?? '',
      contacts: (contacts.get(l.id) ?? []).map((c) => [c.name, c.phone, c.email].filter(Boolean).join(' ')).join('；'),
      submitter: l.submitter ? (people.get(l.submitter) ?? l.submitter) : '',
      createdAt: chinaDateTime(new Date(l.createdAt)),
    }));
    return { sheetName: '线索列表', columns: columns.map(([key, header, width]) => ({ key, header, width })), rows };
  }

  /** The view of a lead already known to be inside the viewer's boundary (a list row). */
  private async quickView(l: LeadRow, viewer: Viewer): Promise<LeadView> {
    const acceptedBoardId = l.accepted_park_id ? ((await this.boardOfPark(l.accepted_park_id)) ?? null) : null;
    const v = leadView(viewer, { originBoardId: l.origin_board_id, acceptedParkId: l.accepted_park_id, acceptedBoardId, offeredTo: [] });
    return v === 'none' ? 'deidentified' : v;
  }

  /** How much of a lead the viewer sees (`leadView` over the lead's origin, acceptance and offers). */
  private async viewOf(r: Repositories, lead: LeadRow, viewer: Viewer, offers?: { park_id: string; board_id: string }[]): Promise<LeadView> {
    if (isCityWide(viewer)) return 'full';
    const acceptedBoardId = lead.accepted_park_id ? ((await this.boardOfPark(lead.accepted_park_id)) ?? null) : null;
    const offeredTo = (offers ?? (await r.offers.forLead(lead.id))).map((o) => ({ parkId: o.park_id, boardId: o.board_id }));
    return leadView(viewer, { originBoardId: lead.origin_board_id, acceptedParkId: lead.accepted_park_id, acceptedBoardId, offeredTo });
  }

  /**
   * One lead, as much of it as the viewer may see (see `leadView`); `contacts` is non-null only for
   * the origin board, the accepting park and city-wide users. Not visible at all: the same 404 as a
   * lead that does not exist, so an id tells nothing about another board's leads.
   */
  async detail(id: string, viewer: Viewer) {
    return this.uow.read(async (r) => {
      const lead = await r.leads.find(id);
      const offersAll = lead ? await r.offers.forLead(id) : [];
      const view = lead ? await this.viewOf(r, lead, viewer, offersAll) : 'none';
      if (!lead || view === 'none') throw new DomainError('LEAD_NOT_FOUND', `线索 ${id} 不存在，或不在本账号可查看的范围内`);
      const full = view === 'full';
      const offers = full && (isCityWide(viewer) || viewer.role === 'promoter') ? offersAll : offersAll.filter((o) => (viewer.role === 'park_operator' ? o.park_id === viewer.parkId : o.board_id === viewer.boardId));
      const [ranking, events, duplicates, names] = await Promise.all([
        full && lead.current_ranking_id ? r.rankings.find(lead.current_ranking_id) : undefined,
        full ? r.leads.events(id) : [],
        full ? this.duplicatesSeenBy(r, id, viewer) : [],
        r.users.namesOf([lead.board_owner_id, lead.park_owner_id].filter((x): x is string => !!x)),
      ]);
      return {
        ...leadSummary(lead, view),
        view,
        owners: ownersOf(lead, view, names),
        contacts: full ? lead.contacts : null,
        ranking: ranking
          ? { id: ranking.id, round: ranking.scoring_round, engineVersion: ranking.engine_version, profileVersions: ranking.profile_versions, noFit: ranking.no_fit, primarySector: ranking.primary_sector, results: ranking.results, createdAt: ranking.created_at }
          : null,
        offers: offers.map((o) => ({
          id: o.id, parkId: o.park_id, park: o.park_name, board: o.board_id, score: o.score, rank: o.rank, status: o.status,
          declineReason: o.decline_reason, declineNote: o.decline_note, respondBy: o.respond_by, assessBy: o.assess_by,
          decidedBy: o.decided_by, decidedAt: o.decided_at, createdAt: o.created_at, reasons: o.reasons,
        })),
        duplicates,
        history: events,
      };
    });
  }

  /**
   * The duplicate links (项目撞车) of a lead. The other lead is named (id, code, board, the manager's
   * comment) only when the viewer may see it; otherwise the link says that a possible duplicate exists
   * and is with the manager, without anything that identifies the other lead or its board.
   */
  private async duplicatesSeenBy(r: Repositories, id: string, viewer: Viewer) {
    const out = [];
    for (const d of await r.duplicates.forLead(id)) {
      const mine = d.lead_id === id;
      const otherId = mine ? d.other_lead_id : d.lead_id;
      const other = await r.leads.find(otherId);
      const visible = other !== undefined && (await this.viewOf(r, other, viewer)) !== 'none';
      out.push({
        id: d.id, reason: d.reason, similarity: d.similarity, status: d.status, crossBoard: d.cross_board, otherVisible: visible,
        firstReportLeadId: visible || d.first_report_lead_id === id ? d.first_report_lead_id : null,
        otherLeadId: visible ? otherId : null,
        otherLeadCode: visible ? (mine ? d.other_lead_code : d.lead_code) : null,
        otherBoard: visible ? (mine ? d.other_board : d.lead_board) : null,
        settledBy: d.settled_by,
        comment: visible ? d.comment : null,
      });
    }
    return out;
  }
}

/** A lead's 责任人 with their display names, in the views that see the work log (see `seesWorkLog`). */
export function ownersOf(l: LeadRow, view: LeadView, names: Map<string, string>) {
  if (!seesWorkLog(view)) return null;
  const one = (id: string | null) => (id ? { id, name: names.get(id) ?? '（已删除的账号）' } : null);
  return { board: one(l.board_owner_id), park: one(l.park_owner_id) };
}

/** The validated submission, keys sorted: a retry of the same form hashes the same whatever the field order. */
function submissionHash(lead: LeadInput): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sorted(x)])) : v;
  return createHash('sha256').update(JSON.stringify(sorted(lead))).digest('hex');
}

/**
 * What a view shows of a lead: in full view everything but contacts (the caller adds those); in named
 * view the company and credit code with the de-identified text (the raw text may carry contacts);
 * otherwise the de-identified text only, never company, credit code or submitter.
 */
export function leadSummary(l: LeadRow, view: LeadView) {
  const full = view === 'full';
  const named = full || view === 'named';
  return {
    id: l.id,
    code: l.code,
    originBoard: l.origin_board_id,
    submitter: full ? l.submitter : null,
    company: named ? l.company : null,
    creditCode: named ? l.credit_code : null,
    description: full ? l.description : l.description_redacted,
    sector: full ? l.sector : l.sector_redacted,
    primarySector: l.primary_sector,
    amount: l.amount_value !== null ? { value: l.amount_value, unit: l.amount_unit, wanYuan: l.amount_wan } : null,
    landMu: l.land_mu,
    channel: l.channel,
    status: l.status,
    reviewReason: l.review_reason,
    stage: l.stage,
    acceptedParkId: l.accepted_park_id,
    scoringRound: l.scoring_round,
    createdAt: l.created_at,
    updatedAt: l.updated_at,
  };
}

export { LEAD_STATUS };
