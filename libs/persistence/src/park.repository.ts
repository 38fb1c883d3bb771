import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from './executor.js';
import type { DirectionRow } from './schema.js';

export interface CatalogInput {
  source: string;
  boards: { id: string; name: string; kind: string }[];
  parks: { id: string; name: string; board: string; seedText: string; directions: DirectionRow[] }[];
}

export interface ParkProfileView {
  version: number;
  seedText: string;
  directions: DirectionRow[];
  source: string;
  createdBy: string;
  createdAt: Date;
}

export interface ParkView {
  id: string;
  name: string;
  board: { id: string; name: string };
  currentVersion: number;
  seedText: string;
  directions: DirectionRow[];
  updatedAt: Date;
}

export interface SyncReport {
  boardsAdded: number;
  parksAdded: number;
  versionsAdded: number;
  unchanged: number;
}

function profileHash(p: { name: string; board: string; seedText: string; directions: DirectionRow[] }): string {
  const canonical = JSON.stringify({
    name: p.name,
    board: p.board,
    seedText: p.seedText,
    directions: p.directions.map((d) => ({ text: d.text, name: d.name, subDirections: d.subDirections, en: d.en })),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

export class ParkRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Loads the catalog idempotently: new parks get version 1, a changed profile gets a new version,
   * an unchanged one nothing. An advisory lock keeps concurrent starters (API and worker) from racing:
   * call it inside a transaction (UnitOfWork.transaction), which holds the lock until commit.
   */
  async syncCatalog(catalog: CatalogInput, actor = 'catalog-loader'): Promise<SyncReport> {
    await sql`select pg_advisory_xact_lock(hashtext('parkmatch:catalog-sync'))`.execute(this.db);
    const report: SyncReport = { boardsAdded: 0, parksAdded: 0, versionsAdded: 0, unchanged: 0 };
    for (const b of catalog.boards) {
      const res = await this.db
        .insertInto('boards')
        .values({ id: b.id, name: b.name, kind: b.kind })
        .onConflict((oc) => oc.column('id').doUpdateSet({ name: b.name, kind: b.kind }))
        .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
        .executeTakeFirstOrThrow();
      if (res.inserted) report.boardsAdded++;
    }
    for (const p of catalog.parks) {
      const hash = profileHash(p);
      const current = await this.db
        .selectFrom('parks')
        .innerJoin('park_profiles', (j) =>
          j.onRef('park_profiles.park_id', '=', 'parks.id').onRef('park_profiles.version', '=', 'parks.current_version'),
        )
        .select(['parks.current_version', 'park_profiles.content_hash', 'parks.name', 'parks.board_id'])
        .where('parks.id', '=', p.id)
        .executeTakeFirst();
      if (current && current.content_hash === hash) {
        report.unchanged++;
        continue;
      }
      const version = current ? current.current_version + 1 : 1;
      if (!current) {
        await this.db.insertInto('parks').values({ id: p.id, name: p.name, board_id: p.board, current_version: version, updated_at: new Date() }).execute();
        report.parksAdded++;
      } else {
        await this.db.updateTable('parks').set({ name: p.name, board_id: p.board, current_version: version, updated_at: new Date() }).where('id', '=', p.id).execute();
        report.versionsAdded++;
      }
      await this.db
        .insertInto('park_profiles')
        .values({
          park_id: p.id,
          version,
          seed_text: p.seedText,
          directions: JSON.stringify(p.directions),
          content_hash: hash,
          source: catalog.source,
          created_by: actor,
        })
        .execute();
    }
    return report;
  }

  /**
   * Saves an edited profile (the yearly revision) as the park's next version; an unchanged profile adds
   * nothing. Returns the current version afterwards and whether a version was added. Inside a transaction.
   */
  async addVersion(parkId: string, profile: { seedText: string; directions: DirectionRow[] }, source: string, actor: string): Promise<{ version: number; added: boolean } | undefined> {
    await sql`select pg_advisory_xact_lock(hashtext('parkmatch:catalog-sync'))`.execute(this.db);
    const park = await this.db.selectFrom('parks').selectAll().where('id', '=', parkId).executeTakeFirst();
    if (!park) return undefined;
    const current = await this.db.selectFrom('park_profiles').select('content_hash').where('park_id', '=', parkId).where('version', '=', park.current_version).executeTakeFirst();
    const hash = profileHash({ name: park.name, board: park.board_id, ...profile });
    if (current?.content_hash === hash) return { version: park.current_version, added: false };
    const version = park.current_version + 1;
    await this.db.updateTable('parks').set({ current_version: version, updated_at: new Date() }).where('id', '=', parkId).execute();
    await this.db
      .insertInto('park_profiles')
      .values({ park_id: parkId, version, seed_text: profile.seedText, directions: JSON.stringify(profile.directions), content_hash: hash, source, created_by: actor })
      .execute();
    return { version, added: true };
  }

  async listBoards(): Promise<{ id: string; name: string; kind: string; parkCount: number }[]> {
    const rows = await this.db
      .selectFrom('boards')
      .leftJoin('parks', 'parks.board_id', 'boards.id')
      .select(['boards.id', 'boards.name', 'boards.kind', sql<number>`count(parks.id)::int`.as('parkCount')])
      .groupBy(['boards.id', 'boards.name', 'boards.kind'])
      .orderBy('boards.id')
      .execute();
    return rows;
  }

  async listParks(filter: { boardId?: string } = {}): Promise<ParkView[]> {
    let q = this.baseParkQuery();
    if (filter.boardId) q = q.where('parks.board_id', '=', filter.boardId);
    const rows = await q.orderBy('parks.id').execute();
    return rows.map(toParkView);
  }

  async findPark(id: string): Promise<ParkView | undefined> {
    const row = await this.baseParkQuery().where('parks.id', '=', id).executeTakeFirst();
    return row && toParkView(row);
  }

  async listVersions(parkId: string): Promise<ParkProfileView[]> {
    const rows = await this.db
      .selectFrom('park_profiles')
      .selectAll()
      .where('park_id', '=', parkId)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => ({
      version: r.version,
      seedText: r.seed_text,
      directions: r.directions,
      source: r.source,
      createdBy: r.created_by,
      createdAt: r.created_at,
    }));
  }

  private baseParkQuery() {
    return this.db
      .selectFrom('parks')
      .innerJoin('boards', 'boards.id', 'parks.board_id')
      .innerJoin('park_profiles', (j) =>
        j.onRef('park_profiles.park_id', '=', 'parks.id').onRef('park_profiles.version', '=', 'parks.current_version'),
      )
      .select([
        'parks.id',
        'parks.name',
        'parks.board_id',
        'boards.name as board_name',
        'parks.current_version',
        'parks.updated_at',
        'park_profiles.seed_text',
        'park_profiles.directions',
      ]);
  }
}

function toParkView(r: {
  id: string;
  name: string;
  board_id: string;
  board_name: string;
  current_version: number;
  updated_at: Date;
  seed_text: string;
  directions: DirectionRow[];
}): ParkView {
  return {
    id: r.id,
    name: r.name,
    board: { id: r.board_id, name: r.board_name },
    currentVersion: r.current_version,
    seedText: r.seed_text,
    directions: r.directions,
    updatedAt: r.updated_at,
  };
}
