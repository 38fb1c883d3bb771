import { useCallback, useState } from 'react';
import { Alert, Table, type TableProps } from 'antd';

/** A list as useApi reads it: a page of items, the total behind it, and the read's state. */
export interface ListRead<T> {
  data?: { items: T[]; total?: number };
  error?: string;
  loading: boolean;
}

/** The page a list shows on the server: `set` is antd's onChange (page, size). */
export interface Paging {
  current: number;
  size: number;
  set: (current: number, size: number) => void;
}

/** Paging kept in the page's state; `first()` goes back to page 1 when a filter changes. */
export function usePaging(size: number): Paging & { first: () => void } {
  const [p, setP] = useState({ current: 1, size });
  const set = useCallback((current: number, size: number) => setP({ current, size }), []);
  const first = useCallback(() => setP((x) => ({ ...x, current: 1 })), []);
  return { ...p, set, first };
}

/**
 * A list read from the API: the read's error above a table of its items. With `paging` the table pages on the server
 * (the answer's total, 共 N 条; `pagination` adds to that); without it, `pagination` is the table's own.
 */
export function ListTable<T extends object>({ read, paging, unit = '条', pagination, ...table }: { read: ListRead<T>; paging?: Paging; unit?: string } & Omit<TableProps<T>, 'loading' | 'dataSource'>) {
  const paged = paging && { current: paging.current, pageSize: paging.size, total: read.data?.total ?? 0, showTotal: (t: number) => `共 ${t} ${unit}`, onChange: paging.set, ...(pagination || {}) };
  return (
    <>
      {read.error && <Alert type="error" showIcon title={read.error} style={{ marginBottom: 12 }} />}
      <Table<T> loading={read.loading} dataSource={read.data?.items ?? []} pagination={paged ?? pagination} {...table} />
    </>
  );
}
