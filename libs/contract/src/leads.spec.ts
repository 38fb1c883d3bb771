import { z } from 'zod';
import { checkBody } from './refusal.js';
import { refusals } from './testing/refusals.js';
import { LEAD_QUERIES, LEAD_REQUESTS } from './leads.js';

const followUp = { happenedOn: '2026-11-30', kind: '走访', participants: '王敏', summary: '实地走访企业' };

describe('lead contract', () => {
  it('a new lead with a field the server does not know (the old `actor`) is refused, naming it in Chinese', () => {
    expect(refusals(LEAD_REQUESTS.create, { description: '碳化硅功率器件及外延片项目，建设6英寸产线', actor: 'promoter-haian' })).toContain('不支持的字段：actor');
  });

  it('a follow-up with an unknown field or kind is refused in Chinese; a complete one passes', () => {
    expect(refusals(LEAD_REQUESTS.followUp, { ...followUp, actor: 'x' })).toEqual(['不支持的字段：actor']);
    expect(refusals(LEAD_REQUESTS.followUp, { ...followUp, kind: '吃饭' })).toEqual(['kind：须为 电话 / 走访 / 会谈 / 考察 / 签约仪式']);
    expect(refusals(LEAD_REQUESTS.followUp, { ...followUp, happenedOn: '2026-02-30' })[0]).toMatch(/须为真实存在的日期/);
    expect(checkBody(LEAD_REQUESTS.followUp, followUp)).toMatchObject({ ok: true });
  });

  it('an assignment takes only userId (null clears it)', () => {
    expect(refusals(LEAD_REQUESTS.assign, { userId: 'u1', boardId: 'haian' })).toEqual(['不支持的字段：boardId']);
    expect(refusals(LEAD_REQUESTS.assign, {})).toEqual(['缺少字段 userId']);
    expect(checkBody(LEAD_REQUESTS.assign, { userId: null })).toEqual({ ok: true, data: { userId: null } });
  });

  it('the form preview refuses the fields of a submission it does not use', () => {
    expect(refusals(LEAD_REQUESTS.preview, { description: '碳化硅', company: '某公司' })).toEqual(['不支持的字段：company']);
  });

  it('the list filters refuse an unknown status in Chinese and read a date as the Shanghai day', () => {
    const list = z.object(LEAD_QUERIES.list).strict();
    const bad = list.safeParse({ status: 'lost' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toBe('须为 new / shared / review / accepted / closed');
    expect(list.parse({ from: '2026-11-01', page: '2' })).toMatchObject({ from: new Date('2026-10-31T16:00:00Z'), page: 2, pageSize: 20 });
    expect(z.object(LEAD_QUERIES.export).strict().safeParse({ page: '1' }).success).toBe(false);
  });
});
