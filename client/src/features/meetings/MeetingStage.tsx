import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingProvider } from '@arbeitsbereich/contract';
import { Busy } from '../../lib/ui/Busy';
import { MeetingFrame } from './MeetingFrame';

// livekit-client is a chunk of its own, fetched only when someone joins a meeting on LiveKit.
const LiveKitStage = lazy(() => import('./livekit/LiveKitStage'));

export interface StageTicket {
  provider: MeetingProvider;
  domain: string;
  roomName: string;
  jwt: string;
}

interface Props {
  ticket: StageTicket;
  displayName: string;
  /** The name cannot be changed in the meeting (a guest's, marked as such by the server). */
  readOnlyName?: boolean;
  title: string;
  onJoined: () => void;
  onLeft: () => void;
}

/** The running meeting: drawn by the workspace on LiveKit, or Jitsi's own frame. */
export function MeetingStage({ ticket, displayName, readOnlyName, title, onJoined, onLeft }: Props) {
  const { t } = useTranslation();
  if (ticket.provider === 'livekit') {
    return (
      <Suspense fallback={<Busy message={t('meetings.frame.loading')} />}>
        <LiveKitStage
          ticket={{ url: ticket.domain, jwt: ticket.jwt }}
          title={title}
          onJoined={onJoined}
          onLeft={onLeft}
        />
      </Suspense>
    );
  }
  return (
    <MeetingFrame
      ticket={ticket}
      displayName={displayName}
      readOnlyName={readOnlyName ?? false}
      title={title}
      onJoined={onJoined}
      onLeft={onLeft}
    />
  );
}
