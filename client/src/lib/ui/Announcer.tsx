import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';

export type AnnouncementTone = 'ok' | 'problem';

interface Announcement {
  id: number;
  message: string;
  tone: AnnouncementTone;
}

type Announce = (message: string, tone?: AnnouncementTone) => void;

const AnnouncerContext = createContext<Announce | null>(null);
const VISIBLE_MS = 8000;

/**
 * Toasts: one polite live region, present from the start so screen readers hear every
 * message put into it. The message stays visible for a while; nothing moves or blinks.
 */
export function AnnouncerProvider({ children, closeLabel }: { children: ReactNode; closeLabel: string }) {
  const [current, setCurrent] = useState<Announcement | null>(null);
  const counter = useRef(0);

  const announce = useCallback<Announce>((message, tone = 'ok') => {
    counter.current += 1;
    setCurrent({ id: counter.current, message, tone });
  }, []);

  useEffect(() => {
    if (!current) return undefined;
    const timer = window.setTimeout(() => setCurrent(null), VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, [current]);

  const value = useMemo(() => announce, [announce]);
  return (
    <AnnouncerContext.Provider value={value}>
      {children}
      <div className="toast-region" aria-live="polite" aria-atomic="true" data-testid="toasts">
        {current && (
          <div key={current.id} className={`toast toast--${current.tone}`}>
            <span className="toast__message">{current.message}</span>
            <button type="button" className="toast__close" onClick={() => setCurrent(null)}>
              <span aria-hidden="true">×</span>
              <span className="visually-hidden">{closeLabel}</span>
            </button>
          </div>
        )}
      </div>
    </AnnouncerContext.Provider>
  );
}

/** Says something to everyone: visibly as a toast and to screen readers through the live region. */
export function useAnnounce(): Announce {
  const value = useContext(AnnouncerContext);
  if (!value) throw new Error('useAnnounce is used outside <AnnouncerProvider>.');
  return value;
}
