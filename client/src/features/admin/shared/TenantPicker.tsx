import { type Tenant } from '@arbeitsbereich/contract';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../../lib/ui/Field';

interface Props {
  id: string;
  tenants: Tenant[];
  value: string;
  onChange: (tenantId: string) => void;
  /** An extra first option, e.g. "Alle Mandanten" for the platform log. */
  extra?: { value: string; label: string };
}

/** Choose the tenant to work on; shown only when there is more than one to choose from. */
export function TenantPicker({ id, tenants, value, onChange, extra }: Props) {
  const { t } = useTranslation();
  return (
    <div className="toolbar">
      <SelectField
        id={id}
        label={t('admin.tenantPicker')}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        {extra && <option value={extra.value}>{extra.label}</option>}
        {tenants.map((tenant) => (
          <option key={tenant.id} value={tenant.id}>
            {tenant.status === 'archived' ? t('admin.tenantArchivedOption', { name: tenant.name }) : tenant.name}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
