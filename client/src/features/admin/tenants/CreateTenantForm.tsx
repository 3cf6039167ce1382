import { type Tenant } from '@arbeitsbereich/contract';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { type ApiFailure, toApiFailure } from '../../../lib/api/http';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { TextField } from '../../../lib/ui/Field';
import { fieldErrorsOf, focusFirstInvalid } from '../shared/formFailure';
import { emptyRequired } from '../shared/requiredFields';
import { parseDomains } from './domains';

const EMPTY = { slug: '', name: '', emailDomains: '', email: '', firstName: '', lastName: '', username: '' };
type Values = typeof EMPTY;
const REQUIRED: (keyof Values)[] = ['name', 'slug', 'emailDomains', 'email', 'firstName', 'lastName'];

// Form field → the field's path in the request body, as the server names it in errors.
const BODY_FIELD: Record<keyof Values, string> = {
  slug: 'slug',
  name: 'name',
  emailDomains: 'emailDomains',
  email: 'firstAdmin.email',
  firstName: 'firstAdmin.firstName',
  lastName: 'firstAdmin.lastName',
  username: 'firstAdmin.username',
};

/** A new tenant with its first tenant admin. */
export function CreateTenantForm({ api, onCreated }: { api: ApiClient; onCreated: (tenant: Tenant) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(EMPTY);
  const [failure, setFailure] = useState<ApiFailure>();
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState<(keyof Values)[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const serverErrors = fieldErrorsOf(failure);
  const error = (field: keyof Values): string | undefined =>
    (missing.includes(field) ? t('admin.form.required') : undefined) ??
    serverErrors[BODY_FIELD[field]] ??
    (field === 'emailDomains' ? serverErrors['emailDomains.0'] : undefined);

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
      focusFirstInvalid(
        formRef.current,
        Object.values(BODY_FIELD),
        Object.fromEntries(empty.map((f) => [BODY_FIELD[f], ''])),
      );
      return;
    }
    setBusy(true);
    const username = values.username.trim();
    api
      .createTenant({
        slug: values.slug.trim(),
        name: values.name.trim(),
        emailDomains: parseDomains(values.emailDomains),
        firstAdmin: {
          email: values.email.trim(),
          firstName: values.firstName.trim(),
          lastName: values.lastName.trim(),
          ...(username ? { username } : {}),
        },
      })
      .then(
        (tenant) => {
          setBusy(false);
          setValues(EMPTY);
          onCreated(tenant);
        },
        (caught: unknown) => {
          const next = toApiFailure(caught);
          setBusy(false);
          setFailure(next);
          const errors = fieldErrorsOf(next);
          focusFirstInvalid(formRef.current, Object.values(BODY_FIELD), errors);
        },
      );
  };

  const field = (name: keyof Values, extra: Record<string, string | boolean> = {}) => ({
    id: `tenant-${name}`,
    name: BODY_FIELD[name],
    value: values[name],
    onChange: set(name),
    error: error(name),
    ...extra,
  });

  return (
    <section className="panel" aria-labelledby="create-tenant-heading">
      <h2 id="create-tenant-heading">{t('admin.tenants.createTitle')}</h2>
      <form ref={formRef} className="form" onSubmit={submit} noValidate>
        {failure && <FailureAlert failure={failure} title={t('admin.tenants.createFailed')} />}
        <div className="form__grid">
          <TextField
            {...field('name', { required: true, autoComplete: 'organization' })}
            label={t('admin.tenants.name')}
          />
          <TextField
            {...field('slug', { required: true })}
            label={t('admin.tenants.slug')}
            hint={t('admin.tenants.slugHint')}
          />
          <TextField
            {...field('emailDomains', { required: true })}
            label={t('admin.tenants.domains')}
            hint={t('admin.tenants.domainsHint')}
            className="form__wide"
          />
        </div>
        <fieldset className="form__group">
          <legend>{t('admin.tenants.firstAdmin')}</legend>
          <div className="form__grid">
            <TextField
              {...field('email', { required: true, type: 'email', autoComplete: 'off' })}
              label={t('admin.person.email')}
            />
            <TextField
              {...field('firstName', { required: true, autoComplete: 'off' })}
              label={t('admin.person.firstName')}
            />
            <TextField
              {...field('lastName', { required: true, autoComplete: 'off' })}
              label={t('admin.person.lastName')}
            />
            <TextField
              {...field('username', { autoComplete: 'off' })}
              label={t('admin.person.usernameOptional')}
              hint={t('admin.person.usernameHint')}
            />
          </div>
        </fieldset>
        <div className="form__actions">
          <button type="submit" className="button button--primary" aria-disabled={busy}>
            {busy ? t('admin.working') : t('admin.tenants.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
