import { useSearchParams } from 'react-router';
import { Select } from 'antd';
import { useSession } from '../session';
import { parkWithBoard } from '../labels';

/** The park a page is about: the operator's own park, or (for city-wide users) the one picked here. */
export function useParkId(): [string | undefined, (id: string) => void] {
  const { user, catalog } = useSession();
  const [sp, setSp] = useSearchParams();
  const picked = sp.get('park') ?? undefined;
  const id = user?.role === 'park_operator' ? user.parkId : (picked ?? catalog.parks[0]?.id);
  return [id, (p: string) => setSp({ park: p }, { replace: true })];
}

export function ParkPicker() {
  const { user, catalog } = useSession();
  const [id, setId] = useParkId();
  if (user?.role === 'park_operator') return null;
  return <Select style={{ width: 240 }} value={id} onChange={setId} showSearch optionFilterProp="label" options={catalog.parks.map((p) => ({ value: p.id, label: parkWithBoard(p.name, p.board.name) }))} />;
}
