import { api, platformForSuite } from '../support/platform.js';
import { DATABASE_KINDS } from '../support/databases.js';

describe.each(DATABASE_KINDS)('park catalog and health over HTTP (%s)', (db) => {
  const p = platformForSuite({ db });

  it('GET /api/parks returns the 20 parks with boards and directions exactly as the seed writes them', async () => {
    const res = await api(p.url, 'GET', '/api/parks');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(20);
    const zone = res.body.items.find((x: any) => x.name === '南通创新区');
    expect(zone.board.name).toBe('南通创新区');
    expect(zone.directions.map((d: any) => d.name)).toEqual(['集成电路', '生物医药', '通用人工智能', '船舶海工设计服务业']);
    expect(zone.directions[0].text).toBe('集成电路（EDA底座、仿真设计，IP设计，电源、射频、功率IC及器件，主控类和车规级高端IC设计与应用）');
    const haian = res.body.items.find((x: any) => x.name === '海安开发区');
    expect(haian.board.name).toBe('海安市');
    expect(haian.directions[0].en).toMatch(/robotics/);
  });

  it('GET /api/boards lists the 12 boards with their park counts', async () => {
    const res = await api(p.url, 'GET', '/api/boards');
    expect(res.body.items).toHaveLength(12);
    expect(res.body.items.reduce((s: number, b: any) => s + b.parkCount, 0)).toBe(20);
  });

  it('GET /api/parks/:id shows the current profile and its versions; an unknown id is a 404 saying where to look', async () => {
    const one = await api(p.url, 'GET', '/api/parks/rugao-dz');
    expect(one.status).toBe(200);
    expect(one.body.seedText).toBe('氢能储能');
    expect(one.body.versions).toHaveLength(1);
    const missing = await api(p.url, 'GET', '/api/parks/nowhere');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('GET /api/parks');
  });

  it('GET /health is green with database, Redis and worker up', async () => {
    const res = await api(p.url, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up', kind: db === 'postgres' ? 'postgres' : 'pglite' }, redis: { status: 'up' }, worker: { status: 'up' } });
  });

  it('serves the OpenAPI document at /docs', async () => {
    const res = await fetch(p.url + '/docs-json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/parks', '/api/leads', '/health']));
  });
});
