import { z } from 'zod';
import { checkBody } from './refusal.js';
import { REVIEW_QUERIES, REVIEW_REQUESTS } from './review.js';

const messages = (schema: z.ZodType, body: unknown) => {
  const r = checkBody(schema, body);
  return r.ok ? [] : r.refusals.map((x) => x.message);
};

describe('review contract', () => {
  it('sending a lead on takes parkIds and a note only: the old `actor` is refused in Chinese, an empty or repeated choice too', () => {
    expect(messages(REVIEW_REQUESTS.send, { parkIds: ['nantong-hitech'], actor: 'manager' })).toEqual(['不支持的字段：actor']);
    expect(messages(REVIEW_REQUESTS.send, { parkIds: [] })).toEqual(['parkIds：请至少选择一个园区']);
    expect(messages(REVIEW_REQUESTS.send, { parkIds: ['a', 'a'] })).toEqual(['parkIds：园区有重复']);
    expect(checkBody(REVIEW_REQUESTS.send, { parkIds: ['nantong-hitech'], note: '电话沟通后转推' })).toMatchObject({ ok: true });
  });

  it('a settlement needs a verdict and a comment; the batch needs ids', () => {
    expect(messages(REVIEW_REQUESTS.settle, { status: 'maybe', comment: '同一企业' })).toEqual(['status：须为 confirmed 或 dismissed']);
    expect(messages(REVIEW_REQUESTS.settle, { status: 'confirmed', comment: ' ' })).toEqual(['comment：请填写裁定说明（comment）']);
    expect(messages(REVIEW_REQUESTS.settleMany, { status: 'dismissed', comment: '不同企业' })).toEqual(['缺少字段 ids']);
    expect(messages(REVIEW_REQUESTS.settleMany, { ids: ['d1'], status: 'dismissed', comment: '不同企业', firstReportLeadId: 'l1' })).toEqual(['不支持的字段：firstReportLeadId']);
  });

  it('closing, rescoring and marking a notice read refuse what they do not take', () => {
    expect(messages(REVIEW_REQUESTS.close, { reason: 'duplicate', comment: 'x' })).toEqual(['不支持的字段：comment']);
    expect(messages(REVIEW_REQUESTS.rescore, { reason: '' })).toEqual(['reason：请说明重算原因（reason）']);
    expect(messages(REVIEW_REQUESTS.markRead, { recipientKind: 'city', recipientId: 'city' })).toEqual(['recipientKind：须为 park / board / manager']);
  });

  it('the duplicate list and the notices take their own filters only', () => {
    const duplicates = z.object(REVIEW_QUERIES.duplicates).strict();
    expect(duplicates.safeParse({ reason: 'phone' }).error!.issues[0]!.message).toBe('须为 credit_code / company_name / description');
    expect(duplicates.parse({ status: 'flagged' })).toEqual({ status: 'flagged', page: 1, pageSize: 20 });
    const notices = z.object(REVIEW_QUERIES.notifications).strict();
    expect(notices.safeParse({ recipientKind: 'manager', recipientId: '' }).error!.issues[0]!.message).toBe('请给出 recipientId');
    expect(notices.safeParse({ recipientKind: 'manager', recipientId: 'city', unread: 'yes' }).error!.issues[0]!.message).toBe('只能是 true 或 false');
  });
});
