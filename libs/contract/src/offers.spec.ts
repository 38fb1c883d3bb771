import { z } from 'zod';
import { checkBody } from './refusal.js';
import { refusals } from './testing/refusals.js';
import { OFFER_QUERIES, OFFER_REQUESTS } from './offers.js';

describe('offer contract', () => {
  it('accepting takes no field: an `actor` is refused in Chinese (the operator is the signed-in account)', () => {
    expect(refusals(OFFER_REQUESTS.accept, { actor: 'operator-netda' })).toEqual(['不支持的字段：actor']);
    expect(checkBody(OFFER_REQUESTS.accept, {})).toEqual({ ok: true, data: {} });
  });

  it('a decline needs one of the reason codes, named with their Chinese labels', () => {
    const [m] = refusals(OFFER_REQUESTS.decline, { reason: 'too_far' });
    expect(m).toContain('reason：请给出拒绝原因代码（reason），可选：');
    expect(m).toContain('no_space（用地或载体空间不足）');
    expect(refusals(OFFER_REQUESTS.decline, { reason: 'no_space', comment: '满了' })).toEqual(['不支持的字段：comment']);
    expect(checkBody(OFFER_REQUESTS.decline, { reason: 'no_space', note: '现有地块已满' })).toMatchObject({ ok: true });
  });

  it('a stage move refuses an unknown field', () => {
    expect(refusals(OFFER_REQUESTS.stage, { stage: '签约', when: '2026-12-01' })).toEqual(['不支持的字段：when']);
  });

  it('the inbox filter takes the offer statuses only', () => {
    const inbox = z.object(OFFER_QUERIES.inbox).strict();
    expect(inbox.safeParse({ status: 'lost' }).error!.issues[0]!.message).toBe('须为 open / accepted / declined / withdrawn');
    expect(inbox.parse({ status: 'withdrawn' })).toEqual({ status: 'withdrawn', page: 1, pageSize: 20 });
  });
});
