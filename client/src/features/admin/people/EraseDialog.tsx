import type { Erasure, Person } from '@arbeitsbereich/contract';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { type ApiFailure, toApiFailure } from '../../../lib/api/http';
import { useAnnounce } from '../../../lib/ui/Announcer';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { ModalDialog } from '../../../lib/ui/ModalDialog';
import { personName } from './personName';
import { downloadErasureReport } from './erasureReportFile';

interface Props {
  api: ApiClient;
  person: Person | null;
  onClose: (erased: boolean) => void;
}

const normalized = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * "Person löschen (DSGVO)": the admin types the person's name to confirm; the erasure then runs in
 * every part, and the dialog shows its report once it is done, to read and to download.
 */
export function EraseDialog({ api, person, onClose }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const inputId = useId();
  const hintId = useId();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();
  const [erasure, setErasure] = useState<Erasure>();
  const name = person ? personName(person) : '';
  const matches = person !== null && normalized(typed) === normalized(`${person.firstName} ${person.lastName}`);

  useEffect(() => {
    if (!person || !erasure || erasure.state === 'done') return undefined;
    const timer = window.setTimeout(() => {
      api.privacy.getErasure(person.tenantId, erasure.id).then(
        (next) => {
          setErasure(next);
          if (next.state === 'done') announce(t('privacy.erase.done', { pseudonym: next.pseudonym }));
        },
        (caught: unknown) => setFailure(toApiFailure(caught)),
      );
    }, 1500);
    return () => window.clearTimeout(timer);
  });

  const close = () => {
    const erased = erasure !== undefined;
    setTyped('');
    setFailure(undefined);
    setErasure(undefined);
    onClose(erased);
  };
  const erase = () => {
    if (!person || busy || !matches) return;
    setBusy(true);
    setFailure(undefined);
    api.privacy.erase(person.tenantId, person.id, typed).then(
      (started) => {
        setBusy(false);
        setErasure(started);
        announce(t('privacy.erase.started'));
      },
      (caught: unknown) => {
        setBusy(false);
        setFailure(toApiFailure(caught));
      },
    );
  };

  return (
    <ModalDialog
      open={person !== null}
      title={t('privacy.erase.title', { name })}
      onCancel={close}
      busy={busy}
      describedBy={hintId}
    >
      <div className="dialog__body">
        {!erasure && (
          <>
            <p id={hintId}>{t('privacy.erase.text', { name })}</p>
            <div className="field">
              <label htmlFor={inputId}>{t('privacy.erase.confirmLabel', { name })}</label>
              <input
                id={inputId}
                type="text"
                autoComplete="off"
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') erase();
                }}
              />
            </div>
          </>
        )}
        {erasure && <ErasureReportView erasure={erasure} />}
        {failure && <FailureAlert failure={failure} title={t('privacy.erase.failed')} />}
      </div>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={close} disabled={busy}>
          {erasure ? t('privacy.close') : t('admin.cancel')}
        </button>
        {!erasure && (
          <button type="button" className="button button--danger" onClick={erase} aria-disabled={busy || !matches}>
            {busy ? t('admin.working') : t('privacy.erase.confirm')}
          </button>
        )}
      </div>
    </ModalDialog>
  );
}

function ErasureReportView({ erasure }: { erasure: Erasure }) {
  const { t } = useTranslation();
  const report = erasure.report;
  if (erasure.state !== 'done' || !report) {
    return (
      <p role="status" aria-live="polite">
        {t('privacy.erase.running')}
      </p>
    );
  }
  return (
    <div role="status" aria-live="polite">
      <p>{t('privacy.erase.reportIntro', { pseudonym: report.pseudonym })}</p>
      <ul className="erasure-report">
        {report.parts.map((part) => (
          <li key={part.part}>
            <strong>{t(`privacy.erase.parts.${part.part}`, { defaultValue: part.part })}:</strong>{' '}
            {t(
              `privacy.erase.outcomes.${part.part === 'documents' ? `documents.${report.documentsRule}` : part.part}`,
              {
                count: part.count ?? 0,
                defaultValue: part.outcome,
              },
            )}
          </li>
        ))}
      </ul>
      <button type="button" className="button button--small" onClick={() => downloadErasureReport(report)}>
        {t('privacy.erase.download')}
      </button>
    </div>
  );
}
