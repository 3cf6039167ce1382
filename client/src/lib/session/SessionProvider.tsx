import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createApiClient } from '../api/client';
import { toApiFailure } from '../api/http';
import { fetchSession, signInUrl, signOut as postSignOut } from '../api/session';
import { listTenants } from '../api/tenants';
import { DEFAULT_LANGUAGE, isLanguage } from '../i18n/language';
import { NO_ADMIN_AREAS, adminAreas } from './adminAreas';
import { SessionContext } from './context';
import type { Access, SessionStatus, SessionValue } from './sessionState';
import { useIdleWatch } from './useIdleWatch';

const EMPTY_ACCESS: Access = { loading: false, tenants: [], platform: {}, areas: NO_ADMIN_AREAS };

/** The page to come back to after signing in; a notice about an earlier failed sign-in is left behind. */
function currentPath(): string {
  const params = new URLSearchParams(window.location.search);
  params.delete('signin');
  const query = params.toString();
  return query === '' ? window.location.pathname : `${window.location.pathname}?${query}`;
}

/** Loads GET /api/session once, then what the person may reach; offers sign-in and sign-out. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [status, setStatus] = useState<SessionStatus>({ kind: 'loading' });
  const [access, setAccess] = useState<Access>({ ...EMPTY_ACCESS, loading: true });
  const [accessRound, setAccessRound] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchSession(controller.signal).then(
      (info) => {
        if (controller.signal.aborted) return;
        setStatus(
          info.authenticated
            ? {
                kind: 'signed-in',
                actor: info.actor,
                csrfToken: info.csrfToken,
                secondFactor: info.secondFactor,
                ...(info.idleMinutes === undefined ? {} : { idleMinutes: info.idleMinutes }),
              }
            : { kind: 'signed-out' },
        );
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setStatus({ kind: 'error', failure: toApiFailure(error) });
      },
    );
    return () => controller.abort();
  }, []);

  const signedIn = status.kind === 'signed-in' ? status : undefined;
  const tenantId = signedIn?.actor.tenantId ?? null;
  const signedInKey = signedIn ? signedIn.actor.subject : undefined;

  useEffect(() => {
    if (signedInKey === undefined) {
      setAccess(EMPTY_ACCESS);
      return undefined;
    }
    const controller = new AbortController();
    setAccess((previous) => ({ ...previous, loading: true }));
    listTenants(controller.signal).then(
      ({ tenants, abilities }) => {
        if (controller.signal.aborted) return;
        const homeTenant = tenants.find((t) => t.id === tenantId);
        setAccess({
          loading: false,
          tenants,
          platform: abilities,
          areas: adminAreas(abilities, tenants),
          ...(homeTenant ? { homeTenant } : {}),
        });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setAccess({ ...EMPTY_ACCESS, failure: toApiFailure(error) });
      },
    );
    return () => controller.abort();
  }, [signedInKey, tenantId, accessRound]);

  const csrfToken = signedIn?.csrfToken;
  const api = useMemo(() => (csrfToken === undefined ? undefined : createApiClient(csrfToken)), [csrfToken]);
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;

  const signInHref = useCallback((returnTo?: string) => signInUrl(returnTo ?? currentPath(), language), [language]);
  const secondFactorHref = useCallback(() => signInUrl(currentPath(), language, true), [language]);
  const signOut = useCallback(async () => {
    if (csrfToken === undefined) return;
    const redirect = await postSignOut(csrfToken);
    window.location.assign(redirect);
  }, [csrfToken]);
  const refreshAccess = useCallback(() => setAccessRound((round) => round + 1), []);

  const renew = useCallback(async () => (await fetchSession(undefined, { renew: true })).authenticated, []);
  const idleMinutes = signedIn?.idleMinutes;
  const onIdleEnd = useCallback(
    () => setStatus({ kind: 'signed-out', ...(idleMinutes === undefined ? {} : { idleMinutes }) }),
    [idleMinutes],
  );
  const idle = useIdleWatch({
    signedIn: signedIn !== undefined,
    idleMs: idleMinutes === undefined ? undefined : idleMinutes * 60_000,
    renew,
    onEnded: onIdleEnd,
  });

  const value = useMemo<SessionValue>(
    () => ({ status, access, signInHref, secondFactorHref, signOut, refreshAccess, idle, ...(api ? { api } : {}) }),
    [status, access, api, signInHref, secondFactorHref, signOut, refreshAccess, idle],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
