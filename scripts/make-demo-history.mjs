// Writes config/demo/history.jsonl: for each line of config/demo/leads.jsonl (same order), the date it was reported
// over twelve months of 2025 and what the parks did with it (accepted, signed, or declined as 不符合园区主攻方向),
// deterministic (seeded). Where a kind of project lands follows general sector knowledge of the twenty parks
// (config/parks.json), not the engine's rankings and not eval cases: a park takes projects of its own directions and
// now and then one of a neighbouring direction its seed text does not name; a park whose direction sounds close but
// is narrower (a closed qualifier, design vs fab) declines some. Run: node scripts/make-demo-history.mjs
import { readFileSync, writeFileSync } from 'node:fs';

let seed = 20250101;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const weighted = (pairs) => {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let x = rand() * total;
  for (const [v, w] of pairs) if ((x -= w) < 0) return v;
  return pairs[pairs.length - 1][0];
};

// description prefix (the demo template) → where such projects land [park, weight], and parks that decline them
const LANDS = [
  ['建设6英寸碳化硅', { land: [['nantong-hitech', 4], ['sxt', 3], ['rudong-dz', 2], ['shibei-hitech', 1]], no: ['innovation-zone'] }],
  ['氮化镓（GaN）射频', { land: [['sxt', 2], ['nantong-hitech', 2], ['netda', 2]], no: ['haimen-dz'] }],
  ['车规级MCU与电源管理芯片', { land: [['innovation-zone', 5], ['shibei-hitech', 3]], no: ['rudong-dz'] }],
  ['半导体刻蚀与薄膜沉积', { land: [['qidong-dz', 4], ['haimen-dz', 3]], no: ['sxt'] }],
  ['Micro LED', { land: [['haimen-dz', 5], ['shibei-hitech', 1]] }],
  ['磷酸铁锂储能电芯', { land: [['haian-gx', 3], ['nantong-hitech', 2], ['sxt', 2], ['rugao-dz', 2], ['chongchuan-dz', 1]], no: ['gangzha-dz'] }],
  ['钠离子电池', { land: [['haian-gx', 2], ['rugao-dz', 2], ['nantong-hitech', 1], ['sxt', 1]], no: ['yangkou-port'] }],
  ['氢燃料电池电堆', { land: [['rugao-dz', 5], ['chongchuan-dz', 2]], no: ['netda'] }],
  ['碱性电解水制氢', { land: [['gangzha-dz', 3], ['rugao-dz', 3], ['netda', 1]] }],
  ['合成生物平台公司', { land: [['rugao-gx', 3], ['qidong-dz', 2], ['haimen-linjiang', 2], ['rudong-dz', 2]] }],
  ['重组胶原蛋白', { land: [['haimen-linjiang', 5], ['rugao-gx', 1]], no: ['shibei-hitech'] }],
  ['新型双特异性抗体', { land: [['qidong-dz', 3], ['shibei-hitech', 2], ['rudong-dz', 2]], no: ['haimen-linjiang'] }],
  ['CAR-T', { land: [['qidong-dz', 5], ['shibei-hitech', 1]], no: ['haimen-linjiang'] }],
  ['化学发光体外诊断', { land: [['shibei-hitech', 3], ['qidong-dz', 2], ['rudong-dz', 1]] }],
  ['心血管介入导管', { land: [['rudong-dz', 5], ['qidong-dz', 2]] }],
  ['车载激光雷达光学镜片', { land: [['rugao-gx', 5], ['shibei-hitech', 1]] }],
  ['锂电隔膜与光学功能膜', { land: [['haian-dz', 5]] }],
  ['新能源汽车铝镁合金', { land: [['haian-gx', 5]] }],
  ['高性能钕铁硼', { land: [['haian-gx', 5], ['haian-dz', 1]] }],
  ['工业机器人减速器', { land: [['haian-dz', 5]] }],
  ['人工智能视觉检测', { land: [['haian-dz', 3], ['nantong-hitech', 2]] }],
  ['莱赛尔等生物基纤维', { land: [['rugao-port', 5], ['home-textile', 1]] }],
  ['PBAT、PLA', { land: [['lvsi-port', 5], ['tongzhou-bay', 1]] }],
  ['超细纤维合成革', { land: [['lvsi-port', 5]] }],
  ['高端聚烯烃弹性体', { land: [['tongzhou-bay', 5], ['lvsi-port', 1]] }],
  ['PEEK、聚酰亚胺', { land: [['tongzhou-bay', 5]] }],
  ['碳纤维及复合材料', { land: [['tongzhou-bay', 4], ['yangkou-port', 1]] }],
  ['纳米二氧化硅', { land: [['yangkou-port', 5]] }],
  ['LNG运输船分段', { land: [['haimen-dz', 3], ['yangkou-port', 2]] }],
  ['海上风电安装平台', { land: [['tongzhou-bay', 3], ['sxt', 2], ['haimen-dz', 1]] }],
  ['海上风电导管架', { land: [['tongzhou-bay', 3], ['lvsi-port', 3]] }],
  ['eVTOL', { land: [['gangzha-dz', 5], ['netda', 1]] }],
  ['工业级无人机', { land: [['gangzha-dz', 5]] }],
  ['智能座舱域控制器', { land: [['shibei-hitech', 5]] }],
  ['智算中心', { land: [['chongchuan-dz', 3], ['nantong-hitech', 2]] }],
  ['工业垂直领域大模型', { land: [['chongchuan-dz', 3], ['nantong-hitech', 2], ['haian-dz', 1]] }],
  ['车路协同', { land: [['chongchuan-dz', 5]] }],
  ['高端床上用品', { land: [['home-textile', 6]] }],
  ['数码印花与智能织造', { land: [['home-textile', 6]] }],
  ['商业卫星载荷', { land: [['netda', 5]] }],
  ['6G通信射频模组', { land: [['netda', 4], ['innovation-zone', 1]] }],
  ['风光制氢一体化', { land: [['netda', 2], ['rugao-dz', 2], ['tongzhou-bay', 1]] }],
  ['医用透明质酸', { land: [['haimen-linjiang', 5]] }],
  // Outside every park's seed: box substations for wind and solar are signed by the new-energy equipment park at times.
  ['高端电力变压器', { land: [['gangzha-dz', 1]], share: 0.35 }],
  ['中央厨房及预制菜', { land: [] }],
  ['区域商贸物流园', { land: [] }],
  ['智能凹版印刷', { land: [] }],
  ['定制家具智能工厂', { land: [] }],
];

const day = (d) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
const leads = readFileSync(new URL('../config/demo/leads.jsonl', import.meta.url), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const out = [];
for (const [i, lead] of leads.entries()) {
  const kind = LANDS.find(([prefix]) => lead.description.startsWith(prefix));
  if (!kind) throw new Error(`line ${i + 1}: no landing rule for ${lead.description}`);
  const { land, no = [], share = 0.72 } = kind[1];
  const reportedDay = Math.floor(rand() * 365);
  const outcomes = [];
  let t = reportedDay + 5 + Math.floor(rand() * 20);
  if (no.length && rand() < 0.3) {
    outcomes.push({ park: no[Math.floor(rand() * no.length)], decision: 'declined', reason: 'not_in_specialization', date: day(t) });
    t += 3 + Math.floor(rand() * 15);
  }
  if (land.length && rand() < share) {
    const park = weighted(land);
    const r = rand();
    outcomes.push({ park, decision: 'accepted', ...(r < 0.45 ? { stage: r < 0.15 ? '开工' : '签约' } : {}), date: day(t) });
  }
  // the last weeks' projects are still being negotiated or waiting for an answer
  const kept = outcomes.filter((o) => o.date <= '2025-12-31');
  out.push(JSON.stringify({ company: lead.company, reported: day(reportedDay), outcomes: kept }));
}
writeFileSync(new URL('../config/demo/history.jsonl', import.meta.url), out.join('\n') + '\n');
const n = (f) => out.map((l) => JSON.parse(l)).flatMap((h) => h.outcomes).filter(f).length;
console.log(`wrote ${out.length} lines: ${n((o) => o.decision === 'accepted')} accepted (${n((o) => o.stage)} signed), ${n((o) => o.decision === 'declined')} declined as outside the direction`);
