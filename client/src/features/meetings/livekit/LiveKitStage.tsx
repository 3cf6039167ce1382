import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Participant,
  Room,
  RoomEvent,
  Track,
  type AudioTrack,
  type RemoteParticipant,
  type VideoTrack,
} from 'livekit-client';
import { useAnnounce } from '../../../lib/ui/Announcer';
import { Busy } from '../../../lib/ui/Busy';

/*
 * The room's meeting on a LiveKit server, drawn by the workspace itself: the own camera, one tile
 * per other participant, microphone and camera switches. This module (and livekit-client with it)
 * is loaded only when someone joins a meeting on LiveKit.
 */

export interface LiveKitTicket {
  /** The LiveKit server's ws(s):// URL. */
  url: string;
  jwt: string;
}

interface Props {
  ticket: LiveKitTicket;
  /** Names the meeting's region for assistive technology. */
  title: string;
  onJoined: () => void;
  /** The connection ended without the person leaving (removed, server gone). */
  onLeft: () => void;
}

interface TileView {
  id: string;
  name: string;
  local: boolean;
  video: VideoTrack | undefined;
  audio: AudioTrack | undefined;
  cameraOn: boolean;
  microphoneOn: boolean;
}

function tileOf(participant: Participant, local: boolean): TileView {
  const camera = participant.getTrackPublication(Track.Source.Camera);
  const microphone = participant.getTrackPublication(Track.Source.Microphone);
  return {
    id: participant.identity,
    name: participant.name || participant.identity,
    local,
    video: camera?.track && !camera.isMuted ? (camera.track as VideoTrack) : undefined,
    audio: !local && microphone?.track ? (microphone.track as AudioTrack) : undefined,
    cameraOn: camera !== undefined && !camera.isMuted,
    microphoneOn: microphone !== undefined && !microphone.isMuted,
  };
}

function tilesOf(room: Room): TileView[] {
  return [
    tileOf(room.localParticipant, true),
    ...[...room.remoteParticipants.values()].map((participant) => tileOf(participant, false)),
  ];
}

/** One person: their camera (or their initials' place), their name, whether their microphone is off. */
function Tile({ tile }: { tile: TileView }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const element = video.current;
    if (!tile.video || !element) return undefined;
    tile.video.attach(element);
    return () => {
      tile.video?.detach(element);
    };
  }, [tile.video]);
  useEffect(() => {
    const element = audio.current;
    if (!tile.audio || !element) return undefined;
    tile.audio.attach(element);
    return () => {
      tile.audio?.detach(element);
    };
  }, [tile.audio]);
  const name = tile.local ? t('meetings.livekit.you', { name: tile.name }) : tile.name;
  return (
    <li className={`meeting-tile${tile.local ? ' meeting-tile--local' : ''}`} data-testid="meeting-tile">
      <figure className="meeting-tile__figure">
        {tile.video ? (
          <video
            ref={video}
            className="meeting-tile__video"
            autoPlay
            playsInline
            muted
            aria-label={t('meetings.livekit.videoOf', { name })}
          />
        ) : (
          <div className="meeting-tile__placeholder" aria-hidden="true">
            {tile.name.slice(0, 1).toUpperCase()}
          </div>
        )}
        {tile.audio && <audio ref={audio} autoPlay />}
        <figcaption className="meeting-tile__name">
          {name}
          {!tile.microphoneOn && <span className="meeting-tile__muted"> · {t('meetings.livekit.micOffShort')}</span>}
        </figcaption>
      </figure>
    </li>
  );
}

type StageState = 'connecting' | 'connected' | 'failed';

export default function LiveKitStage({ ticket, title, onJoined, onLeft }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [room] = useState(() => new Room({ adaptiveStream: true, dynacast: true }));
  const [state, setState] = useState<StageState>('connecting');
  const [tiles, setTiles] = useState<TileView[]>([]);
  const [mayPublish, setMayPublish] = useState(false);
  const { url, jwt } = ticket;
  const handlers = useRef({ onJoined, onLeft, announce, t });
  handlers.current = { onJoined, onLeft, announce, t };

  useEffect(() => {
    let closed = false;
    const refresh = () => {
      if (!closed) setTiles(tilesOf(room));
    };
    const joined = (participant: RemoteParticipant) => {
      refresh();
      const { announce: say, t: tr } = handlers.current;
      say(tr('meetings.livekit.participantJoined', { name: participant.name || participant.identity }));
    };
    const left = (participant: RemoteParticipant) => {
      refresh();
      const { announce: say, t: tr } = handlers.current;
      say(tr('meetings.livekit.participantLeft', { name: participant.name || participant.identity }));
    };
    const disconnected = () => {
      if (!closed) handlers.current.onLeft();
    };
    room
      .on(RoomEvent.ParticipantConnected, joined)
      .on(RoomEvent.ParticipantDisconnected, left)
      .on(RoomEvent.TrackSubscribed, refresh)
      .on(RoomEvent.TrackUnsubscribed, refresh)
      .on(RoomEvent.TrackMuted, refresh)
      .on(RoomEvent.TrackUnmuted, refresh)
      .on(RoomEvent.LocalTrackPublished, refresh)
      .on(RoomEvent.LocalTrackUnpublished, refresh)
      .on(RoomEvent.ParticipantPermissionsChanged, () => {
        setMayPublish(room.localParticipant.permissions?.canPublish ?? false);
        refresh();
      })
      .on(RoomEvent.Disconnected, disconnected);
    room.connect(url, jwt).then(
      async () => {
        if (closed) return;
        const publish = room.localParticipant.permissions?.canPublish ?? false;
        setMayPublish(publish);
        setState('connected');
        refresh();
        handlers.current.onJoined();
        if (publish) {
          // Without a camera or a microphone (or the browser's permission) the person still takes part.
          await room.localParticipant.enableCameraAndMicrophone().catch(() => undefined);
          refresh();
        }
      },
      () => {
        if (!closed) setState('failed');
      },
    );
    return () => {
      closed = true;
      room.removeAllListeners();
      void room.disconnect();
    };
    // One connection per address and token, however often the page draws the stage.
  }, [room, url, jwt]);

  const local = tiles.find((tile) => tile.local);
  const toggleMicrophone = () => {
    void room.localParticipant.setMicrophoneEnabled(!local?.microphoneOn).then(() => setTiles(tilesOf(room)));
  };
  const toggleCamera = () => {
    void room.localParticipant.setCameraEnabled(!local?.cameraOn).then(() => setTiles(tilesOf(room)));
  };

  return (
    <div className="meeting-stage meeting-stage--livekit" role="region" aria-label={title}>
      {state === 'connecting' && <Busy message={t('meetings.livekit.connecting')} />}
      {state === 'failed' && (
        <div className="alert alert--problem" role="alert">
          <p className="alert__title">{t('meetings.frame.failedTitle')}</p>
          <p>{t('meetings.livekit.failed')}</p>
        </div>
      )}
      {state === 'connected' && (
        <>
          <ul className="meeting-tiles" aria-label={t('meetings.livekit.participants', { count: tiles.length })}>
            {tiles.map((tile) => (
              <Tile key={tile.id} tile={tile} />
            ))}
          </ul>
          <div className="meeting-controls" role="group" aria-label={t('meetings.livekit.controls')}>
            {mayPublish ? (
              <>
                <button type="button" className="button" aria-pressed={!local?.microphoneOn} onClick={toggleMicrophone}>
                  {t('meetings.livekit.muteMicrophone')}
                </button>
                <button type="button" className="button" aria-pressed={!local?.cameraOn} onClick={toggleCamera}>
                  {t('meetings.livekit.stopCamera')}
                </button>
              </>
            ) : (
              <p className="muted">{t('meetings.livekit.listenOnly')}</p>
            )}
          </div>
        </>
      )}
    </div>
  );
}
