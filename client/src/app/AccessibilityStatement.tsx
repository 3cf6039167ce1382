import { useTranslation } from 'react-i18next';
import { PageHeading } from '../lib/ui/PageHeading';
import { useLegalLinks } from './useLegalLinks';

/** When this statement was prepared (BITV 2.0 § 7 (1)); a new review of the application sets a new date. */
const PREPARED_ON = '2026-12-05';
/** When it was last reviewed against the application as it is. */
const REVIEWED_ON = '2026-12-05';

/** The ways around the workspace's known barriers, each a list item. */
const BARRIERS = ['meetings', 'documents', 'carets', 'plainLanguage'] as const;

function longDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

/**
 * Erklärung zur Barrierefreiheit, as BITV 2.0 § 7 and directive (EU) 2016/2102 ask of a public
 * body's web application: how far it complies, what is not accessible, when the statement was
 * made, how to report a barrier, and the enforcement procedure (Schlichtungsverfahren, § 16 BGG).
 * The contact for reports is the installation's (ACCESSIBILITY_CONTACT_EMAIL).
 */
export function AccessibilityStatement() {
  const { t, i18n } = useTranslation();
  const { accessibilityContactEmail, imprintUrl } = useLegalLinks();
  const language = i18n.language;
  return (
    <section className="page statement" aria-labelledby="accessibility-heading">
      <PageHeading id="accessibility-heading">{t('legal.statement.title')}</PageHeading>
      <p className="page__intro">{t('legal.statement.intro', { origin: window.location.origin })}</p>

      <h2>{t('legal.statement.complianceTitle')}</h2>
      <p>{t('legal.statement.compliance')}</p>
      <p>{t('legal.statement.method')}</p>

      <h2>{t('legal.statement.barriersTitle')}</h2>
      <p>{t('legal.statement.barriersIntro')}</p>
      <ul>
        {BARRIERS.map((barrier) => (
          <li key={barrier}>{t(`legal.statement.barriers.${barrier}`)}</li>
        ))}
      </ul>

      <h2>{t('legal.statement.preparedTitle')}</h2>
      <p>
        {t('legal.statement.prepared', {
          prepared: longDate(PREPARED_ON, language),
          reviewed: longDate(REVIEWED_ON, language),
        })}
      </p>

      <h2>{t('legal.statement.feedbackTitle')}</h2>
      <p>{t('legal.statement.feedback')}</p>
      {accessibilityContactEmail ? (
        <p>
          {t('legal.statement.contact')} <a href={`mailto:${accessibilityContactEmail}`}>{accessibilityContactEmail}</a>
        </p>
      ) : (
        <p>
          {t('legal.statement.noContact')}
          {imprintUrl && (
            <>
              {' '}
              <a href={imprintUrl}>{t('legal.imprint')}</a>
            </>
          )}
        </p>
      )}

      <h2>{t('legal.statement.enforcementTitle')}</h2>
      <p>{t('legal.statement.enforcement')}</p>
      <p>{t('legal.statement.enforcementFree')}</p>
      <address>
        {t('legal.statement.arbitrationBody')}
        <br />
        {t('legal.statement.arbitrationAddress')}
        <br />
        {t('legal.statement.arbitrationPhone')}
        <br />
        {t('legal.statement.arbitrationEmailLabel')}{' '}
        <a href="mailto:info@schlichtungsstelle-bgg.de">info@schlichtungsstelle-bgg.de</a>
        <br />
        {t('legal.statement.arbitrationWebLabel')}{' '}
        <a href="https://www.schlichtungsstelle-bgg.de" hrefLang="de">
          www.schlichtungsstelle-bgg.de
        </a>
      </address>
      <p>{t('legal.statement.enforcementLaender')}</p>
    </section>
  );
}
