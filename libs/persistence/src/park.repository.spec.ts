import { sql } from 'kysely';
import { loadParkCatalog } from '#catalog';
import { DATABASE_KINDS, databaseForSuite } from './testing/databases.js';
import { migrateToLatest } from './migrate.js';
import { ParkRepository, type CatalogInput } from './park.repository.js';

const catalog: CatalogInput = loadParkCatalog();

describe.each(DATABASE_KINDS)('park catalog on %s', (kind) => {
  const h = databaseForSuite(kind);
  let parks: ParkRepository;

  beforeAll(() => {
    parks = new ParkRepository(h.db);
  });
  const sync = (c: CatalogInput, actor?: string) => h.uow.transaction((r) => r.parks.syncCatalog(c, actor));

  it('migrations are recorded and re-running them changes nothing', async () => {
    const again = await migrateToLatest(h.db);
    expect(again).toEqual([]);
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' order by 1`.execute(h.db);
    expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['boards', 'parks', 'park_profiles', 'worker_heartbeats']));
  });

  it('pg_trgm works on Chinese company names', async () => {
    const r = await sql<{ s: number }>`select similarity('南通百应能源有限公司', '百应能源（南通）有限公司')::float8 as s`.execute(h.db);
    expect(r.rows[0]!.s).toBeGreaterThan(0.3);
  });

  it('loads the 20 parks of the seed table with their boards, once', async () => {
    const first = await sync(catalog);
    expect(first).toEqual({ boardsAdded: 12, parksAdded: 20, versionsAdded: 0, unchanged: 0 });
    const second = await sync(catalog);
    expect(second).toEqual({ boardsAdded: 0, parksAdded: 0, versionsAdded: 0, unchanged: 20 });

    const list = await parks.listParks();
    expect(list).toHaveLength(20);
    const rugao = list.find((p) => p.name === '如东开发区')!;
    expect(rugao.board.name).toBe('如东县');
    expect(rugao.seedText).toBe('第三代半导体、生物医药(合成生物、植介入医疗器械等)、绿色能源装备(海洋电力领域等)');
    expect(rugao.currentVersion).toBe(1);
    const boards = await parks.listBoards();
    expect(boards.find((b) => b.name === '崇川区')?.parkCount).toBe(3);
  });

  it('a changed profile adds a version and keeps the old one readable', async () => {
    const revised: CatalogInput = {
      ...catalog,
      parks: catalog.parks.map((p) =>
        p.id === 'home-textile'
          ? { ...p, seedText: '高端纺织、功能性纤维', directions: [...p.directions, { text: '功能性纤维', name: '功能性纤维', subDirections: [], en: 'functional fibres' }] }
          : p,
      ),
    };
    const report = await sync(revised, 'manager:test');
    expect(report).toMatchObject({ parksAdded: 0, versionsAdded: 1, unchanged: 19 });
    const park = await parks.findPark('home-textile');
    expect(park?.currentVersion).toBe(2);
    expect(park?.directions.map((d) => d.name)).toEqual(['高端纺织', '功能性纤维']);
    const versions = await parks.listVersions('home-textile');
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[1]!.seedText).toBe('高端纺织');
    expect(versions[0]!.createdBy).toBe('manager:test');
  });

  it('concurrent loaders do not duplicate versions', async () => {
    const reports = await Promise.all([sync(catalog), sync(catalog), sync(catalog)]);
    // The first to take the lock restores the seed profile (version 3); the others see it unchanged.
    expect(reports.map((r) => r.versionsAdded).sort()).toEqual([0, 0, 1]);
    expect((await parks.findPark('home-textile'))?.currentVersion).toBe(3);
  });
});
