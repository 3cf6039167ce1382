import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DEFAULT_IDLE_SETTINGS, idleStep } from './idle';

const RENEWED_KEY = 'workspace.session.renewedAt';
const TICK_MS = 5_000;
const INTERACTIONS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

function sharedRenewal(): number {
  try {
    return Number(window.localStorage.getItem(RENEWED_KEY)) || 0;
  } catch {
    return 0;
  }
}

function shareRenewal(at: number): void {
  try {
    window.localStorage.setItem(RENEWED_KEY, String(at));
  } catch {
    // Private mode without storage: each tab keeps its own time.
  }
}

export interface IdleWatch {
  /** Set while the session is about to end for lack of activity. */
  warning?: { endsAt: number };
  /** Something the person does that the page does not see as a key or pointer (a running meeting). */
  noteActivity: () => void;
  /** "Angemeldet bleiben": renews now. */
  stay: () => void;
}

/**
 * Keeps a signed-in session alive while the person uses the page, and only then: their keys,
 * pointer and running meetings renew it (one request per minute at most, shared by the tabs
 * of this browser); before the idle time runs out a warning offers to stay signed in.
 * `renew` asks the server and answers whether the session still lives.
 */
export function useIdleWatch(options: {
  signedIn: boolean;
  idleMs: number | undefined;
  renew: () => Promise<boolean>;
  onEnded: () => void;
}): IdleWatch {
  const { signedIn, idleMs, renew, onEnded } = options;
  const interactedAt = useRef(0);
  const renewedAt = useRef(0);
  const renewing = useRef(false);
  const [warning, setWarning] = useState<{ endsAt: number }>();

  const renewNow = useCallback(() => {
    if (renewing.current) return;
    renewing.current = true;
    const at = Date.now();
    renew()
      .then((alive) => {
        if (!alive) {
          setWarning(undefined);
          onEnded();
          return;
        }
        renewedAt.current = Math.max(renewedAt.current, at);
        shareRenewal(renewedAt.current);
        setWarning(undefined);
      })
      // Unreachable server: try again at the next tick; the server decides in the end.
      .catch(() => undefined)
      .finally(() => {
        renewing.current = false;
      });
  }, [renew, onEnded]);

  const noteActivity = useCallback(() => {
    interactedAt.current = Date.now();
  }, []);

  useEffect(() => {
    if (!signedIn || idleMs === undefined) {
      setWarning(undefined);
      return undefined;
    }
    // Signing in (or loading the page) was a request of the person.
    renewedAt.current = Math.max(Date.now(), sharedRenewal());
    shareRenewal(renewedAt.current);
    const seen = () => {
      interactedAt.current = Date.now();
    };
    for (const type of INTERACTIONS) window.addEventListener(type, seen, { capture: true, passive: true });
    const tick = window.setInterval(() => {
      renewedAt.current = Math.max(renewedAt.current, sharedRenewal());
      const step = idleStep(
        { interactedAt: interactedAt.current, renewedAt: renewedAt.current, now: Date.now() },
        { ...DEFAULT_IDLE_SETTINGS, idleMs },
      );
      if (step.kind === 'renew' || step.kind === 'ended') renewNow();
      else if (step.kind === 'warn')
        setWarning((current) => (current?.endsAt === step.endsAt ? current : { endsAt: step.endsAt }));
      else setWarning(undefined);
    }, TICK_MS);
    return () => {
      window.clearInterval(tick);
      for (const type of INTERACTIONS) window.removeEventListener(type, seen, { capture: true });
    };
  }, [signedIn, idleMs, renewNow]);

  const stay = useCallback(() => {
    interactedAt.current = Date.now();
    renewNow();
  }, [renewNow]);

  return useMemo(() => ({ ...(warning ? { warning } : {}), noteActivity, stay }), [warning, noteActivity, stay]);
}
