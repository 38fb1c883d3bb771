import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { DESCRIPTION_BANDS, descriptionBands, descriptionTrigrams } from '#intake';
import { DATABASE_KINDS, databaseForSuite, migrateUpTo, openTestDatabase } from './testing/databases.js';
import { DESCRIPTION_CANDIDATES } from './lead.repository.js';
import { migrateToLatest } from './migrate.js';

/**
 * The 项目撞车 candidate key (MinHash/LSH bands) against the rule it stands in for: on the project's own texts
 * (the evaluation sets, the tests' descriptions) and the ways a second board re-reports the same project, every
 * pair at trigram similarity ≥ 0.7 shares a band key, and the repository's band lookup finds exactly the pairs a
 * comparison with every lead of the sector finds.
 */
const THRESHOLD = 0.7;
const own = ['dev', 'heldout-zh', 'heldout-en'].flatMap((f) => readFileSync(`tests/eval/${f}.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l).lead as string));
const tests = [
  '碳化硅功率器件及外延片项目，建设6英寸SiC晶圆产线，年产车规级功率模块100万只。',
  '氢燃料电池电堆与膜电极生产基地，配套加氢站示范运营，年产燃料电池系统5000套。',
  '高端床上用品与功能性家纺面料生产项目，引进智能织造与数码印花设备。',
  '连锁烘焙食品中央工厂，生产面包、蛋糕等烘焙食品并配送门店，配套冷链物流中心。',
  '建设年产两万吨锂电池正极材料磷酸铁锂生产线，配套研发中心。',
  '第三代半导体氮化镓射频器件与碳化硅MOSFET封测项目，建设车规级功率模块产线。',
];
/** How a second board writes up the same project: a tag, other punctuation, a sentence more or less, another figure. */
function rewrites(d: string, i: number): string[] {
  const cut = d.replace(/[，,][^，,]*[。.]?$/, '。');
  return [
    `${d}（第${i % 7}批）`,
    d.replace(/[，、]/g, '；').replace(/[。.]$/, ''),
    `项目情况：${d}`,
    `${d}企业已完成选址考察。`,
    d.replace(/\d+/, (n) => String(Number(n) + 1)),
    cut,
  ].filter((v) => v !== d);
}
const families = [...own, ...tests].map((d, i) => [d, ...rewrites(d, i)]).concat(tests.map((d) => [0, 1, 2, 3].map((n) => `${d}（批量第${n}号）`)));
const texts = [...new Set(families.flat())];
const jaccard = (a: Set<string>, b: Set<string>) => {
  let n = 0;
  for (const t of a) if (b.has(t)) n++;
  return n / (a.size + b.size - n);
};
const shareBand = (a: number[], b: number[]) => a.some((k) => b.includes(k));

describe.each(DATABASE_KINDS)('description duplicate key on %s', (kind) => {
  const h = databaseForSuite(kind);

  it('every pair pg_trgm finds at ≥ 0.7 shares a band key (recall 1.0); unrelated texts rarely do', async () => {
    // pg_trgm judges the pairs our own trigrams put above 0.5, and every 50th pair (to check the two agree).
    const grams = texts.map(descriptionTrigrams);
    const asked: [number, number][] = [];
    for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) if (jaccard(grams[i]!, grams[j]!) >= 0.5 || (i * texts.length + j) % 50 === 0) asked.push([i, j]);
    const pairs = await sql<{ i: number; j: number; s: number }>`
      with p as (select (x->>0)::int as i, (x->>1)::int as j from jsonb_array_elements(${JSON.stringify(asked)}::jsonb) as x),
        t as (select (i - 1)::int as i, d from jsonb_array_elements_text(${JSON.stringify(texts)}::jsonb) with ordinality as x(d, i))
      select p.i, p.j, similarity(a.d, b.d)::float8 as s from p join t a on a.i = p.i join t b on b.i = p.j`.execute(h.db);
    const off = pairs.rows.filter((p) => Math.abs(jaccard(grams[p.i]!, grams[p.j]!) - p.s) > 0.01);
    expect(off).toEqual([]);
    const bands = texts.map(descriptionBands);
    const similar = pairs.rows.filter((p) => p.s >= THRESHOLD);
    expect(similar.length).toBeGreaterThan(500);
    const missed = similar.filter((p) => !shareBand(bands[p.i]!, bands[p.j]!)).map((p) => [texts[p.i], texts[p.j], p.s]);
    expect(missed).toEqual([]);
    const unrelated = pairs.rows.filter((p) => p.s < 0.3);
    expect(unrelated.length).toBeGreaterThan(2000);
    const met = unrelated.filter((p) => shareBand(bands[p.i]!, bands[p.j]!)).length / unrelated.length;
    process.stdout.write(`unrelated pairs (< 0.3) sharing a band key: ${(met * 100).toFixed(2)} % of ${unrelated.length}\n`);
    expect(met).toBeLessThan(0.005);
  });

  it('the band lookup of the repository finds the pairs a comparison with every lead of the sector finds', async () => {
    await sql`insert into boards (id, name, kind) values ('haian', '海安市', 'county') on conflict do nothing`.execute(h.db);
    // A third of the families (the reference comparison below is quadratic).
    const some = [...new Set(families.filter((_, i) => i % 3 === 0).flat())];
    const ids = some.map(() => randomUUID());
    await h.uow.transaction((r) => r.leads.insertMany(some.map((d, i) => ({
      id: ids[i]!, originBoardId: 'haian', submitter: 't', company: null, companyNorm: null, creditCode: null, description: d, sector: null,
      amountValue: null, amountUnit: null, amountWan: null, landMu: null, channel: null, contacts: [],
    }))));
    await sql`update leads set primary_sector = 'x'`.execute(h.db);
    const rows = await h.db.selectFrom('leads').select(['id', 'description', 'description_bands']).execute();
    expect(rows.every((r) => r.description_bands.length > 0)).toBe(true);
    const found = await h.uow.read((r) => r.leads.duplicateCandidates(
      rows.map((l) => ({ id: l.id, creditCode: null, companyNorm: null, description: l.description, descriptionBands: l.description_bands, primarySector: 'x' })), 0.8, THRESHOLD));
    const byBands = found.filter((f) => f.reason === 'description').map((f) => `${f.lead_id}/${f.id}`).sort();
    // The rule as it was: every lead of the sector compared (each lead's ten most similar).
    const scan = await sql<{ a: string; b: string }>`
      select l.id as a, c.id as b from leads l cross join lateral (
        select id, similarity(o.description, l.description) as s from leads o
        where o.id <> l.id and o.primary_sector is not distinct from l.primary_sector and similarity(o.description, l.description) >= ${THRESHOLD}
        order by 2 desc limit 10) c`.execute(h.db);
    expect(byBands.length).toBeGreaterThan(150);
    expect(byBands).toEqual(scan.rows.map((r) => `${r.a}/${r.b}`).sort());
  });

  it('a district sheet of near-template rows: a re-report is found among the newest of them, the older ones are not compared', async () => {
    await sql`insert into boards (id, name, kind) values ('rugao', '如皋市', 'county') on conflict do nothing`.execute(h.db);
    const n = DESCRIPTION_CANDIDATES + 100;
    const sheet = Array.from({ length: n }, (_, i) => `建设年产${i + 1}万吨锂电池正极材料磷酸铁锂生产线，配套研发中心与检测实验室（如皋批次${i}）`);
    const ids: string[] = sheet.map(() => randomUUID());
    await h.uow.transaction((r) => r.leads.insertMany(sheet.map((d, i) => ({
      id: ids[i]!, originBoardId: 'rugao', submitter: 't', company: null, companyNorm: null, creditCode: null, description: d, sector: null,
      amountValue: null, amountUnit: null, amountWan: null, landMu: null, channel: null, contacts: [],
    }))));
    // Row i was reported n - i hours ago: the newest is the last row of the sheet.
    await sql`update leads set primary_sector = 'sheet', created_at = now() - make_interval(hours => ${n} - array_position(${ids}::text[], id)) where id = any(${ids}::text[])`.execute(h.db);
    const ask = async (d: string) => {
      const l = { id: randomUUID(), creditCode: null, companyNorm: null, description: d, descriptionBands: descriptionBands(d), primarySector: 'sheet' };
      return (await h.uow.read((r) => r.leads.duplicateCandidates([l], 0.8, THRESHOLD))).filter((f) => f.reason === 'description').map((f) => ids.indexOf(f.id));
    };
    const recent = await ask(`项目情况：${sheet[n - 3]}`);
    expect(recent[0]).toBe(n - 3);
    expect(recent).toHaveLength(10);
    // The oldest rows are beyond the newest DESCRIPTION_CANDIDATES band-sharing leads: a re-report of one is not
    // matched to it by its text (its company name and credit code still are), only to newer rows.
    const old = await ask(`项目情况：${sheet[0]}`);
    expect(old).not.toContain(0);
    expect(old.every((i) => i >= n - DESCRIPTION_CANDIDATES)).toBe(true);
  });
});

describe.each(DATABASE_KINDS)('migrations 0019 and 0022 on %s: leads stored before them get the current duplicate key', (kind) => {
  it('computes the band keys of existing leads (0019), and computes them again when the key changes (0022), as a new lead gets them', async () => {
    const h = await openTestDatabase(kind, { upTo: '0018-distribution-job-name' });
    try {
      await sql`insert into boards (id, name, kind) values ('haian', '海安市', 'county')`.execute(h.db);
      await sql`insert into leads (id, code, origin_board_id, submitter, description, description_redacted, contacts, status)
        values ('l1', 'XS000001', 'haian', 't', ${tests[0]}, ${tests[0]}, '[]'::jsonb, 'new'), ('l2', 'XS000002', 'haian', 't', '。。。。。。。。。。', '。。。。。。。。。。', '[]'::jsonb, 'new')`.execute(h.db);
      await migrateUpTo(h.db, '0021-description-bands-no-pending');
      const keys = async () => h.db.selectFrom('leads').select(['id', 'description_bands']).orderBy('id').execute();
      expect(await keys()).toEqual([{ id: 'l1', description_bands: descriptionBands(tests[0]!) }, { id: 'l2', description_bands: [] }]);
      // Keys of an older scheme (as 32 × 4 left them) are replaced by 0022.
      await sql`update leads set description_bands = array[1, 2, 3] where id = 'l1'`.execute(h.db);
      await migrateToLatest(h.db);
      const rows = await keys();
      expect(rows).toEqual([{ id: 'l1', description_bands: descriptionBands(tests[0]!) }, { id: 'l2', description_bands: [] }]);
      expect(rows[0]!.description_bands).toHaveLength(DESCRIPTION_BANDS);
    } finally {
      await h.close();
    }
  });
});
