import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { actorName, isCityWide, type Viewer } from '#domain';
import { BatchFileError, readCompanyListInThread, type CompanyRow, type ThreadedRead } from '#intake';
import { JOBS } from '#queues';
import { UnitOfWork, type NewProspect, type ProspectReasonRow } from '#persistence';
import { DomainError } from './domain-error.js';
import { detectFormat, restBetweenChunks, type UploadedFile } from './import.service.js';
import { LeadService } from './lead.service.js';
import { listingFit, ListingMatchService } from './listing-match.service.js';
import { MatcherService } from './matcher.service.js';
import { ParkChainService } from './park-chain.service.js';

/** Rows per stored chunk and per scoring job (the job id carries the chunk number: a replay rescoring it changes nothing). */
export const PROSPECT_CHUNK = 500;

/** What a company is matched on: its business scope, products and recent investments. */
function companyText(c: { scope: string | null; products: string | null; investments: string | null }): string {
  return [c.products, c.scope, c.investments].filter(Boolean).join('。');
}

/**
 * The prospect inbox (招商对象): a board or park uploads a company list for a park; the rows are stored with their
 * scoring jobs chunk by chunk, the queued workers score each company against the park's directions and its open
 * scenarios, the park ranks them and turns one into a lead (the source kept) or dismisses it with a reason.
 */
@Injectable()
export class ProspectService implements OnApplicationShutdown {
  private readonly log = new Logger('ProspectService');
  /** Lists being read in their threads: stopped at shutdown (the batch then stays 'reading', as an interrupted one). */
  private readonly reading = new Set<ThreadedRead<unknown, unknown>>();
  private stopping = false;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly leads: LeadService,
    private readonly matchers: MatcherService,
    private readonly listings: ListingMatchService,
    private readonly chain: ParkChainService,
  ) {}

  /** The park's operator, promoters of the park's board and the city work a park's prospects. */
  private async parkFor(parkId: string, viewer: Viewer): Promise<{ id: string; boardId: string; name: string }> {
    const park = await this.uow.read((r) => r.parks.findPark(parkId));
    const allowed = park && (isCityWide(viewer) || (viewer.role === 'park_operator' && viewer.parkId === parkId) || (viewer.role === 'promoter' && viewer.boardId === park.board.id));
    if (!park || !allowed) throw new DomainError('PARK_NOT_FOUND', `园区 ${parkId} 不存在，或不是本账号可以管理招商对象的园区（园区运营管本园区，板块管本板块的园区）`);
    return { id: park.id, boardId: park.board.id, name: park.name };
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.reading].map((r) => r.stop()));
  }

  async start(parkId: string, file: UploadedFile | undefined, viewer: Viewer): Promise<{ id: string; format: 'csv' | 'xlsx' }> {
    try {
      await this.parkFor(parkId, viewer);
    } catch (e) {
      if (file) await rm(file.path, { force: true });
      throw e;
    }
    if (!file) throw new DomainError('VALIDATION_FAILED', '请在表单字段 file 中上传 CSV 或 XLSX 企业名单');
    const format = await detectFormat(file);
    if (!format) {
      await rm(file.path, { force: true });
      throw new DomainError('UNSUPPORTED_FILE', '只支持 CSV（UTF-8、GBK 或 UTF-16）或 XLSX 文件，表头为：企业名称、统一社会信用代码、经营范围、主营产品、近期投资或扩产、来源');
    }
    const id = randomUUID();
    await this.uow.transaction((r) => r.prospects.createBatch({ id, parkId, uploadedBy: actorName(viewer), filename: file.originalname.slice(0, 200) }));
    void this.read(id, parkId, file.path, format)
      .catch((e: Error) => this.log.error(`prospect import ${id} stopped: ${e.stack ?? e.message}`))
      .finally(() => void rm(file.path, { force: true }));
    return { id, format };
  }

  /** Stores the list chunk by chunk, each chunk with its scoring job in the same transaction. */
  private async read(id: string, parkId: string, path: string, format: 'csv' | 'xlsx'): Promise<void> {
    let seq = 0;
    let chunk = 0;
    let rows: NewProspect[] = [];
    let errors: { row: number; errors: { field?: string; message: string }[] }[] = [];
    const flush = async () => {
      const [mine, bad, n] = [rows, errors, chunk];
      rows = [];
      errors = [];
      if (mine.length) chunk++;
      const t0 = performance.now();
      await this.uow.transaction(async (r) => {
        await r.prospects.addChunk(id, parkId, mine, bad);
        if (mine.length) await r.outbox.add(JOBS.scoreProspects, { batchId: id, chunk: n });
      });
      await restBetweenChunks(this.uow, performance.now() - t0);
    };
    let fileError: string | null = null;
    // parsed and checked in a worker thread (as lead imports are): a 100,000-company file does not hold the API's event loop
    const read = readCompanyListInThread({ path, format, chunkRows: PROSPECT_CHUNK });
    this.reading.add(read);
    try {
      for await (const chunk of read.chunks())
        for (const r of chunk) {
          if (r.ok) rows.push({ id: randomUUID(), seq: seq++, row: r.row, ...(r.company as CompanyRow) });
          else errors.push({ row: r.row, errors: r.errors });
          if (rows.length >= PROSPECT_CHUNK || errors.length >= PROSPECT_CHUNK) await flush();
        }
    } catch (e) {
      if (!(e instanceof BatchFileError)) throw e;
      fileError = e.message;
    } finally {
      this.reading.delete(read);
    }
    if (this.stopping) return; // interrupted: the rows stored so far stay, the batch is not marked read
    await flush();
    await this.uow.transaction((r) => r.prospects.finishReading(id, fileError));
  }

  async status(id: string, viewer: Viewer) {
    const b = await this.uow.read((r) => r.prospects.batch(id));
    if (!b || !(await this.canSee(b.park_id, viewer))) throw new DomainError('PROSPECT_BATCH_NOT_FOUND', `名单导入批次 ${id} 不存在，或不在本账号可查看的范围内`);
    const done = b.status === 'failed' || (b.status === 'scoring' && b.scored >= b.rows_ok);
    return {
      id: b.id, parkId: b.park_id, filename: b.filename, uploadedBy: b.uploaded_by,
      status: done ? (b.status === 'failed' ? 'failed' : 'done') : b.status,
      rowsRead: b.rows_read, rowsOk: b.rows_ok, rowsFailed: b.rows_failed, scored: b.scored,
      fileError: b.file_error, errors: b.errors.slice(0, 100), createdAt: b.created_at, finishedAt: b.finished_at,
    };
  }

  private async canSee(parkId: string, viewer: Viewer): Promise<boolean> {
    return this.parkFor(parkId, viewer).then(() => true, () => false);
  }

  /** The worker's part: scores one chunk against the park (same engine as leads) and its open scenarios. */
  async scoreChunk(batchId: string, chunk: number): Promise<void> {
    const rows = await this.uow.read((r) => r.prospects.chunk(batchId, chunk * PROSPECT_CHUNK, (chunk + 1) * PROSPECT_CHUNK));
    if (!rows.length) return;
    const parkId = rows[0]!.park_id;
    const { matcher } = await this.matchers.current();
    const open = await this.listings.current();
    const scenarios = open.listings.filter((l) => l.kind === 'scenario' && l.parkId === parkId);
    const gaps = await this.chain.gaps(parkId);
    const out = rows.map((p) => {
      const text = companyText(p);
      const ranked = matcher.rank({ text });
      const pm = ranked.ranking.find((m) => m.parkId === parkId);
      const reasons: ProspectReasonRow[] = (pm?.reasons ?? []).slice(0, 4).map((x) => ({ kind: 'direction', text: x.text }));
      for (const g of this.chain.filled(ranked.sectors, gaps))
        reasons.push({ kind: 'gap', text: `可补本园区产业链缺口“${g.label}”（${g.of.map((o) => `${o.label}的${o.relation === 'upstream' ? '上游' : '下游'}`).join('、')}；园区现有企业与已承接项目尚未覆盖）` });
      const fits: { id: string; title: string; score: number }[] = [];
      if (scenarios.length && open.matcher) {
        const ranked = new Map(open.matcher.rank({ text }).ranking.map((m) => [m.parkId, m]));
        for (const s of scenarios) {
          const fit = listingFit(s, ranked.get(s.id), { text, needs: {} });
          if (fit.fits) {
            fits.push({ id: s.id, title: s.title, score: Math.round(fit.score * 1e4) / 1e4 });
            reasons.push({ kind: 'scenario', text: `契合本园区应用场景“${s.title}”：${fit.reasons[0] ?? ''}` });
          }
        }
      }
      const score = Math.max(pm?.score ?? 0, ...fits.map((f) => f.score));
      return { id: p.id, score: Math.round(score * 1e4) / 1e4, reasons, scenarios: fits };
    });
    await this.uow.transaction((r) => r.prospects.setScores(out));
  }

  async list(parkId: string, f: { status?: string; batchId?: string }, page: { limit: number; offset: number }, viewer: Viewer) {
    await this.parkFor(parkId, viewer);
    const { items, total } = await this.uow.read((r) => r.prospects.list(parkId, f, page));
    return { items: items.map(prospectView), total, ...page };
  }

  /** One click: the company becomes a lead of the park's board, its list and source recorded on the lead. */
  async toLead(parkId: string, id: string, viewer: Viewer) {
    const park = await this.parkFor(parkId, viewer);
    const actor = actorName(viewer);
    const result = await this.uow.transaction(async (r) => {
      const p = await r.prospects.findForUpdate(parkId, id);
      if (!p) throw new DomainError('PROSPECT_NOT_FOUND', `招商对象 ${id} 不存在`);
      if (p.status !== 'new') throw new DomainError('PROSPECT_DECIDED', p.status === 'lead' ? `已转为线索（${p.lead_id}）` : `已忽略：${p.dismiss_reason ?? ''}`);
      const batch = await r.prospects.batch(p.batch_id);
      const input = await this.leads.validate({
        originBoard: park.boardId, submitter: actor, company: p.name, ...(p.credit_code ? { creditCode: p.credit_code } : {}),
        description: companyText(p).slice(0, 5000), channel: p.scenarios?.length ? '场景招商' : '产业链招商',
      });
      const lead = await r.leads.insert(this.leads.toNewLead(input));
      const source = { prospectId: p.id, parkId, list: batch?.filename ?? null, listSource: p.source, row: p.row, score: p.score, scenarios: (p.scenarios ?? []).map((x) => ({ id: x.id, title: x.title })) };
      await r.leads.addEvent(lead.id, 'created', actor, { channel: input.channel ?? null, from: 'prospect', source });
      await r.outbox.add(JOBS.scoreLead, { leadId: lead.id, scoringRound: 0 });
      await r.prospects.decide(p.id, { status: 'lead', leadId: lead.id, actor });
      return { leadId: lead.id, code: lead.code };
    });
    return { prospectId: id, status: 'lead', ...result };
  }

  async dismiss(parkId: string, id: string, reason: string, viewer: Viewer) {
    await this.parkFor(parkId, viewer);
    await this.uow.transaction(async (r) => {
      const p = await r.prospects.findForUpdate(parkId, id);
      if (!p) throw new DomainError('PROSPECT_NOT_FOUND', `招商对象 ${id} 不存在`);
      if (p.status !== 'new') throw new DomainError('PROSPECT_DECIDED', p.status === 'lead' ? `已转为线索（${p.lead_id}），不能再忽略` : '已忽略过');
      await r.prospects.decide(p.id, { status: 'dismissed', reason, actor: actorName(viewer) });
    });
    return { prospectId: id, status: 'dismissed', reason };
  }
}

function prospectView(p: Awaited<ReturnType<import('#persistence').ProspectRepository['chunk']>>[number]) {
  return {
    id: p.id, batchId: p.batch_id, row: p.row, name: p.name, creditCode: p.credit_code, scope: p.scope, products: p.products, investments: p.investments,
    source: p.source, score: p.score, reasons: p.reasons ?? [], scenarios: p.scenarios ?? [], scored: p.scored_at !== null,
    status: p.status, dismissReason: p.dismiss_reason, leadId: p.lead_id, decidedBy: p.decided_by, decidedAt: p.decided_at,
  };
}
