import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import { descriptionBands, redactLeadText } from '#intake';
import type { Executor } from './executor.js';
import { pageOf } from './paging.js';
import type { ContactRow, Database, LeadTable } from './schema.js';
import { LEAD_STATUS } from '#domain';

export interface NewLead {
  id: string;
  originBoardId: string;
  submitter: string;
  company: string | null;
  companyNorm: string | null;
  creditCode: string | null;
  description: string;
  sector: string | null;
  amountValue: number | null;
  amountUnit: string | null;
  amountWan: number | null;
  landMu: number | null;
  channel: string | null;
  contacts: ContactRow[];
  idempotencyKey?: string | null;
  /** Hash of the submission the key came with (see LeadService.create). */
  idempotencyHash?: string | null;
  importBatchId?: string | null;
  importRow?: number | null;
}

export interface LeadFilter {
  boardId?: string;
  status?: string;
  sector?: string;
  parkId?: string;
  from?: Date;
  to?: Date;
  text?: string;
  /** Only leads with a repeat report from their own board (a board's own matter, not a 项目撞车). */
  sameBoardRepeat?: boolean;
  /** 责任人: leads this user is the board's or the park's owner of (users.id). */
  ownerId?: string;
  /**
   * The caller's data boundary: a board sees its own leads and those offered to its parks; a park
   * sees the leads offered to it. Absent only for city-wide callers (manager, admin, the system).
   */
  visibleTo?: { boardId: string } | { parkId: string };
}

export type LeadRow = Selectable<LeadTable>;

/** A submission's answer: the lead stored now, or the one already there (same idempotency key or import row). */
export interface SubmittedLead {
  id: string;
  code: string;
  created: boolean;
  idempotencyHash?: string | null;
}

// The statuses are libs/domain's (one table with their labels); services may take them from here too.
export { LEAD_STATUS };

/** Why a lead waits in status `review`. */
export const REVIEW_REASON = {
  noFit: 'no-fit',
  belowThreshold: 'below-threshold',
  allDeclined: 'all-declined',
  duplicate: 'duplicate', // 疑似撞车: matches a project another board's lead already brought to a park
} as const;

/** Leads still looking for a park: rescored after a profile revision. */
export const OPEN_LEAD_STATUSES = [LEAD_STATUS.new, LEAD_STATUS.shared, LEAD_STATUS.review];

/**
 * Leads sharing a band key with a new one whose texts are compared with it (the newest first). Near-template texts
 * (a district's sheet where every row reads 年产…生产线) all share band keys: without a bound each lead was compared
 * with every such lead of its sector, so scoring a batch grew with the square of its size (a 3,000-row import spent
 * 21 of its 28 database seconds here). A re-report of the same project comes within weeks, well inside this bound.
 */
export const DESCRIPTION_CANDIDATES = 200;

/**
 * The insert row of a new lead; its code comes from the lead_code_seq sequence (XS000123, then XS1000000:
 * lpad alone would cut the seventh digit and repeat codes). The de-identified text is made here, so no way
 * of inserting a lead can leave it out.
 */
function toRow(l: NewLead) {
  const redacted = redactLeadText(l);
  return {
    id: l.id,
    code: sql<string>`(select 'XS' || lpad(n::text, greatest(6, length(n::text)), '0') from nextval('lead_code_seq') as n)`,
    origin_board_id: l.originBoardId,
    submitter: l.submitter,
    company: l.company,
    company_norm: l.companyNorm,
    credit_code: l.creditCode,
    description: l.description,
    description_redacted: redacted.description,
    description_bands: descriptionBands(l.description),
    sector: l.sector,
    sector_redacted: redacted.sector,
    primary_sector: null,
    amount_value: l.amountValue,
    amount_unit: l.amountUnit,
    amount_wan: l.amountWan,
    land_mu: l.landMu,
    channel: l.channel,
    contacts: JSON.stringify(l.contacts),
    status: LEAD_STATUS.new,
    stage: null,
    accepted_park_id: null,
    current_ranking_id: null,
    idempotency_key: l.idempotencyKey ?? null,
    idempotency_hash: l.idempotencyKey ? (l.idempotencyHash ?? null) : null,
    import_batch_id: l.importBatchId ?? null,
    import_row: l.importRow ?? null,
  };
}

/**
 * The SQL side of `leadView` (libs/domain access.ts) for rows already inside `visibleTo`: `full` is the
 * origin board or the accepting park; `named` is the board whose park accepted it.
 */
function seesInFull(eb: ExpressionBuilder<Database, 'leads'>, v: NonNullable<LeadFilter['visibleTo']>) {
  return 'boardId' in v ? eb('leads.origin_board_id', '=', v.boardId) : eb('leads.accepted_park_id', '=', v.parkId);
}

function seesNamed(eb: ExpressionBuilder<Database, 'leads'>, v: NonNullable<LeadFilter['visibleTo']>) {
  if (!('boardId' in v)) return eb.val(false);
  return eb.exists(eb.selectFrom('parks').select('parks.id').whereRef('parks.id', '=', 'leads.accepted_park_id').where('parks.board_id', '=', v.boardId));
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

export class LeadRepository {
  constructor(private readonly db: Executor) {}

  /** Inserts the lead; with an idempotency key or import row already used, returns the existing id (and the key's hash) instead. */
  async insert(l: NewLead): Promise<{ id: string; code: string; created: boolean; idempotencyHash?: string | null }> {
    const row = await this.db
      .insertInto('leads')
      .values(toRow(l))
      .onConflict((oc) => oc.doNothing())
      .returning(['id', 'code'])
      .executeTakeFirst();
    if (row) return { ...row, created: true };
    return this.existing(l);
  }

  /**
   * `insert` of a submitted lead with its first event and its outbox row in one statement, atomic on its own: one
   * round trip per submission (it was a transaction of five statements). Nothing but the lead is looked up when the
   * lead was there already (idempotency key).
   */
  /**
   * Many submissions in one statement (LeadService's group commit): the leads, their `created` events and their
   * score-lead outbox rows, atomic as one. A lead that was already there (same idempotency key or import row) is
   * answered with its stored id and code (`created: false`). Results in the order of `items`.
   */
  async insertSubmittedMany(items: { lead: NewLead; event: { kind: string; actor: string; data: Record<string, unknown> }; job: { job_name: string; payload: string } }[]): Promise<SubmittedLead[]> {
    if (!items.length) return [];
    const extra = JSON.stringify(items.map(({ lead, event, job }) => ({ id: lead.id, kind: event.kind, actor: event.actor, data: event.data, job_name: job.job_name, payload: JSON.parse(job.payload) as unknown })));
    const joined = (cols: string) => sql`select ${sql.raw(cols)} from l join jsonb_array_elements(${extra}::jsonb) x on x.value->>'id' = l.id`;
    const rows = await this.db
      .with('l', (db) => db.insertInto('leads').values(items.map((i) => toRow(i.lead))).onConflict((oc) => oc.doNothing()).returning(['id', 'code']))
      .with('e', (db) => db.insertInto('lead_events').columns(['lead_id', 'kind', 'actor', 'data']).expression(joined(`l.id, x.value->>'kind', x.value->>'actor', x.value->'data'`)))
      .with('o', (db) => db.insertInto('outbox').columns(['job_name', 'payload']).expression(joined(`x.value->>'job_name', x.value->'payload'`)))
      .selectFrom('l')
      .select(['id', 'code'])
      .execute();
    const codes = new Map(rows.map((r) => [r.id, r.code]));
    const out: SubmittedLead[] = [];
    for (const { lead } of items) {
      const code = codes.get(lead.id);
      out.push(code !== undefined ? { id: lead.id, code, created: true } : await this.existing(lead));
    }
    return out;
  }

  private async existing(l: NewLead): Promise<{ id: string; code: string; created: false; idempotencyHash: string | null }> {
    let q = this.db.selectFrom('leads').select(['id', 'code', 'idempotency_hash']);
    if (l.idempotencyKey) q = q.where('origin_board_id', '=', l.originBoardId).where('idempotency_key', '=', l.idempotencyKey);
    else if (l.importBatchId) q = q.where('import_batch_id', '=', l.importBatchId).where('import_row', '=', l.importRow ?? -1);
    else q = q.where('id', '=', l.id);
    const { idempotency_hash, ...existing } = await q.executeTakeFirstOrThrow();
    return { ...existing, created: false, idempotencyHash: idempotency_hash };
  }

  /** Many leads in one statement (batch import); rows already imported (same batch and row) are skipped. */
  async insertMany(list: NewLead[]): Promise<{ id: string; code: string }[]> {
    if (!list.length) return [];
    return this.db
      .insertInto('leads')
      .values(list.map(toRow))
      .onConflict((oc) => oc.doNothing())
      .returning(['id', 'code'])
      .execute();
  }

  async addEvents(events: { leadId: string; kind: string; actor: string; data?: Record<string, unknown> }[]): Promise<void> {
    if (!events.length) return;
    await this.db.insertInto('lead_events').values(events.map((e) => ({ lead_id: e.leadId, kind: e.kind, actor: e.actor, data: JSON.stringify(e.data ?? {}) }))).execute();
  }

  async find(id: string): Promise<LeadRow | undefined> {
    return this.db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The contacts (personal data) of some leads, by lead id: for callers that checked the full view. */
  async contactsOf(ids: string[]): Promise<Map<string, ContactRow[]>> {
    if (!ids.length) return new Map();
    const rows = await this.db.selectFrom('leads').select(['id', 'contacts']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.contacts]));
  }

  /** Lead codes (XS000123) by lead id. */
  async codesOf(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.db.selectFrom('leads').select(['id', 'code']).where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((r) => [r.id, r.code]));
  }

  async findMany(ids: string[]): Promise<LeadRow[]> {
    if (!ids.length) return [];
    return this.db.selectFrom('leads').selectAll().where('id', 'in', ids).execute();
  }

  /** Locks the leads in id order, so two batches that share leads cannot deadlock. */
  async findManyForUpdate(ids: string[]): Promise<LeadRow[]> {
    if (!ids.length) return [];
    return this.db.selectFrom('leads').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute();
  }

  /** One statement for many leads' new state (a batch of jobs); each row sets only the columns it names. */
  async updateMany(rows: ({ id: string } & Partial<Record<'status' | 'review_reason' | 'current_ranking_id' | 'primary_sector', string | null>>)[]): Promise<void> {
    if (!rows.length) return;
    const has = (c: string) => sql.raw(`(v.data ? '${c}')`);
    const col = (c: string) => sql`case when ${has(c)} then v.data->>${c} else l.${sql.raw(c)} end`;
    await sql`
      update leads l set status = ${col('status')}, review_reason = ${col('review_reason')},
        current_ranking_id = ${col('current_ranking_id')}, primary_sector = ${col('primary_sector')}, updated_at = now()
      from (select x->>'id' as id, x as data from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) x) v
      where l.id = v.id`.execute(this.db);
  }

  async findForUpdate(id: string): Promise<LeadRow | undefined> {
    return (await this.db.selectFrom('leads').selectAll().where('id', '=', id).forUpdate().executeTakeFirst());
  }

  async list(f: LeadFilter, page: { limit: number; offset: number }): Promise<{ items: LeadRow[]; total: number }> {
    let q = this.db.selectFrom('leads');
    if (f.visibleTo && 'boardId' in f.visibleTo) {
      const b = f.visibleTo.boardId;
      q = q.where((eb) =>
        eb.or([
          eb('origin_board_id', '=', b),
          eb.exists(eb.selectFrom('offers').innerJoin('parks', 'parks.id', 'offers.park_id').select('offers.id').whereRef('offers.lead_id', '=', 'leads.id').where('parks.board_id', '=', b)),
        ]),
      );
    } else if (f.visibleTo) {
      const p = f.visibleTo.parkId;
      q = q.where((eb) => eb.or([eb('accepted_park_id', '=', p), eb.exists(eb.selectFrom('offers').select('offers.id').whereRef('offers.lead_id', '=', 'leads.id').where('offers.park_id', '=', p))]));
    }
    if (f.boardId) q = q.where('origin_board_id', '=', f.boardId);
    if (f.status) q = q.where('status', '=', f.status);
    const v = f.visibleTo;
    if (f.sector) {
      // By substring (半导体 finds 第三代半导体), in the sector text this caller sees of each row.
      const s = '%' + escapeLike(f.sector) + '%';
      q = q.where((eb) => eb.or([eb('primary_sector', 'ilike', s), v ? eb.or([eb.and([seesInFull(eb, v), eb('sector', 'ilike', s)]), eb('sector_redacted', 'ilike', s)]) : eb('sector', 'ilike', s)]));
    }
    if (f.ownerId) {
      const o = f.ownerId;
      q = q.where((eb) => eb.or([eb('board_owner_id', '=', o), eb('park_owner_id', '=', o)]));
    }
    if (f.parkId) {
      const p = f.parkId;
      q = q.where((eb) =>
        eb.or([eb('accepted_park_id', '=', p), eb.exists(eb.selectFrom('offers').select('offers.id').whereRef('offers.lead_id', '=', 'leads.id').where('offers.park_id', '=', p))]),
      );
    }
    if (f.sameBoardRepeat)
      q = q.where((eb) =>
        eb.exists(
          eb.selectFrom('duplicates').select('duplicates.id').where('duplicates.cross_board', '=', false)
            .where((e) => e.or([e('duplicates.lead_id', '=', e.ref('leads.id')), e('duplicates.other_lead_id', '=', e.ref('leads.id'))])),
        ),
      );
    if (f.from) q = q.where('created_at', '>=', f.from);
    if (f.to) q = q.where('created_at', '<', f.to);
    if (f.text) {
      const like = '%' + escapeLike(f.text) + '%';
      // Each row is searched in the fields this caller sees of it: raw text, company and credit code in
      // full view, company and credit code in named view, otherwise the de-identified text and the code only.
      q = q.where((eb) => {
        const raw = eb.or([eb('description', 'ilike', like), eb('company', 'ilike', like), eb('credit_code', 'ilike', like)]);
        const seen = eb.or([eb('description_redacted', 'ilike', like), eb('code', 'ilike', like)]);
        if (!v) return eb.or([raw, seen]);
        return eb.or([seen, eb.and([seesInFull(eb, v), raw]), eb.and([seesNamed(eb, v), eb.or([eb('company', 'ilike', like), eb('credit_code', 'ilike', like)])])]);
      });
    }
    return pageOf(q, q.selectAll().orderBy('created_at', 'desc').orderBy('id'), page);
  }

  /** Names a lead's 责任人 on one side (null clears it). */
  async setOwner(id: string, side: 'board' | 'park', userId: string | null): Promise<void> {
    await this.db.updateTable('leads').set(side === 'board' ? { board_owner_id: userId } : { park_owner_id: userId }).where('id', '=', id).execute();
  }

  async update(id: string, set: Partial<Pick<LeadTable, 'status' | 'stage' | 'paused_from' | 'accepted_park_id' | 'current_ranking_id' | 'primary_sector'>> & { scoring_round?: number; review_reason?: string | null }): Promise<void> {
    await this.db.updateTable('leads').set({ ...set, updated_at: new Date() }).where('id', '=', id).execute();
  }

  async addEvent(leadId: string, kind: string, actor: string, data: Record<string, unknown> = {}): Promise<void> {
    await this.db.insertInto('lead_events').values({ lead_id: leadId, kind, actor, data: JSON.stringify(data) }).execute();
  }

  /** The leads (of these) that already have an event of this kind whose data names this ranking. */
  async withRankingEvent(pairs: { leadId: string; rankingId: string }[], kind: string): Promise<Set<string>> {
    if (!pairs.length) return new Set();
    const rows = await sql<{ lead_id: string }>`
      select distinct e.lead_id from lead_events e
      join jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as p("leadId" text, "rankingId" text) on p."leadId" = e.lead_id
      where e.kind = ${kind} and e.data->>'rankingId' = p."rankingId"`.execute(this.db);
    return new Set(rows.rows.map((r) => r.lead_id));
  }

  async events(leadId: string): Promise<{ kind: string; actor: string; data: Record<string, unknown>; at: Date }[]> {
    return this.db.selectFrom('lead_events').select(['kind', 'actor', 'data', 'at']).where('lead_id', '=', leadId).orderBy('id').execute();
  }

  /** Open leads to rescore: ids only, in pages. */
  async openLeadIds(afterId: string | null, limit: number): Promise<{ id: string; scoring_round: number }[]> {
    let q = this.db.selectFrom('leads').select(['id', 'scoring_round']).where('status', 'in', OPEN_LEAD_STATUSES);
    if (afterId) q = q.where('id', '>', afterId);
    return q.orderBy('id').limit(limit).execute();
  }

  /** Moves a page of open leads to their next scoring round, once per rescore run. */
  async bumpRound(ids: string[], runId: string): Promise<{ id: string; scoring_round: number }[]> {
    if (!ids.length) return [];
    return this.db
      .updateTable('leads')
      .set({ scoring_round: sql`scoring_round + 1`, rescore_run_id: runId, updated_at: new Date() })
      .where('id', 'in', ids)
      .where((eb) => eb.or([eb('rescore_run_id', 'is', null), eb('rescore_run_id', '!=', runId)]))
      .returning(['id', 'scoring_round'])
      .execute();
  }

  async countOpen(): Promise<number> {
    const r = await this.db.selectFrom('leads').select(sql<number>`count(*)::int`.as('n')).where('status', 'in', OPEN_LEAD_STATUSES).executeTakeFirstOrThrow();
    return r.n;
  }

  /**
   * Earlier reports that may be the same project (项目撞车), for a whole batch of leads in one statement: per lead (a
   * lateral join each) the same credit code (up to 20), a company name similar by trigrams (up to 20), and a similar
   * description in the lead's sector over the last `windowDays` (up to 10). Descriptions are compared only with leads
   * sharing one of their band keys (`descriptionBands`, GIN index), the newest DESCRIPTION_CANDIDATES of them, then
   * confirmed by pg_trgm similarity: a trigram index on the descriptions themselves was slower than comparing every
   * row, as every description shares common trigrams.
   */
  async duplicateCandidates(list: { id: string; creditCode: string | null; companyNorm: string | null; description: string; descriptionBands: number[]; primarySector: string | null }[], companyThreshold: number, descriptionThreshold: number, windowDays = 365) {
    type Found = { lead_id: string; id: string; code: string; origin_board_id: string; created_at: Date; reason: 'credit_code' | 'company_name' | 'description'; similarity: number };
    if (!list.length) return [] as Found[];
    const input = JSON.stringify(list.map((l) => ({ id: l.id, credit: l.creditCode, company: l.companyNorm && l.companyNorm.length >= 2 ? l.companyNorm : null, description: l.description, bands: l.descriptionBands, sector: l.primarySector })));
    const rows = await sql<Found>`
      with b as (select * from jsonb_to_recordset(${input}::jsonb) as b(id text, credit text, company text, description text, bands integer[], sector text))
      select b.id as lead_id, c.id, c.code, c.origin_board_id, c.created_at, 'credit_code' as reason, 1::float8 as similarity
        from b cross join lateral (select id, code, origin_board_id, created_at from leads where b.credit is not null and credit_code = b.credit and id <> b.id limit 20) c
      union all
      select b.id, c.id, c.code, c.origin_board_id, c.created_at, 'company_name', c.similarity
        from b cross join lateral (
          select id, code, origin_board_id, created_at, similarity(company_norm, b.company)::float8 as similarity from leads
          where b.company is not null and id <> b.id and company_norm % b.company and similarity(company_norm, b.company) >= ${companyThreshold}
          order by 5 desc limit 20) c
      union all
      select b.id, c.id, c.code, c.origin_board_id, c.created_at, 'description', c.similarity
        from b cross join lateral (
          select id, code, origin_board_id, created_at, similarity(description, b.description)::float8 as similarity from (
            select id, code, origin_board_id, created_at, description from leads
            where description_bands && b.bands and id <> b.id and primary_sector is not distinct from b.sector and created_at > now() - make_interval(days => ${windowDays})
            order by created_at desc limit ${DESCRIPTION_CANDIDATES}) n
          where similarity(description, b.description) >= ${descriptionThreshold}
          order by 5 desc limit 10) c`.execute(this.db);
    return rows.rows.map((r) => ({ ...r, similarity: Number(r.similarity) }));
  }

  /**
   * Makes the `%` operator (and so the GIN index) return only pairs at least this similar, for the
   * rest of the transaction; the default 0.3 lets near-template texts match thousands of rows.
   */
  async narrowTrigramSearch(threshold: number): Promise<void> {
    await sql`select set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true)`.execute(this.db);
  }

  async any(): Promise<boolean> {
    return (await this.db.selectFrom('leads').select('id').limit(1).executeTakeFirst()) !== undefined;
  }

  async countWithStatus(ids: string[], status: string): Promise<number> {
    if (!ids.length) return 0;
    const r = await this.db.selectFrom('leads').select(sql<number>`count(*)::int`.as('n')).where('id', 'in', ids).where('status', '=', status).executeTakeFirstOrThrow();
    return r.n;
  }

  /** The newest open leads, for previews of a park-profile revision. */
  /** Open leads, newest first, with what a listing is compared with (listing-match.service). */
  async openForListingFit(limit: number): Promise<LeadRow[]> {
    return this.db.selectFrom('leads').selectAll().where('status', 'in', OPEN_LEAD_STATUSES).orderBy('created_at', 'desc').limit(limit).execute();
  }

  async newestOpen(limit: number) {
    return this.db
      .selectFrom('leads')
      .select(['id', 'code', 'description', 'description_redacted', 'sector', 'sector_redacted', 'amount_wan', 'land_mu', 'origin_board_id', 'status', 'company'])
      .where('status', 'in', OPEN_LEAD_STATUSES)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  }
}
