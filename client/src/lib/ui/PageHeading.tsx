import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouter } from '../router/context';

interface Props {
  id: string;
  children: string;
}

/**
 * The page's h1. It names the document, and takes focus after a navigation inside the app,
 * so screen readers announce the new page and Tab continues from its top.
 */
export function PageHeading({ id, children }: Props) {
  const { t } = useTranslation();
  const { navigations } = useRouter();
  const ref = useRef<HTMLHeadingElement>(null);
  const documentTitle = t('app.documentTitle', { page: children });

  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);

  useEffect(() => {
    if (navigations > 0) ref.current?.focus();
  }, [navigations]);

  return (
    <h1 id={id} ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
