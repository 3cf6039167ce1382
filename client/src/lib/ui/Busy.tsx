import { useEffect, useState } from 'react';

/** "No spinner without a message": the message appears after a short delay, with a calm ring. */
export function Busy({ message, delayMs = 300 }: { message: string; delayMs?: number }) {
  const [visible, setVisible] = useState(delayMs === 0);
  useEffect(() => {
    const timer = window.setTimeout(() => setVisible(true), delayMs);
    return () => window.clearTimeout(timer);
  }, [delayMs]);
  return (
    <p className="busy" role="status">
      {visible && (
        <>
          <svg className="busy__ring" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <circle cx="10" cy="10" r="7.5" fill="none" stroke="currentColor" strokeOpacity="0.25" strokeWidth="2.5" />
            <path
              d="M10 2.5a7.5 7.5 0 0 1 7.5 7.5"
              fill="none"
              stroke="currentColor"
              strokeWidth="2.5"
              strokeLinecap="round"
            />
          </svg>
          {message}
        </>
      )}
    </p>
  );
}
