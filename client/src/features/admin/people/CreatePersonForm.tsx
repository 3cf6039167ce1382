import { type Person, type Tenant, type TenantRole } from '@arbeitsbereich/contract';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { type ApiFailure, toApiFailure } from '../../../lib/api/http';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { SelectField, TextField } from '../../../lib/ui/Field';
import { fieldErrorsOf, focusFirstInvalid } from '../shared/formFailure';
import { emptyRequired } from '../shared/requiredFields';
import { tenantRoles, roleKey } from '../shared/roles';

const EMPTY = { email: '', firstName: '', lastName: '', role: 'member', username: '', locale: 'de' };
type Values = typeof EMPTY;
const ORDER: (keyof Values)[] = ['email', 'firstName', 'lastName', 'role', 'username', 'locale'];
/** The languages an invitation is written in: German first, English second. */
const LOCALES = ['de', 'en'] as const;
const REQUIRED: (keyof Values)[] = ['email', 'firstName', 'lastName'];

interface Props {
  api: ApiClient;
  tenant: Tenant;
  onCreated: (person: Person) => void;
}

/** "Person hinzufügen": one person with a role; their accounts follow in the background. */
export function CreatePersonForm({ api, tenant, onCreated }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(EMPTY);
  const [failure, setFailure] = useState<ApiFailure>();
  const [missing, setMissing] = useState<(keyof Values)[]>([]);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const serverErrors = fieldErrorsOf(failure);
  const error = (field: keyof Values) => (missing.includes(field) ? t('admin.form.required') : serverErrors[field]);

  const set = (field: keyof Values) => (event: { target: { value: string } }) => {
    setValues((previous) => ({ ...previous, [field]: event.target.value }));
    setMissing((previous) => previous.filter((name) => name !== field));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    const empty = emptyRequired(values, REQUIRED);
    setMissing(empty);
    if (empty.length > 0) {
      focusFirstInvalid(formRef.current, ORDER, Object.fromEntries(empty.map((field) => [field, ''])));
      return;
    }
    setBusy(true);
    const username = values.username.trim();
    api
      .createPerson(tenant.id, {
        email: values.email.trim(),
        firstName: values.firstName.trim(),
        lastName: values.lastName.trim(),
        role: values.role as TenantRole,
        locale: values.locale === 'en' ? 'en' : 'de',
        ...(username ? { username } : {}),
      })
      .then(
        (person) => {
          setBusy(false);
          setValues(EMPTY);
          onCreated(person);
        },
        (caught: unknown) => {
          const next = toApiFailure(caught);
          setBusy(false);
          setFailure(next);
          focusFirstInvalid(formRef.current, ORDER, fieldErrorsOf(next));
        },
      );
  };

  const field = (name: keyof Values) => ({
    id: `person-${name}`,
    name,
    value: values[name],
    onChange: set(name),
    error: error(name),
  });

  return (
    <section className="panel" aria-labelledby="create-person-heading">
      <h2 id="create-person-heading">{t('admin.people.createTitle')}</h2>
      <form ref={formRef} className="form" onSubmit={submit} noValidate>
        {failure && <FailureAlert failure={failure} title={t('admin.people.createFailed')} />}
        <div className="form__grid">
          <TextField
            {...field('email')}
            type="email"
            required
            autoComplete="off"
            label={t('admin.person.email')}
            hint={t('admin.people.emailHint', { domains: tenant.emailDomains.join(', ') })}
          />
          <TextField {...field('firstName')} required autoComplete="off" label={t('admin.person.firstName')} />
          <TextField {...field('lastName')} required autoComplete="off" label={t('admin.person.lastName')} />
          <SelectField {...field('role')} label={t('admin.person.role')}>
            {tenantRoles.map((role) => (
              <option key={role} value={role}>
                {t(roleKey(role))}
              </option>
            ))}
          </SelectField>
          <TextField
            {...field('username')}
            autoComplete="off"
            label={t('admin.person.usernameOptional')}
            hint={t('admin.person.usernameHint')}
          />
          <SelectField {...field('locale')} label={t('admin.person.locale')} hint={t('admin.person.localeHint')}>
            {LOCALES.map((locale) => (
              <option key={locale} value={locale}>
                {t(`admin.person.locales.${locale}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" aria-disabled={busy}>
            {busy ? t('admin.working') : t('admin.people.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
