import { type Tenant } from '@arbeitsbereich/contract';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { type ApiFailure, toApiFailure } from '../../../lib/api/http';
import { useAnnounce } from '../../../lib/ui/Announcer';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { ImportResult } from './ImportResult';
import { ImportSource } from './ImportSource';
import { DryRunReport } from './DryRunReport';
import { START, canCheck, canConfirm, currentCheck, withApplied, withDryRun, withText } from './importFlow';

type Busy = 'checking' | 'importing' | undefined;

export function Importer({ api, tenant }: { api: ApiClient; tenant: Tenant }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [flow, setFlow] = useState(START);
  const [busy, setBusy] = useState<Busy>();
  const [failure, setFailure] = useState<{ step: 'check' | 'import'; failure: ApiFailure }>();
  const reportRef = useRef<HTMLElement>(null);
  const resultRef = useRef<HTMLElement>(null);
  const report = currentCheck(flow);

  const check = () => {
    if (busy || !canCheck(flow)) return;
    const csv = flow.csv;
    setBusy('checking');
    setFailure(undefined);
    api.importPeople(tenant.id, csv, true).then(
      (dryRun) => {
        setBusy(undefined);
        setFlow((current) => withDryRun(current, csv, dryRun));
        announce(
          t('admin.import.checked', { rows: dryRun.rows, valid: dryRun.valid, problems: dryRun.problems.length }),
        );
        window.requestAnimationFrame(() => reportRef.current?.focus());
      },
      (error: unknown) => {
        setBusy(undefined);
        setFailure({ step: 'check', failure: toApiFailure(error) });
      },
    );
  };

  const confirm = () => {
    if (busy || !canConfirm(flow) || !flow.checked) return;
    const csv = flow.checked.csv;
    setBusy('importing');
    setFailure(undefined);
    api.importPeople(tenant.id, csv, false).then(
      (applied) => {
        setBusy(undefined);
        setFlow((current) => withApplied(current, applied));
        announce(t('admin.import.done', { count: applied.created.length }));
        window.requestAnimationFrame(() => resultRef.current?.focus());
      },
      (error: unknown) => {
        setBusy(undefined);
        setFailure({ step: 'import', failure: toApiFailure(error) });
      },
    );
  };

  return (
    <>
      <ImportSource
        csv={flow.csv}
        disabled={flow.applied !== undefined}
        checking={busy === 'checking'}
        canCheck={canCheck(flow) && busy === undefined}
        onText={(csv) => setFlow((current) => withText(current, csv))}
        onCheck={check}
      />
      {failure && (
        <FailureAlert
          failure={failure.failure}
          title={failure.step === 'check' ? t('admin.import.checkFailed') : t('admin.import.importFailed')}
        />
      )}
      {report && (
        <DryRunReport
          ref={reportRef}
          report={report}
          tenant={tenant}
          canConfirm={canConfirm(flow) && busy === undefined}
          importing={busy === 'importing'}
          applied={flow.applied !== undefined}
          onConfirm={confirm}
        />
      )}
      {flow.applied && (
        <ImportResult ref={resultRef} report={flow.applied} tenant={tenant} onAgain={() => setFlow(START)} />
      )}
    </>
  );
}
