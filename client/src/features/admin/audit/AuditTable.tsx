import { type AuditEntry } from '@arbeitsbereich/contract';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/i18n/format';
import { type Phrase, actionPhrase, detailPhrases, targetPhrase } from './auditText';
import { Table } from '../../../lib/ui/Table';

interface Props {
  entries: AuditEntry[];
  scopeName: string;
  busy: boolean;
  filtered: boolean;
}

/** Values naming a role ("roles.member") are translated before they go into the sentence. */
function say(t: TFunction, phrase: Phrase): string {
  const values = Object.fromEntries(
    Object.entries(phrase.values ?? {}).map(([name, value]) => [
      name,
      typeof value === 'string' && value.startsWith('roles.') ? t(value) : value,
    ]),
  );
  return t(phrase.key, values);
}

export function AuditTable({ entries, scopeName, busy, filtered }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'de';
  if (entries.length === 0) {
    return <p className="empty-state">{filtered ? t('admin.audit.noMatch') : t('admin.audit.empty')}</p>;
  }
  return (
    <Table
      caption={t('admin.audit.caption', { count: entries.length, scope: scopeName })}
      columns={[
        t('admin.audit.at'),
        t('admin.audit.actor'),
        t('admin.audit.action'),
        t('admin.audit.target.title'),
        t('admin.audit.outcome'),
        t('admin.audit.detailsTitle'),
      ]}
      cards
      busy={busy}
      testId="audit-table"
    >
      {entries.map((entry) => (
        <tr key={entry.id} data-action={entry.action} data-outcome={entry.outcome}>
          <th scope="row">
            <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time>
          </th>
          <td data-label={t('admin.audit.actor')}>{entry.actorName || t('admin.audit.unknownActor')}</td>
          <td data-label={t('admin.audit.action')}>{say(t, actionPhrase(entry.action))}</td>
          <td data-label={t('admin.audit.target.title')}>{say(t, targetPhrase(entry))}</td>
          <td data-label={t('admin.audit.outcome')}>
            <span className={`badge badge--${entry.outcome}`}>{t(`admin.audit.outcomes.${entry.outcome}`)}</span>
          </td>
          <td data-label={t('admin.audit.detailsTitle')}>
            {detailPhrases(entry)
              .map((phrase) => say(t, phrase))
              .join(' · ')}
          </td>
        </tr>
      ))}
    </Table>
  );
}
