import { type Person } from '@arbeitsbereich/contract';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { type ApiFailure, toApiFailure } from '../../../lib/api/http';
import { ConfirmDialog } from '../../../lib/ui/ConfirmDialog';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { personName } from './personName';

interface Props {
  api: ApiClient;
  person: Person | null;
  onDone: (person: Person) => void;
  onCancel: () => void;
}

/** "Person deaktivieren?" / "Person reaktivieren?" before the change is sent. */
export function PersonStatusDialog({ api, person, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();
  const [shown, setShown] = useState<Person | null>(person);

  useEffect(() => {
    if (person) setShown(person);
    setFailure(undefined);
  }, [person]);

  const deactivating = shown?.status === 'active';
  const name = shown ? personName(shown) : '';
  const confirm = () => {
    if (!person) return;
    setBusy(true);
    api.setPersonActive(person.tenantId, person.id, person.status !== 'active').then(
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

  return (
    <ConfirmDialog
      open={person !== null}
      title={deactivating ? t('admin.people.deactivateTitle', { name }) : t('admin.people.reactivateTitle', { name })}
      confirmLabel={deactivating ? t('admin.people.deactivate') : t('admin.people.reactivate')}
      cancelLabel={t('admin.cancel')}
      busy={busy}
      busyLabel={t('admin.working')}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      <p>{deactivating ? t('admin.people.deactivateText', { name }) : t('admin.people.reactivateText', { name })}</p>
      {failure && (
        <FailureAlert
          failure={failure}
          title={deactivating ? t('admin.people.deactivateFailed') : t('admin.people.reactivateFailed')}
        />
      )}
    </ConfirmDialog>
  );
}
