import { useEffect, useState } from 'react';
import { RingShape } from './shapes';

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
            <RingShape />
          </svg>
          {message}
        </>
      )}
    </p>
  );
}
