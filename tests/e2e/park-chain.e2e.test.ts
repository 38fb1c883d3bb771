import { setTimeout as sleep } from 'node:timers/promises';
import { fileForm, platformForSuite, type TestPlatform } from '../support/platform.js';
import { DATABASE_KINDS } from '../support/databases.js';

/** Issue 14: 补链 per park — the nodes up- and downstream of its directions, covered by its own firms and projects or a gap. */
const FIRMS = [
  '企业名称,统一社会信用代码,经营范围,主营产品',
  '如东晶科装备有限公司,,半导体专用设备的研发与制造,刻蚀设备、CVD薄膜沉积设备',
  '如东车电科技有限公司,,汽车电子产品的研发与生产,主驱逆变器、座舱域控制器',
  ',,光刻胶,',
  '如东某某有限公司,91320600MA1XXXXXXX,电子特气,',
].join('\n');

const upload = (p: TestPlatform, path: string, csv: string, as: string, name = '园区现有企业.csv') => p.call('POST', path, fileForm(csv, name), { as });

const node = (chain: any, label: string) => chain.nodes.find((n: any) => n.label === label);

describe.each(DATABASE_KINDS)('per-park chain gaps from its firms and projects (%s)', (db) => {
  const p = platformForSuite({ db });

  it('before any list, the up- and downstream nodes of the park\'s directions are all gaps', async () => {
    const r = await p.call('GET', '/api/parks/rudong-dz/chain', undefined, { as: 'operator:rudong-dz' });
    expect(r.status).toBe(200);
    expect(r.body.covers.map((c: any) => c.label)).toContain('第三代半导体');
    for (const l of ['半导体设备', '半导体材料', '汽车电子']) expect(node(r.body, l)).toMatchObject({ status: 'gap', by: [] });
    expect(node(r.body, '半导体设备').of).toContainEqual({ id: 'third-gen-semi', label: '第三代半导体', relation: 'upstream' });
    expect(r.body.summary.gaps).toBe(r.body.summary.links);
  });

  it('the park uploads its firms: bad rows reported by row number, the rest cover the nodes their products belong to', async () => {
    const up = await upload(p, '/api/parks/rudong-dz/firms', FIRMS, 'operator:rudong-dz');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ rowsOk: 2, rowsFailed: 2, filename: '园区现有企业.csv' });
    expect(up.body.errors.map((e: any) => [e.row, e.errors[0].field])).toEqual([[4, 'name'], [5, 'creditCode']]);
    const firms = await p.call('GET', '/api/parks/rudong-dz/firms', undefined, { as: 'promoter:rudong' });
    expect(firms.body.items.map((f: any) => [f.name, f.nodes.map((n: any) => n.label)])).toEqual([
      ['如东晶科装备有限公司', expect.arrayContaining(['半导体设备'])],
      ['如东车电科技有限公司', expect.arrayContaining(['汽车电子'])],
    ]);
    const chain = (await p.call('GET', '/api/parks/rudong-dz/chain', undefined, { as: 'manager' })).body;
    expect(node(chain, '半导体设备')).toMatchObject({ status: 'covered', by: [{ kind: 'firm', name: '如东晶科装备有限公司' }] });
    expect(node(chain, '汽车电子')).toMatchObject({ status: 'covered', by: [{ kind: 'firm', name: '如东车电科技有限公司' }] });
    expect(node(chain, '半导体材料')).toMatchObject({ status: 'gap' });
    // the next upload replaces the list
    await upload(p, '/api/parks/rudong-dz/firms', FIRMS.split('\n').slice(0, 2).join('\n'), 'manager');
    const again = (await p.call('GET', '/api/parks/rudong-dz/chain', undefined, { as: 'manager' })).body;
    expect(node(again, '汽车电子').status).toBe('gap');
    expect(node(again, '半导体设备').status).toBe('covered');
  });

  it("an accepted project covers its sector's node", async () => {
    const created = await p.call('POST', '/api/leads', {
      company: '江苏驱动电控有限公司', description: '车规级主驱逆变器、电机控制器与域控制器生产项目，逆变器采用自研碳化硅功率模块。', amount: { value: 6, unit: '亿元' },
      originBoard: 'rudong', submitter: 'rudong-招商专员',
    }, { as: 'promoter:rudong' });
    expect(created.status).toBe(201);
    await p.drain();
    const l = (await p.call('GET', `/api/leads/${created.body.id}`, undefined, { as: 'manager' })).body;
    expect(l.primarySector).toBe('汽车电子');
    // 南通高新区 (第三代半导体) gets it as a downstream project: 汽车电子 is a link of its chain, a gap until then
    const offer = l.offers.find((o: any) => o.parkId === 'nantong-hitech');
    const before = (await p.call('GET', '/api/parks/nantong-hitech/chain', undefined, { as: 'operator:nantong-hitech' })).body;
    expect(node(before, '汽车电子').status).toBe('gap');
    const acc = await p.call('POST', `/api/parks/nantong-hitech/offers/${offer.id}/accept`, undefined, { as: 'operator:nantong-hitech' });
    expect(acc.status).toBe(200);
    const chain = (await p.call('GET', '/api/parks/nantong-hitech/chain', undefined, { as: 'operator:nantong-hitech' })).body;
    expect(node(chain, '汽车电子')).toMatchObject({ status: 'covered', by: [{ kind: 'project', code: l.code }] });
    expect(chain.summary.covered).toBe(1);
  });

  it('a prospect that would fill a gap gets a reason saying so', async () => {
    const list = ['企业名称,统一社会信用代码,经营范围,主营产品', '苏州芯材电子材料有限公司,,半导体材料的研发与生产,光刻胶、电子特气、CMP抛光液', '苏州刻蚀装备有限公司,,半导体设备制造,刻蚀设备、CVD设备'].join('\n');
    const up = await upload(p, '/api/parks/rudong-dz/prospect-imports', list, 'operator:rudong-dz', '名单.csv');
    expect(up.status).toBe(202);
    for (let i = 0; i < 600; i++) {
      const s = (await p.call('GET', `/api/prospect-imports/${up.body.id}`, undefined, { as: 'operator:rudong-dz' })).body;
      if (s.status === 'done') break;
      await sleep(100);
    }
    const items = (await p.call('GET', `/api/parks/rudong-dz/prospects?batch=${up.body.id}`, undefined, { as: 'operator:rudong-dz' })).body.items;
    const materials = items.find((x: any) => x.name.startsWith('苏州芯材'));
    expect(materials.reasons.filter((r: any) => r.kind === 'gap').map((r: any) => r.text)).toEqual([expect.stringContaining('可补本园区产业链缺口“半导体材料”（第三代半导体的上游')]);
    const equipment = items.find((x: any) => x.name.startsWith('苏州刻蚀'));
    expect(equipment.reasons.some((r: any) => r.kind === 'gap' && r.text.includes('半导体设备'))).toBe(false);
  });

  it('only the park (upload), its board and the city (read) reach its chain; a bad file is a Chinese 4xx', async () => {
    expect((await p.call('GET', '/api/parks/rudong-dz/chain', undefined, { as: 'operator:haian-dz' })).status).toBe(404);
    expect((await p.call('GET', '/api/parks/rudong-dz/firms', undefined, { as: 'promoter:haian' })).status).toBe(404);
    const promoter = await upload(p, '/api/parks/rudong-dz/firms', FIRMS, 'promoter:rudong');
    expect([promoter.status, promoter.body.code]).toEqual([404, 'PARK_NOT_FOUND']);
    const noHeader = await upload(p, '/api/parks/rudong-dz/firms', '公司,地址\n甲,乙\n', 'operator:rudong-dz');
    expect([noHeader.status, noHeader.body.code]).toEqual([400, 'FIRM_LIST_INVALID']);
    expect(noHeader.body.message).toContain('缺少“企业名称”列');
    const allBad = await upload(p, '/api/parks/rudong-dz/firms', '企业名称,经营范围\n,半导体\n', 'operator:rudong-dz');
    expect([allBad.status, allBad.body.message]).toEqual([400, expect.stringContaining('第 2 行')]);
    const binary = await upload(p, '/api/parks/rudong-dz/firms', '\u0000\u0001\u0002', 'operator:rudong-dz', 'x.bin');
    expect([binary.status, binary.body.code]).toEqual([400, 'UNSUPPORTED_FILE']);
    expect((await p.call('POST', '/api/parks/rudong-dz/firms', {}, { as: 'operator:rudong-dz' })).status).toBe(400);
    // the list that was stored before the refused uploads is still there
    expect((await p.call('GET', '/api/parks/rudong-dz/firms', undefined, { as: 'operator:rudong-dz' })).body.total).toBe(1);
  });
});
