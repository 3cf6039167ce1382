import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, isLanguage } from '../../lib/i18n/language';
import { Busy } from '../../lib/ui/Busy';
import { loadExternalApi, jitsiOrigin } from './jitsi/externalApi';

export interface FrameTicket {
  domain: string;
  roomName: string;
  jwt: string;
}

interface Props {
  ticket: FrameTicket;
  displayName: string;
  /** The name cannot be changed in the meeting (a guest's, marked as such by the server). */
  readOnlyName?: boolean;
  /** Names the embedded meeting for assistive technology. */
  title: string;
  onJoined: () => void;
  /** The person hung up inside the meeting, or the meeting closed itself. */
  onLeft: () => void;
}

type FrameState = 'loading' | 'ready' | 'failed';

/** The Jitsi meeting embedded through the deployment's IFrame API; disposed when it leaves the page. */
export function MeetingFrame({ ticket, displayName, readOnlyName = false, title, onJoined, onLeft }: Props) {
  const { t, i18n } = useTranslation();
  const parent = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<FrameState>('loading');
  const handlers = useRef({ onJoined, onLeft });
  handlers.current = { onJoined, onLeft };
  const lang = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
  const titleRef = useRef(title);
  titleRef.current = title;

  useEffect(() => {
    let disposed = false;
    let dispose: (() => void) | undefined;
    setState('loading');
    loadExternalApi(ticket.domain).then(
      (JitsiMeetExternalAPI) => {
        const parentNode = parent.current;
        if (disposed || !parentNode) return;
        const api = new JitsiMeetExternalAPI(jitsiOrigin(ticket.domain).host, {
          roomName: ticket.roomName,
          jwt: ticket.jwt,
          parentNode,
          lang,
          width: '100%',
          height: '100%',
          configOverwrite: { prejoinConfig: { enabled: true }, ...(readOnlyName ? { readOnlyName: true } : {}) },
          userInfo: { displayName },
        });
        // The frame gets a name, so a screen reader says what it is.
        const frame = parentNode.querySelector('iframe');
        if (frame && !frame.title) frame.title = titleRef.current;
        api.addListener('videoConferenceJoined', () => handlers.current.onJoined());
        api.addListener('videoConferenceLeft', () => handlers.current.onLeft());
        api.addListener('readyToClose', () => handlers.current.onLeft());
        dispose = () => api.dispose();
        setState('ready');
      },
      () => {
        if (!disposed) setState('failed');
      },
    );
    return () => {
      disposed = true;
      dispose?.();
    };
    // One frame per ticket; a new name or language applies on the next join.
  }, [ticket]);

  return (
    <div className="meeting-stage">
      {state === 'loading' && <Busy message={t('meetings.frame.loading')} />}
      {state === 'failed' && (
        <div className="alert alert--problem" role="alert">
          <p className="alert__title">{t('meetings.frame.failedTitle')}</p>
          <p>{t('meetings.frame.failed', { domain: jitsiOrigin(ticket.domain).host })}</p>
        </div>
      )}
      <div
        ref={parent}
        className="meeting-frame"
        data-testid="meeting-frame"
        hidden={state === 'failed'}
        role="region"
        aria-label={title}
      />
    </div>
  );
}
