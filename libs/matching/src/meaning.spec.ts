/** Issue 11 items 2–4: ties broken on meaning, multi-sector leads, vocabulary holes. */
import { loadParkCatalog, loadTaxonomy } from '#catalog';
import { createMatcher, parksFromCatalog, type MatchOptions, type MatchPark } from './index.js';

const parks = parksFromCatalog(loadParkCatalog());
const matcher = createMatcher(parks, loadTaxonomy());

const d = (name: string, en: string) => ({ text: name, name, subDirections: [], en });

describe('ties broken on meaning', () => {
  it('puts the park with fewer, more focused directions first among equal scores (LNG carriers: 洋口港 before 海门)', () => {
    const r = matcher.rank({ text: 'LNG运输船和汽车运输船建造项目。' });
    expect(r.ranking[0]!.score).toBe(r.ranking[1]!.score);
    expect(r.ranking.slice(0, 2).map((m) => m.parkId)).toEqual(['yangkou-port', 'haimen-dz']);
    expect(r.topDecidedBy).toBe('focus');
  });

  // Two made-up parks of one board that score the same for the text: the second one is first, for the reason named.
  const TIES: [string, [string, MatchPark['directions']], [string, MatchPark['directions']], string, Partial<MatchOptions>, string][] = [
    ['among otherwise identical parks puts the one listing the sector as its first (main) direction first',
      ['a-second', [d('新材料', 'new materials'), d('新型储能', 'energy storage')]], ['b-first', [d('新型储能', 'energy storage'), d('新材料', 'new materials')]], '储能电池PACK与储能变流器生产项目', { lexicalWeight: 0 }, 'principal'],
    ['puts a park whose direction names the sector before one covering it under an umbrella at the same score',
      ['a-umbrella', [d('生命健康', 'life and health')]], ['b-named', [d('医美健康', 'medical aesthetics')]], '医美玻尿酸填充剂', { depthDecay: 1, lexicalWeight: 0 }, 'named'],
    // 人工智能 spans sub-branches (大模型, 算力…); 深远海装备 is one narrow sector
    ['among parks naming the same sectors puts the one whose directions reach less of the taxonomy first',
      ['a-wide', [d('第三代半导体', 'third-generation semiconductors'), d('人工智能', 'artificial intelligence')]], ['b-narrow', [d('第三代半导体', 'third-generation semiconductors'), d('深远海装备', 'deep-sea equipment')]], '碳化硅功率器件和氮化镓外延片生产项目', { lexicalWeight: 0 }, 'reach'],
  ];
  it.each(TIES)('%s', (_, a, b, text, options, decidedBy) => {
    const two = [a, b].map(([id, directions], i) => ({ id, name: ['甲园区', '乙园区'][i]!, board: 'x', directions }));
    const r = createMatcher(two, loadTaxonomy(), options).rank({ text });
    expect(r.ranking[0]!.score).toBe(r.ranking[1]!.score);
    expect(r.ranking[0]!.parkId).toBe(b[0]);
    expect(r.topDecidedBy).toBe(decidedBy);
  });

  it('leaves a SiC lead between the two 第三代半导体-first parks of the seed to meaning, not to the park id', () => {
    const r = matcher.rank({ text: '碳化硅功率器件和氮化镓外延片生产项目' });
    expect(r.ranking.slice(0, 2).map((m) => m.parkId).sort()).toEqual(['nantong-hitech', 'sxt']);
    expect(r.topDecidedBy).not.toBe('park-id');
  });

  it('uses history before the park id', () => {
    const withHistory = createMatcher(parksFromCatalog(loadParkCatalog(), { 'sxt': ['碳化硅功率模块项目', '碳化硅外延片项目'] }), loadTaxonomy(), { historyWeight: 0 });
    const r = withHistory.rank({ text: 'SiC功率器件，用于逆变器和车载充电机' });
    expect(r.ranking[0]!.parkId).toBe('sxt');
    expect(r.topDecidedBy).toBe('history');
  });
});

describe('multi-sector leads', () => {
  it('is a fit when parks cover its two strong sectors although no single park covers half of it', () => {
    const r = matcher.rank({ text: '人形机器人和莱赛尔纤维项目，配套冷链物流' });
    expect(r.noFit).toBe(false);
    expect(r.ranking.slice(0, 2).map((m) => m.parkId).sort()).toEqual(['haian-dz', 'rugao-port']);
  });

  it('stays no-fit when what the parks cover is a minor part of the lead', () => {
    expect(matcher.rank({ text: '食品加工和冷链物流，少量光伏屋顶' }).noFit).toBe(true);
    expect(matcher.rank({ text: '电气企业投资建设高端变压器和开关柜智慧工厂，配套储能电池' }).noFit).toBe(true);
  });
});

describe('vocabulary', () => {
  it('reads home-textile products (提花织物, 功能性纤维) as 高端纺织 evidence', () => {
    for (const text of ['提花织物、功能性纤维', 'jacquard fabrics and functional fibres for bedding']) {
      const r = matcher.rank({ text });
      expect(r.noFit).toBe(false);
      expect(r.ranking[0]!.parkId).toBe('home-textile');
    }
  });

  it('reads product and class terms of general catalogues (GB/T 4754, 战略性新兴产业分类) in their most specific sector', () => {
    const read = (text: string) => {
      const r = matcher.rank({ text });
      return { noFit: r.noFit, primary: r.primarySector, top: r.ranking[0]!.parkId };
    };
    // hydrogen purification and storage vessels are hydrogen equipment (港闸's 氢能装备制造), not hydrogen in general
    expect(read('氢气纯化装置和液氢储罐制造项目')).toEqual({ noFit: false, primary: '氢能装备制造', top: 'gangzha-dz' });
    expect(read('pem electrolyzer and liquid hydrogen tank plant')).toMatchObject({ noFit: false, primary: '氢能装备制造' });
    // synthetic rubber and acrylonitrile are petrochemicals, which no park takes (no longer 高端聚烯烃 by a stray 丙烯)
    expect(read('顺丁橡胶和丙烯腈生产装置')).toMatchObject({ noFit: true, primary: '石油化工' });
    expect(read('单抗注射液和重组蛋白药物生产基地')).toMatchObject({ noFit: false, primary: '新型大分子抗体药物' });
    expect(read('文生视频模型研发')).toMatchObject({ noFit: false, primary: '通用人工智能' });
    expect(matcher.rank({ text: '偏航轴承和变桨系统生产线' }).sectors.map((x) => x.label)).toEqual(['风电装备']);
  });

  it('does not read 逆变器 as photovoltaics only: a SiC device lead for inverters and chargers goes to 第三代半导体 parks', () => {
    const r = matcher.rank({ text: 'SiC功率器件，用于逆变器和车载充电机' });
    // 逆变器 is shared by 光伏, 新型储能 (PCS) and 汽车电子 (traction inverters): 光伏 gets a third of one term
    expect(r.sectors.find((s) => s.id === 'solar-pv')?.share ?? 0).toBeLessThan(0.1);
    expect(['nantong-hitech', 'sxt']).toContain(r.ranking[0]!.parkId);
  });
});
