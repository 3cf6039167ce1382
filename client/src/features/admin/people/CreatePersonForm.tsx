import { type Person, type Tenant, type TenantRole } from '@arbeitsbereich/contract';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { SelectField, TextField } from '../../../lib/ui/Field';
import { useCreateForm } from '../shared/useCreateForm';
import { tenantRoles, roleKey } from '../shared/roles';
import { FormActions } from '../../../lib/ui/FormActions';

const EMPTY = { email: '', firstName: '', lastName: '', role: 'member', username: '', locale: 'de' };
type Values = typeof EMPTY;
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
  const { values, failure, missing, busy, formRef, serverErrors, set, submit } = useCreateForm({
    empty: EMPTY,
    required: REQUIRED,
    send: (sent: Values) => {
      const username = sent.username.trim();
      return api.createPerson(tenant.id, {
        email: sent.email.trim(),
        firstName: sent.firstName.trim(),
        lastName: sent.lastName.trim(),
        role: sent.role as TenantRole,
        locale: sent.locale === 'en' ? 'en' : 'de',
        ...(username ? { username } : {}),
      });
    },
    onCreated,
  });
  const error = (field: keyof Values) => (missing.includes(field) ? t('admin.form.required') : serverErrors[field]);

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
        <FormActions busy={busy} label={t('admin.people.create')} busyLabel={t('admin.working')} />
      </form>
    </section>
  );
}
