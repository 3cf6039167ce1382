import { can, type Tenant, type TenantPolicy, type TenantPolicyChanges } from '@arbeitsbereich/contract';
import { ErasureRuleSetting } from './ErasureRuleSetting';
import { type FormEvent, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { type ApiFailure, toApiFailure } from '../../../lib/api/http';
import { useAnnounce } from '../../../lib/ui/Announcer';
import { Busy } from '../../../lib/ui/Busy';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { TextField } from '../../../lib/ui/Field';
import { parseMaxUploadMb } from './maxUpload';
import { adminPage } from '../shared/AdminPage';
import { TenantScoped } from '../shared/TenantScoped';
import { useLoad } from '../../../lib/api/useLoad';

const SETTINGS = ['meetings', 'guests', 'recording'] as const;
type Setting = (typeof SETTINGS)[number];

const MB = 1024 * 1024;

/** What the tenant's documents take, against the installation's quota when it sets one. */
function StorageUse({ storage }: { storage: NonNullable<TenantPolicy['storage']> }) {
  const { t, i18n } = useTranslation();
  const mb = (bytes: number) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(bytes / MB);
  const { usedBytes, quotaBytes } = storage;
  return (
    <p className="field__hint" data-testid="policy-storage">
      <strong>{t('admin.policy.storage')}:</strong>{' '}
      {quotaBytes === null
        ? t('admin.policy.storageUsedNoQuota', { used: mb(usedBytes) })
        : t('admin.policy.storageUsed', {
            used: mb(usedBytes),
            quota: mb(quotaBytes),
            percent: Math.min(100, Math.round((usedBytes / quotaBytes) * 100)),
          })}
    </p>
  );
}

function PolicyForm({
  api,
  tenant,
  policy,
  onSaved,
}: {
  api: ApiClient;
  tenant: Tenant;
  policy: TenantPolicy;
  onSaved: (policy: TenantPolicy) => void;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [draft, setDraft] = useState<Omit<TenantPolicyChanges, 'maxUploadMb'>>({
    meetings: policy.meetings,
    guests: policy.guests,
    recording: policy.recording,
    secondFactor: policy.secondFactor,
  });
  const [maxUpload, setMaxUpload] = useState(policy.maxUploadMb === null ? '' : String(policy.maxUploadMb));
  const [maxUploadError, setMaxUploadError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();
  const editable = can(policy.abilities, 'tenant.updatePolicy') || can(tenant.abilities, 'tenant.updatePolicy');

  const set = (setting: Setting | 'secondFactor', value: boolean) =>
    setDraft((previous) => ({ ...previous, [setting]: value }));
  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || !editable) return;
    const maxUploadMb = parseMaxUploadMb(maxUpload, policy.maxUploadMbCeiling);
    if (maxUploadMb === 'invalid') {
      setMaxUploadError(
        policy.maxUploadMbCeiling === null
          ? t('admin.policy.maxUploadMbInvalid')
          : t('admin.policy.maxUploadMbOutOfRange', { max: policy.maxUploadMbCeiling }),
      );
      document.getElementById('policy-maxUploadMb')?.focus();
      return;
    }
    setMaxUploadError(undefined);
    setBusy(true);
    setFailure(undefined);
    api.putTenantPolicy(tenant.id, { ...draft, maxUploadMb }).then(
      (saved) => {
        setBusy(false);
        announce(t('admin.policy.saved', { name: tenant.name }));
        onSaved(saved);
      },
      (caught: unknown) => {
        setBusy(false);
        setFailure(toApiFailure(caught));
      },
    );
  };

  return (
    <form className="panel policy-form" onSubmit={save} aria-labelledby="policy-form-heading">
      <h2 id="policy-form-heading">{t('admin.policy.formTitle')}</h2>
      <fieldset className="policy-form__settings" disabled={!editable}>
        <legend className="visually-hidden">{t('admin.policy.formTitle')}</legend>
        {SETTINGS.map((setting) => {
          const id = `policy-${setting}`;
          const dependsOnMeetings = setting !== 'meetings' && !draft.meetings;
          return (
            <div key={setting} className="policy-form__setting">
              <input
                id={id}
                type="checkbox"
                checked={draft[setting]}
                onChange={(event) => set(setting, event.target.checked)}
                aria-describedby={`${id}-hint`}
              />
              <label htmlFor={id}>{t(`admin.policy.${setting}`)}</label>
              <p id={`${id}-hint`} className="field__hint">
                {t(`admin.policy.${setting}Hint`)}
                {dependsOnMeetings && <> {t('admin.policy.needsMeetings')}</>}
              </p>
            </div>
          );
        })}
      </fieldset>
      <fieldset className="policy-form__settings" disabled={!editable}>
        <legend className="policy-form__legend">{t('admin.policy.signInTitle')}</legend>
        <div className="policy-form__setting">
          <input
            id="policy-secondFactor"
            type="checkbox"
            checked={draft.secondFactor}
            onChange={(event) => set('secondFactor', event.target.checked)}
            aria-describedby="policy-secondFactor-hint"
          />
          <label htmlFor="policy-secondFactor">{t('admin.policy.secondFactor')}</label>
          <p id="policy-secondFactor-hint" className="field__hint">
            {t('admin.policy.secondFactorHint')}
          </p>
        </div>
      </fieldset>
      <fieldset className="policy-form__settings" disabled={!editable}>
        <legend className="policy-form__legend">{t('admin.policy.documentsTitle')}</legend>
        <TextField
          id="policy-maxUploadMb"
          label={t('admin.policy.maxUploadMb')}
          hint={
            policy.maxUploadMbCeiling === null
              ? t('admin.policy.maxUploadMbHint')
              : `${t('admin.policy.maxUploadMbHint')} ${t('admin.policy.maxUploadMbCeiling', { max: policy.maxUploadMbCeiling })}`
          }
          error={maxUploadError}
          inputMode="numeric"
          value={maxUpload}
          onChange={(event) => setMaxUpload(event.target.value)}
          className="policy-form__number"
        />
        {policy.storage && <StorageUse storage={policy.storage} />}
      </fieldset>
      {!editable && <p className="muted">{t('admin.policy.readOnly')}</p>}
      {failure && <FailureAlert failure={failure} title={t('admin.policy.saveFailed')} />}
      {editable && (
        <p>
          <button type="submit" className="button button--primary" aria-disabled={busy}>
            {busy ? t('admin.policy.saving') : t('admin.policy.save')}
          </button>
        </p>
      )}
    </form>
  );
}

function PolicyOf({ api, tenant }: { api: ApiClient; tenant: Tenant }) {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => api.getTenantPolicy(tenant.id, signal), [api, tenant.id]);
  const policy = useLoad(tenant.id, load);
  const [round, setRound] = useState(0);
  return (
    <>
      {policy.failure && <FailureAlert failure={policy.failure} title={t('admin.policy.loadFailed')} />}
      {!policy.data && policy.loading && <Busy message={t('admin.policy.loading')} />}
      {policy.data && (
        <PolicyForm
          key={round}
          api={api}
          tenant={tenant}
          policy={policy.data}
          onSaved={(saved) => {
            policy.update(() => saved);
            setRound((value) => value + 1);
          }}
        />
      )}
      {policy.data && <ErasureRuleSetting api={api} tenant={tenant} abilities={policy.data.abilities} />}
    </>
  );
}

function Policy({ api }: { api: ApiClient }) {
  return (
    <TenantScoped ability="tenant.readPolicy" pickerId="policy-tenant">
      {(tenant) => <PolicyOf api={api} tenant={tenant} />}
    </TenantScoped>
  );
}

/** Richtlinien: what the tenant allows for meetings — meetings at all, guests by link, recording. */
export default adminPage('policy', Policy);
