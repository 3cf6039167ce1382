import { useEffect, useState } from 'react';
import { fetchClientConfig, type LegalLinks } from '../lib/api/clientConfig';

const none: LegalLinks = { imprintUrl: null, privacyPolicyUrl: null, accessibilityContactEmail: null };

/** One request per page load for every screen that shows the links; a failed one is asked again next time. */
let asked: Promise<LegalLinks> | undefined;

function legalLinks(): Promise<LegalLinks> {
  asked ??= fetchClientConfig().then(
    (config) => config.legal,
    (error: unknown) => {
      asked = undefined;
      throw error;
    },
  );
  return asked;
}

/**
 * The installation's legal pages and accessibility contact from the client config; none until
 * it has arrived, or when the server cannot be reached (the links then stay away).
 */
export function useLegalLinks(): LegalLinks {
  const [links, setLinks] = useState<LegalLinks>(none);
  useEffect(() => {
    let current = true;
    legalLinks().then(
      (known) => current && setLinks(known),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return links;
}
