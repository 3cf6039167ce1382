import { useEffect, useState } from 'react';
import type { ApiClient } from '../../../lib/api/client';
import { type ApiFailure, toApiFailure } from '../../../lib/api/http';

/** What a dialog that confirms a change to a `T` is given besides the `T` it is open for. */
export interface ConfirmedChangeProps<T> {
  api: ApiClient;
  onDone: (changed: T) => void;
  onCancel: () => void;
}

/**
 * A change asked about in a dialog before it is sent: `subject` is what the dialog is open for
 * (null: closed). `shown` keeps the last subject while the dialog closes, so its text stays put.
 */
export function useConfirmedChange<T>(
  subject: T | null,
  change: (subject: T) => Promise<T>,
  onDone: (changed: T) => void,
) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();
  const [shown, setShown] = useState<T | null>(subject);

  useEffect(() => {
    if (subject) setShown(subject);
    setFailure(undefined);
  }, [subject]);

  const confirm = () => {
    if (!subject) return;
    setBusy(true);
    change(subject).then(
      (changed) => {
        setBusy(false);
        onDone(changed);
      },
      (error: unknown) => {
        setBusy(false);
        setFailure(toApiFailure(error));
      },
    );
  };

  return { shown, busy, failure, confirm };
}
