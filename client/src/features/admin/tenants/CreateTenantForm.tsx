import { type Tenant } from '@arbeitsbereich/contract';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { TextField } from '../../../lib/ui/Field';
import { useCreateForm } from '../shared/useCreateForm';
import { parseDomains } from './domains';
import { FormActions } from '../../../lib/ui/FormActions';

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
  const { values, failure, missing, busy, formRef, serverErrors, set, submit } = useCreateForm({
    empty: EMPTY,
    required: REQUIRED,
    bodyField: BODY_FIELD,
    send: (sent: Values) => {
      const username = sent.username.trim();
      return api.createTenant({
        slug: sent.slug.trim(),
        name: sent.name.trim(),
        emailDomains: parseDomains(sent.emailDomains),
        firstAdmin: {
          email: sent.email.trim(),
          firstName: sent.firstName.trim(),
          lastName: sent.lastName.trim(),
          ...(username ? { username } : {}),
        },
      });
    },
    onCreated,
  });
  const error = (field: keyof Values): string | undefined =>
    (missing.includes(field) ? t('admin.form.required') : undefined) ??
    serverErrors[BODY_FIELD[field]] ??
    (field === 'emailDomains' ? serverErrors['emailDomains.0'] : undefined);

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
        <FormActions busy={busy} label={t('admin.tenants.create')} busyLabel={t('admin.working')} />
      </form>
    </section>
  );
}
