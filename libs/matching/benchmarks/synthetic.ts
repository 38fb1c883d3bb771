import type { MatchLead, MatchPark, TaxonomyNode } from '#matching';

/** Fixed data for the bench and the many-parks spec: seeded, so every run sees the same leads and parks. */

const ACTORS = ['一家上市公司', '外资企业', '国内龙头企业', '初创科技企业', '央企子公司', '民营集团', '高校科研团队', 'A leading manufacturer', 'A listed company', 'A startup'];
const SUBJECTS = [
  '碳化硅功率器件', 'SiC功率模块', '氮化镓射频芯片', '氢燃料电池电堆', '电解水制氢设备', '储能电池系统', '钠离子电池', '锂电池正极材料',
  '合成生物发酵平台', '重组胶原蛋白', 'CAR-T细胞治疗药物', '单克隆抗体', '体外诊断试剂盒', '心血管介入支架', '医疗美容产品', '精密光学镜头',
  '功能薄膜材料', '铝镁合金压铸件', '钕铁硼永磁材料', '聚乳酸可降解材料', '超纤合成革', '超高分子量聚乙烯', '特种工程塑料PEEK', '碳纤维复合材料',
  '纳米粉体材料', '莱赛尔纤维', '高端家纺床品', '豪华邮轮', '海上风电安装平台', '深远海养殖装备', '工业机器人', '人工智能视觉检测',
  '垂直行业大模型', '智算中心', '智慧交通车路协同', '无人机', 'eVTOL飞行器', '卫星通信终端', '5G基站天线', '汽车电子域控制器',
  'Mini LED显示模组', '半导体刻蚀设备', '光刻胶', '晶圆测试', '高端变压器', '凹版印刷机', '食品饮料', '冷链物流', '建筑防水材料',
  'silicon carbide power devices', 'hydrogen fuel cell stacks', 'battery energy storage systems', 'synthetic biology fermentation', 'monoclonal antibodies',
  'interventional cardiology devices', 'precision optical lenses', 'offshore wind installation vessels', 'humanoid robots', 'large language model applications',
  'automotive electronics', 'satellite communications', 'semiconductor etching equipment', 'biodegradable PLA resin', 'home textiles and bedding',
];
const ACTIONS = ['项目，计划投资约{n}亿元建设研发制造基地', '生产线，规划用地{n}亩', '研发中心，年产值预计{n}亿元', 'project with an investment of {n} billion yuan', '扩产项目，新增产能{n}万套'];

export function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateLeads(n: number): MatchLead[] {
  const rnd = mulberry32(20241115);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const leads: MatchLead[] = [];
  for (let i = 0; i < n; i++) {
    const s1 = pick(SUBJECTS);
    const s2 = rnd() < 0.4 ? `和${pick(SUBJECTS)}` : '';
    const text = `${pick(ACTORS)}${s1}${s2}${pick(ACTIONS).replace('{n}', String(1 + Math.floor(rnd() * 99)))}。`;
    leads.push(rnd() < 0.1 ? { text, sector: pick(SUBJECTS) } : { text });
  }
  return leads;
}

/**
 * `count` synthetic parks for the growth series: each takes 1–3 taxonomy nodes as its directions (the node's label,
 * one or two of its products or components as sub-directions, its English label), drawn by a seeded PRNG, spread over
 * the twelve boards. Deterministic: the same count gives the same parks.
 */
export function syntheticParks(nodes: readonly TaxonomyNode[], boards: readonly string[], count: number, rnd: () => number): MatchPark[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const parks: MatchPark[] = [];
  for (let i = 0; i < count; i++) {
    const chosen = new Set<TaxonomyNode>();
    const want = 1 + Math.floor(rnd() * 3);
    while (chosen.size < want) chosen.add(pick(nodes));
    const directions = [...chosen].map((n) => {
      const items = [...(n.products ?? []), ...(n.components ?? [])];
      const subs = items.length && rnd() < 0.6 ? [...new Set([pick(items), pick(items)])] : [];
      return { text: subs.length ? `${n.label}（${subs.join('、')}）` : n.label, name: n.label, subDirections: subs, en: n.en };
    });
    const id = `syn-${String(i).padStart(4, '0')}`;
    parks.push({ id, name: `合成园区${i}`, board: boards[i % boards.length]!, directions });
  }
  return parks;
}
