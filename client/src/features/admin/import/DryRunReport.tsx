import { type ImportReport, type Tenant } from '@arbeitsbereich/contract';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { explainProblem, fieldKey } from './problemExplanation';
import { Table } from '../../../lib/ui/Table';

interface Props {
  report: ImportReport;
  tenant: Tenant;
  canConfirm: boolean;
  importing: boolean;
  /** After the import the report stays for reference, without its confirm button. */
  applied: boolean;
  onConfirm: () => void;
}

/** Step 2: what the dry run found — counts, each problem with line and field — and "Import bestätigen". */
export const DryRunReport = forwardRef<HTMLElement, Props>(function DryRunReport(
  { report, tenant, canConfirm, importing, applied, onConfirm },
  ref,
) {
  const { t } = useTranslation();
  const problems = report.problems.length;
  return (
    <section
      ref={ref}
      tabIndex={-1}
      className="panel panel--report"
      aria-labelledby="dry-run-heading"
      data-testid="dry-run"
    >
      <h2 id="dry-run-heading">{t('admin.import.step2')}</h2>
      <dl className="facts facts--counts">
        <div>
          <dt>{t('admin.import.rows')}</dt>
          <dd data-count="rows">{report.rows}</dd>
        </div>
        <div>
          <dt>{t('admin.import.valid')}</dt>
          <dd data-count="valid">{report.valid}</dd>
        </div>
        <div>
          <dt>{t('admin.import.problems')}</dt>
          <dd data-count="problems">{problems}</dd>
        </div>
      </dl>
      {problems === 0 ? (
        <p>{t('admin.import.noProblems')}</p>
      ) : (
        <Table
          caption={t('admin.import.problemsCaption', { count: problems })}
          columns={[
            t('admin.import.line'),
            t('admin.import.field'),
            t('admin.import.value'),
            t('admin.import.explanation'),
          ]}
          testId="import-problems"
        >
          {report.problems.map((problem) => {
            const explanation = explainProblem(problem, tenant.emailDomains);
            return (
              <tr
                key={`${problem.line}-${problem.field}-${problem.code}`}
                data-line={problem.line}
                data-code={problem.code}
              >
                <th scope="row">{problem.line}</th>
                <td>{t(fieldKey(problem.field))}</td>
                <td className="cell--value">
                  {problem.value === '' ? <span className="muted">{t('admin.import.emptyValue')}</span> : problem.value}
                </td>
                <td>{t(explanation.key, explanation.values)}</td>
              </tr>
            );
          })}
        </Table>
      )}
      {applied ? null : report.valid > 0 ? (
        <div className="form__actions">
          <button type="button" className="button button--primary" onClick={onConfirm} aria-disabled={!canConfirm}>
            {importing ? t('admin.import.importing') : t('admin.import.confirm')}
          </button>
          <span className="muted">
            {problems > 0
              ? t('admin.import.confirmHintSkipped', { count: report.valid, skipped: problems })
              : t('admin.import.confirmHint', { count: report.valid })}
          </span>
        </div>
      ) : (
        <p className="alert alert--problem">{t('admin.import.nothingValid')}</p>
      )}
    </section>
  );
});
