import { type Tenant } from '@arbeitsbereich/contract';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { type ApiFailure, toApiFailure } from '../../../lib/api/http';
import { ConfirmDialog } from '../../../lib/ui/ConfirmDialog';
import { FailureAlert } from '../../../lib/ui/FailureAlert';

interface Props {
  api: ApiClient;
  tenant: Tenant | null;
  onDone: (tenant: Tenant) => void;
  onCancel: () => void;
}

/** "Mandant archivieren?" — archiving deactivates every person of the tenant; nothing is destroyed. */
export function ArchiveTenantDialog({ api, tenant, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();
  const [shown, setShown] = useState<Tenant | null>(tenant);

  useEffect(() => {
    if (tenant) setShown(tenant);
    setFailure(undefined);
  }, [tenant]);

  const confirm = () => {
    if (!tenant) return;
    setBusy(true);
    api.archiveTenant(tenant.id).then(
      (archived) => {
        setBusy(false);
        onDone(archived);
      },
      (error: unknown) => {
        setBusy(false);
        setFailure(toApiFailure(error));
      },
    );
  };

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
