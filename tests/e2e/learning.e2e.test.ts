import { DATABASE_KINDS } from '../support/databases.js';
import { platformForSuite, type TestPlatform } from '../support/platform.js';

// Leads without a company name: learning is about the project's sector, not about one firm (and no 疑似撞车 hold).
const SIC = [
  '碳化硅功率器件及外延片项目，建设6英寸SiC晶圆产线，年产车规级功率模块100万只。',
  '碳化硅衬底与外延片扩产项目，配套SiC功率器件封装测试线。',
  '车规级碳化硅MOSFET功率模块制造项目，新建外延与封测产线。',
  '8英寸碳化硅晶圆及功率器件项目，产品供新能源汽车电驱与光伏逆变器。',
  '碳化硅肖特基二极管和功率模块生产基地，建设外延、芯片与封装产线。',
  '碳化硅外延片及车规级功率器件研发制造项目，年产模块80万只。',
];

async function submit(p: TestPlatform, text: string) {
  const r = await p.call('POST', '/api/leads', { description: text, originBoard: 'jiafang', submitter: 'jiafang-招商专员', channel: '产业链招商' }, { as: 'promoter:jiafang' });
  expect(r.status).toBe(201);
  await p.drain();
  const d = (await p.call('GET', `/api/leads/${r.body.id}`, undefined, { as: 'manager' })).body;
  const at = (parkId: string) => d.ranking.results.find((x: any) => x.parkId === parkId);
  return { id: r.body.id as string, d, at, version: d.ranking.engineVersion as string };
}

describe.each(DATABASE_KINDS)('learning from outcomes (%s, real Redis and workers)', (db) => {
  const p = platformForSuite({ db });

  let learnt: Awaited<ReturnType<typeof submit>>;

  it('after a park accepts and signs similar projects, a new similar lead ranks it higher and names the new matcher version', async () => {
    const before = await submit(p, SIC[0]!);
    // the park placed lowest among the parks the lead was offered to
    const offered = before.d.offers.map((o: any) => o.parkId as string);
    expect(offered.length).toBeGreaterThanOrEqual(2);
    const park = offered.reduce((a: string, b: string) => (before.at(a).rank > before.at(b).rank ? a : b));
    const rankBefore = before.at(park).rank;
    expect(rankBefore).toBeGreaterThan(1);

    for (const text of [SIC[1]!, SIC[2]!]) {
      const l = await submit(p, text);
      const offer = l.d.offers.find((o: any) => o.parkId === park);
      expect(offer).toBeDefined();
      expect((await p.call('POST', `/api/parks/${park}/offers/${offer.id}/accept`, undefined, { as: `operator:${park}` })).status).toBe(200);
      expect((await p.call('POST', `/api/parks/${park}/leads/${l.id}/stage`, { stage: '签约' }, { as: `operator:${park}` })).status).toBe(200);
    }

    // the same text again (a repeat of the board's own lead is only linked, not held)
    learnt = await submit(p, SIC[0]!);
    expect(learnt.version).not.toBe(before.version);
    expect(learnt.at(park).rank).toBeLessThan(rankBefore);
    expect(learnt.at(park).rank).toBe(1);
    expect(learnt.at(park).score).toBeGreaterThan(before.at(park).score);
    expect(learnt.at(park).reasons.some((x: any) => x.kind === 'history' && x.weight > 0 && x.text.includes('签约过'))).toBe(true);
    // the version names what the matcher learnt from: the same outcomes, the same version
    const again = await submit(p, SIC[0]!);
    expect(again.version).toBe(learnt.version);
  });

  it('a park that declines similar leads as outside its direction (不符合园区主攻方向) ranks lower for the next one', async () => {
    const top = learnt.d.ranking.results[0].parkId as string;
    const leads = [await submit(p, SIC[4]!), await submit(p, SIC[5]!)];
    // a park (not the learnt favourite) offered both: it declines them as outside its direction
    const other = leads[0]!.d.offers.map((o: any) => o.parkId as string).find((id: string) => id !== top && leads[1]!.d.offers.some((o: any) => o.parkId === id))!;
    expect(other).toBeDefined();
    const before = learnt.at(other);
    for (const l of leads) {
      const offer = l.d.offers.find((o: any) => o.parkId === other);
      const r = await p.call('POST', `/api/parks/${other}/offers/${offer.id}/decline`, { reason: 'not_in_specialization' }, { as: `operator:${other}` });
      expect(r.status).toBe(200);
    }
    const after = await submit(p, SIC[0]!);
    expect(after.version).not.toBe(learnt.version);
    expect(after.at(other).score).toBeLessThan(before.score);
    expect(after.at(other).rank).toBeGreaterThan(before.rank);
    expect(after.at(other).reasons.some((x: any) => x.kind === 'history' && x.weight < 0 && x.text.includes('退回'))).toBe(true);
  });
});
