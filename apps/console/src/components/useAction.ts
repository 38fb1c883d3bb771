import { useCallback, useState } from 'react';
import { App } from 'antd';

/**
 * One action at a time: `run(action, key?, seconds?)` starts it and `busy` names the one running (true unless a key is given).
 * A failure's message goes to the message bar, or with `inline` into `error`, for an alert beside the form (cleared
 * when the next action starts); `seconds` keeps a long message up longer.
 */
export function useAction<K = true>(o: { inline?: boolean } = {}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<K>();
  const [error, setError] = useState<string>();
  const run = useCallback(
    async (action: () => Promise<unknown>, key: K = true as K, seconds?: number) => {
      setBusy(key);
      setError(undefined);
      try {
        await action();
      } catch (e) {
        if (o.inline) setError((e as Error).message);
        else message.error((e as Error).message, seconds);
      } finally {
        setBusy(undefined);
      }
    },
    [message, o.inline],
  );
  return { busy, error, setError, run };
}
