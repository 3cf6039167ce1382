import { type Tenant } from '@arbeitsbereich/contract';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../lib/ui/ConfirmDialog';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { type ConfirmedChangeProps, useConfirmedChange } from '../shared/useConfirmedChange';

type Props = ConfirmedChangeProps<Tenant> & { tenant: Tenant | null };

/** "Mandant archivieren?" — archiving deactivates every person of the tenant; nothing is destroyed. */
export function ArchiveTenantDialog({ api, tenant, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const { shown, busy, failure, confirm } = useConfirmedChange(
    tenant,
    (chosen) => api.archiveTenant(chosen.id),
    onDone,
  );

  return (
    <ConfirmDialog
      open={tenant !== null}
      title={t('admin.tenants.archiveTitle', { name: shown?.name ?? '' })}
      confirmLabel={t('admin.tenants.archiveConfirm')}
      cancelLabel={t('admin.cancel')}
      busy={busy}
      busyLabel={t('admin.working')}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      <p>{t('admin.tenants.archiveText', { name: shown?.name ?? '' })}</p>
      {failure && <FailureAlert failure={failure} title={t('admin.tenants.archiveFailed')} />}
    </ConfirmDialog>
  );
}
