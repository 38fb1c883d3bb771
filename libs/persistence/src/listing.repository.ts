import { sql } from 'kysely';
import type { Executor } from './executor.js';

export interface ListingView {
  id: string;
  parkId: string;
  park: string;
  boardId: string;
  kind: string;
  version: number;
  title: string;
  status: string;
  content: Record<string, unknown>;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface ListingFilter {
  kind?: string;
  parkId?: string;
  boardId?: string;
  status?: string;
  q?: string;
}

export interface NewListingVersion {
  title: string;
  status: string;
  content: Record<string, unknown>;
  contentHash: string;
  note: string | null;
  actor: string;
}

/** Park listings and their versions (each revision a new row). */
export class ListingRepository {
  constructor(private readonly db: Executor) {}

  async create(l: { id: string; parkId: string; kind: string } & NewListingVersion): Promise<void> {
    await this.db
      .insertInto('listings')
      .values({ id: l.id, park_id: l.parkId, kind: l.kind, current_version: 1, title: l.title, status: l.status, created_by: l.actor, updated_at: new Date() })
      .execute();
    await this.db
      .insertInto('listing_versions')
      .values({ listing_id: l.id, version: 1, content: JSON.stringify(l.content), content_hash: l.contentHash, note: l.note, created_by: l.actor })
      .execute();
  }

  /**
   * The park's listing gets its next version; unchanged content adds nothing. The owner key is part of the
   * lookup, so a revision cannot reach another park's listing. Inside a transaction (the row is locked).
   */
  async addVersion(id: string, parkId: string, v: NewListingVersion): Promise<{ version: number; added: boolean } | undefined> {
    const row = await this.db.selectFrom('listings').select(['current_version']).where('id', '=', id).where('park_id', '=', parkId).forUpdate().executeTakeFirst();
    if (!row) return undefined;
    const current = await this.db.selectFrom('listing_versions').select('content_hash').where('listing_id', '=', id).where('version', '=', row.current_version).executeTakeFirst();
    if (current?.content_hash === v.contentHash) return { version: row.current_version, added: false };
    const version = row.current_version + 1;
    await this.db
      .insertInto('listing_versions')
      .values({ listing_id: id, version, content: JSON.stringify(v.content), content_hash: v.contentHash, note: v.note, created_by: v.actor })
      .execute();
    await this.db.updateTable('listings').set({ current_version: version, title: v.title, status: v.status, updated_at: new Date() }).where('id', '=', id).execute();
    return { version, added: true };
  }

  async find(id: string): Promise<ListingView | undefined> {
    const row = await this.base().where('listings.id', '=', id).executeTakeFirst();
    return row && toView(row);
  }

  async versions(id: string) {
    const rows = await this.db.selectFrom('listing_versions').selectAll().where('listing_id', '=', id).orderBy('version', 'desc').execute();
    return rows.map((r) => ({ version: r.version, content: r.content, note: r.note, createdBy: r.created_by, createdAt: r.created_at }));
  }

  async list(f: ListingFilter, page: { limit: number; offset: number }): Promise<{ items: ListingView[]; total: number }> {
    let q = this.base();
    if (f.kind) q = q.where('listings.kind', '=', f.kind);
    if (f.parkId) q = q.where('listings.park_id', '=', f.parkId);
    if (f.boardId) q = q.where('parks.board_id', '=', f.boardId);
    if (f.status) q = q.where('listings.status', '=', f.status);
    if (f.q) q = q.where(sql<boolean>`strpos(listings.title || ' ' || listing_versions.content::text, ${f.q}) > 0`);
    const [rows, count] = await Promise.all([
      q.orderBy('listings.updated_at', 'desc').orderBy('listings.id').limit(page.limit).offset(page.offset).execute(),
      q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toView), total: count.n };
  }

  /** Every open listing with its current content (what the listing matcher is built from). */
  async open(): Promise<ListingView[]> {
    const rows = await this.base().where('listings.status', '=', 'open').orderBy('listings.id').execute();
    return rows.map(toView);
  }

  /** The publishing park of each of these scenarios (one entry per scenario found). */
  async parksOf(scenarioIds: string[]): Promise<string[]> {
    if (!scenarioIds.length) return [];
    const rows = await this.db.selectFrom('listings').select('park_id').where('id', 'in', scenarioIds).where('kind', '=', 'scenario').execute();
    return rows.map((r) => r.park_id);
  }

  /** Listings per park, kind, status and (carriers) availability: the proactive statistics. */
  statsByPark() {
    return this.db
      .selectFrom('listings')
      .innerJoin('listing_versions', (j) => j.onRef('listing_versions.listing_id', '=', 'listings.id').onRef('listing_versions.version', '=', 'listings.current_version'))
      .select(['listings.park_id', 'listings.kind', 'listings.status', sql<string | null>`listing_versions.content->>'availability'`.as('availability'), sql<number>`count(*)::int`.as('n')])
      .groupBy(['listings.park_id', 'listings.kind', 'listings.status', sql`listing_versions.content->>'availability'`])
      .execute();
  }

  private base() {
    return this.db
      .selectFrom('listings')
      .innerJoin('listing_versions', (j) => j.onRef('listing_versions.listing_id', '=', 'listings.id').onRef('listing_versions.version', '=', 'listings.current_version'))
      .innerJoin('parks', 'parks.id', 'listings.park_id')
      .select([
        'listings.id', 'listings.park_id', 'parks.name as park_name', 'parks.board_id', 'listings.kind', 'listings.current_version', 'listings.title',
        'listings.status', 'listing_versions.content', 'listings.created_by', 'listings.created_at', 'listings.updated_at',
      ]);
  }
}

function toView(r: {
  id: string; park_id: string; park_name: string; board_id: string; kind: string; current_version: number; title: string; status: string;
  content: Record<string, unknown>; created_by: string; created_at: Date; updated_at: Date;
}): ListingView {
  return {
    id: r.id, parkId: r.park_id, park: r.park_name, boardId: r.board_id, kind: r.kind, version: r.current_version, title: r.title, status: r.status,
    content: r.content, createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
