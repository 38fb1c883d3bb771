import { queryRecords } from './query.js';
import type { SharingRecord } from './types.js';
import { approved, effective, proposed } from './__fixtures__/records.js';

const mk = (r: SharingRecord, id: string, proposedAt: string, patch: Partial<SharingRecord> = {}): SharingRecord => ({
  ...r,
  id,
  lineageId: patch.lineageId ?? id,
  proposedAt,
  ...patch,
});

const v1 = mk(effective(), 'a1', '2025-01-10T00:00:00.000Z');
const records: SharingRecord[] = [
  v1,
  mk(effective(), 'a2', '2025-06-10T00:00:00.000Z', { lineageId: 'a1', version: 2, supersedes: 'a1' }),
  mk(proposed(), 'b', '2025-03-01T00:00:00.000Z', { originBoardId: 'qidong', receivingBoardId: 'haian', receivingParkId: 'haian-dz' }),
  mk(approved(), 'c', '2025-03-01T00:00:00.000Z'),
  mk(proposed(), 'd', '2024-11-01T00:00:00.000Z'),
];

describe('manager record list', () => {
  it('hides superseded versions unless asked, newest first with stable ties', () => {
    expect(queryRecords(records).items.map((i) => i.record.id)).toEqual(['a2', 'b', 'c', 'd']);
    const all = queryRecords(records, { includeSuperseded: true });
    expect(all.items.find((i) => i.record.id === 'a1')?.displayStatus).toBe('superseded');
  });

  it('filters by board on either side or on one side', () => {
    expect(queryRecords(records, { boardId: 'haian' }).total).toBe(4);
    expect(queryRecords(records, { boardId: 'haian', boardSide: 'receiving' }).items.map((i) => i.record.id)).toEqual(['b']);
    expect(queryRecords(records, { boardId: 'qidong', boardSide: 'receiving' }).total).toBe(0);
  });

  it('filters by park, status and period', () => {
    expect(queryRecords(records, { parkId: 'haian-dz' }).total).toBe(1);
    expect(queryRecords(records, { statuses: ['proposed'] }).items.map((i) => i.record.id)).toEqual(['b', 'd']);
    expect(queryRecords(records, { statuses: ['superseded'] }).items.map((i) => i.record.id)).toEqual(['a1']);
    expect(queryRecords(records, { period: { from: '2025-01-01', to: '2025-03-31' } }).items.map((i) => i.record.id)).toEqual(['b', 'c']);
    expect(queryRecords(records, { period: { from: '2025-04-01', to: '2025-04-30' }, periodBasis: 'signed' }).items.map((i) => i.record.id)).toEqual(['a2']);
  });

  it('a period is of Nantong days: a proposal at 07:30 on 1 April (23:30 UTC on 31 March) is in April', () => {
    const early = [mk(proposed(), 'e', '2025-03-31T23:30:00.000Z')];
    expect(queryRecords(early, { period: { from: '2025-04-01', to: '2025-04-30' } }).total).toBe(1);
    expect(queryRecords(early, { period: { from: '2025-03-01', to: '2025-03-31' } }).total).toBe(0);
  });

  it('pages and clamps page numbers and sizes', () => {
    const p2 = queryRecords(records, {}, { page: 2, pageSize: 3 });
    expect(p2).toMatchObject({ total: 4, page: 2, pageSize: 3, pageCount: 2 });
    expect(p2.items.map((i) => i.record.id)).toEqual(['d']);
    expect(queryRecords(records, {}, { page: 99, pageSize: 10_000 })).toMatchObject({ page: 1, pageSize: 200 });
  });
});
