import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type VersionComparison } from '@arbeitsbereich/contract';
import { useLoad } from '../../../lib/api/useLoad';
import { Busy } from '../../../lib/ui/Busy';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import type { DocumentsContext } from '../useDocumentsContext';

type Block = VersionComparison['blocks'][number];
type Segments = NonNullable<Block['before']>;

/** A block's words: taken out struck through, put in underlined (marked by more than colour). */
function Words({ segments }: { segments: Segments | null }) {
  const { t } = useTranslation();
  if (segments === null) return <span className="muted">{t('documents.compare.none')}</span>;
  return (
    <>
      {segments.map((segment, i) =>
        segment.change === 'removed' ? (
          <del key={i} className="compare__removed">
            {segment.text}
          </del>
        ) : segment.change === 'added' ? (
          <ins key={i} className="compare__added">
            {segment.text}
          </ins>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </>
  );
}

/**
 * Two versions of a text document side by side: the older on the left, the newer on the right,
 * block by block; what changed is said in words too, for screen readers and without colour.
 */
export function VersionCompare({
  context,
  entryId,
  from,
  to,
  onBack,
}: {
  context: DocumentsContext;
  entryId: string;
  from: string;
  to: string;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const { documents, tenantId, roomId } = context;
  const load = useMemo(
    () =>
      documents
        ? (signal: AbortSignal) => documents.compare(tenantId, roomId, entryId, { from, to }, signal)
        : undefined,
    [documents, tenantId, roomId, entryId, from, to],
  );
  const compared = useLoad(`${entryId}|${from}|${to}`, load);
  const data = compared.data;
  const changes = data ? data.blocks.filter((b) => b.change !== 'same').length : 0;
  return (
    <section aria-labelledby="compare-heading" data-testid="version-compare">
      <h3 id="compare-heading" className="compare__title">
        {data
          ? t('documents.compare.title', { older: data.from.number, newer: data.to.number })
          : t('documents.compare.loading')}
      </h3>
      {compared.loading && !data && <Busy message={t('documents.compare.loading')} />}
      {compared.failure && <FailureAlert failure={compared.failure} title={t('documents.compare.failed')} />}
      {data && (
        <>
          <p className="muted" data-testid="compare-summary">
            {changes === 0 ? t('documents.compare.same') : t('documents.compare.summary', { count: changes })}{' '}
            {t('documents.compare.legend')}
          </p>
          <div className="table-wrap">
            <table className="table compare">
              <caption className="visually-hidden">
                {t('documents.compare.title', { older: data.from.number, newer: data.to.number })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('documents.compare.change')}</th>
                  <th scope="col">{t('documents.versions.label', { number: data.from.number })}</th>
                  <th scope="col">{t('documents.versions.label', { number: data.to.number })}</th>
                </tr>
              </thead>
              <tbody>
                {data.blocks.map((block, i) => (
                  <tr key={i} className={`compare__row compare__row--${block.change}`}>
                    <td className="muted">{t(`documents.compare.changes.${block.change}`)}</td>
                    <td className={`compare__cell compare__cell--${block.kind}`}>
                      <Words segments={block.before} />
                    </td>
                    <td className={`compare__cell compare__cell--${block.kind}`}>
                      <Words segments={block.after} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p>
        <button type="button" className="button" onClick={onBack}>
          {t('documents.compare.back')}
        </button>
      </p>
    </section>
  );
}
