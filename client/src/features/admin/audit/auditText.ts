import { type AuditEntry } from '@arbeitsbereich/contract';
import { AUDIT_ACTIONS } from './auditFilters';

export interface Phrase {
  key: string;
  values?: Record<string, string | number>;
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/** The action in words; an action this client does not know is shown by its name. */
export function actionPhrase(action: string): Phrase {
  return (AUDIT_ACTIONS as readonly string[]).includes(action)
    ? { key: `admin.audit.actions.${action}` }
    : { key: 'admin.audit.actions.other', values: { action } };
}

/** What the entry was about: a person's sign-in name, a tenant's name, or the kind of object. */
export function targetPhrase(entry: AuditEntry): Phrase {
  const username = str(entry.details.username);
  if (entry.targetType === 'person' && username)
    return { key: 'admin.audit.target.person', values: { name: username } };
  const name = str(entry.details.name) ?? str(entry.details.slug);
  if (entry.targetType === 'tenant' && name) return { key: 'admin.audit.target.tenant', values: { name } };
  if (entry.targetType === 'person') return { key: 'admin.audit.target.somePerson' };
  if (entry.targetType === 'tenant') return { key: 'admin.audit.target.someTenant' };
  if (entry.targetType === 'session') return { key: 'admin.audit.target.session' };
  return { key: 'admin.audit.target.other', values: { type: entry.targetType } };
}

/**
 * The details that matter for each action, as phrases: how a person was added, a role's
 * old and new value, an import's counts. Role values are translation keys themselves.
 */
export function detailPhrases(entry: AuditEntry): Phrase[] {
  const d = entry.details;
  const phrases: Phrase[] = [];
  const via = str(d.via);
  const from = str(d.from);
  const to = str(d.to);
  const role = str(d.role);
  switch (entry.action) {
    case 'person.create':
      if (via === 'single' || via === 'import' || via === 'tenant')
        phrases.push({ key: `admin.audit.details.via.${via}` });
      if (role) phrases.push({ key: 'admin.audit.details.role', values: { role: `roles.${role}` } });
      break;
    case 'person.changeRole':
      if (from && to)
        phrases.push({ key: 'admin.audit.details.roleChange', values: { from: `roles.${from}`, to: `roles.${to}` } });
      break;
    case 'person.import':
      phrases.push({
        key: 'admin.audit.details.import',
        values: { rows: str(d.rows) ?? '0', created: str(d.created) ?? '0', skipped: str(d.skipped) ?? '0' },
      });
      break;
    case 'tenant.create': {
      const domains = Array.isArray(d.emailDomains)
        ? d.emailDomains.filter((x) => typeof x === 'string').join(', ')
        : '';
      if (domains) phrases.push({ key: 'admin.audit.details.domains', values: { domains } });
      break;
    }
    default:
      break;
  }
  const reason = str(d.reason);
  if (reason) phrases.push({ key: 'admin.audit.details.reason', values: { reason } });
  return phrases;
}
