import type { Person } from '@arbeitsbereich/contract';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { DataExports } from '../../../lib/privacy/DataExports';
import { ModalDialog } from '../../../lib/ui/ModalDialog';
import { personName } from './personName';

/** "Daten exportieren": an admin asks for the archive of a person's data and downloads it. */
export function ExportDialog({ api, person, onClose }: { api: ApiClient; person: Person | null; onClose: () => void }) {
  const { t } = useTranslation();
  const name = person ? personName(person) : '';
  return (
    <ModalDialog open={person !== null} title={t('privacy.export.dialogTitle', { name })} onCancel={onClose}>
      <div className="dialog__body">
        {person && <DataExports api={api} tenantId={person.tenantId} personId={person.id} mine={false} name={name} />}
      </div>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('privacy.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
