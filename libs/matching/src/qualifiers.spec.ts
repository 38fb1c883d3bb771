/**
 * The seed's bracketed qualifiers (issue 11 item 1): each qualified direction of config/parks.json is read as closed
 * (the list narrows the head word), open (…等: examples) or additive (the items are not kinds of the head). The table is
 * the reading written in docs/matching.md; a new or reworded direction fails here until it is read deliberately.
 */
import { loadParkCatalog, loadTaxonomy } from '#catalog';
import { createMatcher, describeQualifiers, parksFromCatalog } from './index.js';

const parks = parksFromCatalog(loadParkCatalog());
const taxonomy = loadTaxonomy();
const matcher = createMatcher(parks, taxonomy);

const READINGS: Record<string, string> = {
  'haian-dz 机器人及智能制造（人工智能）': 'additive',
  'haian-gx 新材料（铝镁合金、磁性材料）': 'closed',
  'rudong-dz 生物医药(合成生物、植介入医疗器械等)': 'open',
  'rudong-dz 绿色能源装备(海洋电力领域等)': 'open',
  'qidong-dz 生命健康（细胞和基因技术、合成生物、医疗器械等）': 'open',
  'lvsi-port 新材料（可降解新材料、超纤合成革、PE新材料）': 'closed',
  'haimen-dz 新一代信息技术(光电显示、半导体材料与设备等)': 'open',
  'haimen-linjiang 生命健康(合成生物和医美健康)': 'closed',
  'chongchuan-dz 数字经济（通用人工智能、智慧交通等）': 'open',
  'gangzha-dz 智能装备（新能源装备制造、氢能装备制造）': 'closed',
  'sxt 高端智能装备（深远海装备）': 'closed',
  'tongzhou-bay 先进材料（高端聚烯烃、特种工程塑料、高端碳材料等）': 'open',
  'tongzhou-bay 高端海工装备（海装设计、海上风电作业平台等）': 'open',
  'tongzhou-bay 绿色能源（绿氢、零碳负碳等）': 'open',
  'innovation-zone 集成电路（EDA底座、仿真设计，IP设计，电源、射频、功率IC及器件，主控类和车规级高端IC设计与应用）': 'closed',
  'innovation-zone 生物医药（新型大分子抗体药物、细胞与基因治疗药物、合成生物、体外诊断试剂、介入式器械等）': 'open',
  'innovation-zone 通用人工智能（垂直细分领域大模型及其应用、高端算力、推理算力等）': 'open',
};

const order = (text: string): string[] => matcher.rank({ text }).ranking.map((m) => m.parkId);
const before = (ranking: string[], a: string, b: string): boolean => ranking.indexOf(a) < ranking.indexOf(b);

describe('bracketed qualifiers of the park directions', () => {
  it('reads every direction of config/parks.json: each qualified one as closed, open or additive, the rest plain', () => {
    const read = describeQualifiers(parks, taxonomy);
    const qualified = Object.fromEntries(read.filter((x) => x.reading !== 'plain').map((x) => [`${x.park} ${x.direction}`, x.reading]));
    expect(qualified).toEqual(READINGS);
    for (const x of read.filter((r) => r.reading === 'plain')) expect(x.direction).not.toMatch(/[(（]/);
  });

  it('ranks a small-molecule drug maker to the plain 生物医药/生命健康 parks above 生命健康(合成生物和医美健康)', () => {
    const r = order('小分子创新药研发及化学原料药生产基地');
    for (const plain of ['rudong-dz', 'innovation-zone', 'shibei-hitech', 'qidong-dz']) expect(before(r, plain, 'haimen-linjiang')).toBe(true);
  });

  it('still ranks 海门临江 first for what its closed list names (medical aesthetics)', () => {
    expect(order('医美玻尿酸填充剂')[0]).toBe('haimen-linjiang');
  });

  it('reads an open list (…等) as examples: a chemical-drug lead scores 启东开发区 生命健康（…等） like the plain 生命健康', () => {
    const r = matcher.rank({ text: '小分子化学药制剂生产项目' });
    const score = (id: string): number => r.ranking.find((m) => m.parkId === id)!.score;
    expect(score('qidong-dz')).toBe(score('shibei-hitech'));
    expect(score('qidong-dz')).toBeGreaterThan(score('haimen-linjiang'));
  });

  it('does not let 智能装备（新能源装备制造、氢能装备制造） take general machinery as if it were plain', () => {
    const r = matcher.rank({ text: '高档数控机床和五轴加工中心' });
    const gangzha = r.ranking.find((m) => m.parkId === 'gangzha-dz')!;
    expect(gangzha.coverage).toBeLessThan(0.5);
  });
});
