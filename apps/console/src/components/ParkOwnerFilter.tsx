import { useSearchParams } from 'react-router';
import { Select } from 'antd';
import { qs, type Read } from '../api';
import { useSession } from '../session';
import { useApi } from './useApi';

/** The 责任人 a park page is filtered by (?owner=, cleared when another park is picked). */
export function useOwnerFilter(): [string | undefined, (id: string | undefined) => void] {
  const [sp, setSp] = useSearchParams();
  return [
    sp.get('owner') ?? undefined,
    (id) => {
      const next = new URLSearchParams(sp);
      id ? next.set('owner', id) : next.delete('owner');
      setSp(next, { replace: true });
    },
  ];
}

/** A park's staff (GET /api/staff) to filter its inbox and projects by 责任人. */
export function ParkOwnerFilter({ parkId, onPick }: { parkId: string | undefined; onPick?: (id: string | undefined) => void }) {
  const { user } = useSession();
  const [owner, setOwner] = useOwnerFilter();
  const { data } = useApi<Read<'GET /api/staff'>>(parkId ? `/api/staff${qs({ park: user?.role === 'park_operator' ? undefined : parkId })}` : null);
  return (
    <Select
      data-testid="park-owner-filter"
      style={{ minWidth: 150 }}
      placeholder="全部责任人"
      allowClear
      value={owner}
      onChange={(v) => {
        setOwner(v);
        onPick?.(v);
      }}
      showSearch
      optionFilterProp="label"
      options={(data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
    />
  );
}
