import { useTranslation } from 'react-i18next';
import { useSession } from '../lib/session/context';

/**
 * Says what a session without the second factor lacks (an admin's administration, or the whole
 * tenant when it requires the factor of everybody) and leads to the identity provider to confirm it.
 */
export function SecondFactorNotice() {
  const { t } = useTranslation();
  const { status, secondFactorHref } = useSession();
  if (status.kind !== 'signed-in' || status.secondFactor.missing === null) return null;
  return (
    <section className="alert" aria-labelledby="second-factor-title">
      <h2 id="second-factor-title" className="alert__title">
        {t('auth.secondFactor.title')}
      </h2>
      <p>{t(`auth.secondFactor.${status.secondFactor.missing}`)}</p>
      <p>
        <a className="button button--primary" href={secondFactorHref()}>
          {t('auth.secondFactor.confirm')}
        </a>
      </p>
    </section>
  );
}
