import { type Person } from '@arbeitsbereich/contract';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../lib/ui/ConfirmDialog';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { type ConfirmedChangeProps, useConfirmedChange } from '../shared/useConfirmedChange';
import { personName } from './personName';

type Props = ConfirmedChangeProps<Person> & { person: Person | null };

/** "Person deaktivieren?" / "Person reaktivieren?" before the change is sent. */
export function PersonStatusDialog({ api, person, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const { shown, busy, failure, confirm } = useConfirmedChange(
    person,
    (chosen) => api.setPersonActive(chosen.tenantId, chosen.id, chosen.status !== 'active'),
    onDone,
  );

  const deactivating = shown?.status === 'active';
  const name = shown ? personName(shown) : '';
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
