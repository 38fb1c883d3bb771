/**
 * Golden rankings: the full output for fixed leads — park order, scores (4 decimals), coverage, no-fit verdict, sectors
 * and every reason (kind, direction, terms, weight, sentence) — pinned in __fixtures__/golden-rankings.json, so that a
 * speed change that alters any output fails here. A deliberate change of output: rerun with UPDATE_GOLDEN=1, review
 * the fixture diff, and bump ENGINE_REVISION when rankings change.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadParkCatalog, loadTaxonomy } from '#catalog';
import { createMatcher, parksFromCatalog, type MatchLead, type Ranking } from './index.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__', 'golden-rankings.json');

const LEADS: { name: string; lead: MatchLead; signed?: boolean }[] = [
  { name: 'zh third-generation semiconductor', lead: { text: '企业拟投资建设碳化硅衬底及外延片生产线，产品用于新能源汽车主驱逆变器。' } },
  { name: 'en hydrogen', lead: { text: 'R&D and manufacturing of hydrogen fuel cell stacks and membrane electrode assemblies' } },
  { name: 'mixed SiC', lead: { text: 'SiC功率器件' } },
  { name: 'two sectors with amounts', lead: { text: '一家上市公司合成生物发酵平台和莱赛尔纤维项目，计划投资约35亿元建设研发制造基地，规划用地200亩。' } },
  { name: 'declared sector, vague text', lead: { text: '某企业拟新建生产基地。', sector: '高端纺织' } },
  { name: 'no fit: transformers', lead: { text: '电气企业投资建设高端变压器和开关柜智慧工厂。' } },
  { name: 'no fit: food, English', lead: { text: 'A dairy and snack food processing plant with cold chain warehousing' } },
  { name: 'medical devices and declared sector', lead: { text: '心血管介入支架和人工心脏瓣膜项目，年产值预计12亿元', sector: '医疗器械' } },
  { name: 'robots, AI, low altitude', lead: { text: 'A leading manufacturer humanoid robots和eVTOL飞行器研发中心，人工智能视觉检测' } },
  { name: 'signed projects (history reasons)', lead: { text: '钠离子电池正极材料项目' }, signed: true },
  { name: 'empty text', lead: { text: '' } },
];

function pin(r: Ranking): unknown {
  return {
    noFit: r.noFit,
    primarySector: r.primarySector,
    sectors: r.sectors.map((s) => `${s.id} ${s.share.toFixed(4)}${s.covered ? ' covered' : ''}`),
    ranking: r.ranking.map((m) => ({
      park: `${m.rank} ${m.parkId} ${m.score.toFixed(4)} cov ${m.coverage.toFixed(4)}`,
      reasons: m.reasons.map((x) => ({ kind: x.kind, direction: x.direction, terms: x.terms, weight: x.weight.toFixed(4), text: x.text })),
    })),
  };
}

describe('golden rankings (output pinned for fixed leads)', () => {
  const catalog = loadParkCatalog();
  const taxonomy = loadTaxonomy();
  const plain = createMatcher(parksFromCatalog(catalog), taxonomy);
  const signed = createMatcher(parksFromCatalog(catalog, { 'nantong-hitech': ['钠离子电池正极材料生产基地', '钠离子电池电芯项目'] }), taxonomy);
  const actual: Record<string, unknown> = {};
  for (const { name, lead, signed: s } of LEADS) actual[name] = pin((s ? signed : plain).rank(lead));

  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(FIXTURE, JSON.stringify(actual, null, 1) + '\n');
  const expected = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>;

  it('pins every lead of the list', () => {
    expect(Object.keys(expected).sort()).toEqual(LEADS.map((l) => l.name).sort());
  });

  it.each(LEADS.map((l) => l.name))('%s', (name) => {
    expect(actual[name]).toEqual(expected[name]);
  });

  it('is the same on a second call (no state leaks between leads)', () => {
    for (const { name, lead, signed: s } of LEADS) expect(pin((s ? signed : plain).rank(lead))).toEqual(expected[name]);
  });
});
