import { z } from 'zod';
import { SHARING_QUERIES } from './sharing.js';

describe('sharing contract: queries', () => {
  it('the status filter takes the record statuses, comma-separated; another is refused in Chinese', () => {
    const list = z.object(SHARING_QUERIES.list).strict();
    expect(list.parse({ status: 'proposed, approved' })).toMatchObject({ status: ['proposed', 'approved'], page: 1 });
    expect(list.safeParse({ status: 'proposed,lost' }).error!.issues[0]!.message).toMatch(/^须为 proposed \/ confirmed/);
  });

  it('the totals need both dates; a forecast is a list of whole yuan', () => {
    expect(z.object(SHARING_QUERIES.totals).strict().safeParse({ from: '2026-01-01' }).success).toBe(false);
    expect(z.object(SHARING_QUERIES.record).strict().safeParse({ revenue: '100,2.5' }).error!.issues[0]!.message).toMatch(/^须为逗号分隔的各年预测收益/);
    expect(z.object(SHARING_QUERIES.record).strict().parse({ revenue: '100,200' })).toEqual({ revenue: [100, 200] });
  });
});
