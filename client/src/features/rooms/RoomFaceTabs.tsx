import { type KeyboardEvent, type ReactNode, useCallback, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nextTabIndex, visibleFaces } from './faceLayout';

/** What a face may ask of the room page. */
export interface FaceStage {
  /**
   * The face is live (a running meeting): it stays in view, and another face (the chat)
   * is shown beside it, whichever tab is chosen.
   */
  setLive: (live: boolean) => void;
}

/** One face of a room (Chat, Besprechung, …), supplied by the app so features stay independent. */
export interface RoomFace {
  id: string;
  /** Translation key of the tab's name. */
  labelKey: string;
  /** The face's own address (the documents); choosing its tab goes there. */
  path?: string;
  render: (stage: FaceStage) => ReactNode;
}

/**
 * Live faces (the meeting) first, so they take the wide column and come first when read. The
 * live face keeps its place in the page; the others move after it.
 */
function panelOrder(faces: RoomFace[], live: ReadonlySet<string>): RoomFace[] {
  return [...faces.filter((face) => live.has(face.id)), ...faces.filter((face) => !live.has(face.id))];
}

/**
 * The room's faces as tabs (WAI-ARIA tabs: arrow keys, Home and End move between them).
 * A face stays mounted once opened, so a meeting goes on while the chat is chosen; a live
 * face is shown beside the chat.
 */
export function RoomFaceTabs({
  faces,
  requested,
  onChoose,
}: {
  faces: RoomFace[];
  /** The face the address names (a link to a document opens the documents face). */
  requested?: string | undefined;
  /** Told when a person chooses a tab, so the address can follow. */
  onChoose?: (face: RoomFace) => void;
}) {
  const { t } = useTranslation();
  const baseId = useId();
  const ids = faces.map((face) => face.id);
  const idsKey = ids.join('|');
  const first = requested !== undefined && ids.includes(requested) ? requested : (ids[0] ?? '');
  const [selected, setSelected] = useState(first);
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set([first]));
  const [live, setLiveIds] = useState<ReadonlySet<string>>(() => new Set());
  const tabs = useRef(new Map<string, HTMLButtonElement>());

  const stages = useMemo(() => {
    const map = new Map<string, FaceStage>();
    for (const id of idsKey.split('|')) {
      map.set(id, {
        setLive: (on) =>
          setLiveIds((previous) => {
            if (previous.has(id) === on) return previous;
            const next = new Set(previous);
            if (on) next.add(id);
            else next.delete(id);
            return next;
          }),
      });
    }
    return map;
  }, [idsKey]);

  const choose = useCallback((id: string) => {
    setSelected(id);
    setOpened((previous) => (previous.has(id) ? previous : new Set([...previous, id])));
  }, []);

  const [lastRequested, setLastRequested] = useState(requested);
  if (requested !== lastRequested) {
    setLastRequested(requested);
    if (requested !== undefined && ids.includes(requested) && requested !== selected) choose(requested);
  }

  const pick = (id: string) => {
    choose(id);
    const face = faces.find((candidate) => candidate.id === id);
    if (face) onChoose?.(face);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = ids.indexOf(selected);
    const next = nextTabIndex(event.key, current, ids.length);
    if (next === undefined) return;
    event.preventDefault();
    const id = ids[next];
    if (id === undefined) return;
    pick(id);
    tabs.current.get(id)?.focus();
  };

  const shown = visibleFaces(ids, selected, live);
  const split = shown.length > 1;
  const tabId = (id: string) => `${baseId}-tab-${id}`;
  const panelId = (id: string) => `${baseId}-panel-${id}`;

  return (
    <div className="room-faces">
      {faces.length > 1 && (
        <div role="tablist" aria-label={t('rooms.faces.label')} className="room-tabs" onKeyDown={onKeyDown}>
          {faces.map((face) => (
            <button
              key={face.id}
              ref={(element) => {
                if (element) tabs.current.set(face.id, element);
                else tabs.current.delete(face.id);
              }}
              type="button"
              role="tab"
              id={tabId(face.id)}
              aria-selected={face.id === selected}
              aria-controls={panelId(face.id)}
              tabIndex={face.id === selected ? 0 : -1}
              className="room-tab"
              onClick={() => pick(face.id)}
            >
              {t(face.labelKey)}
              {live.has(face.id) && <span className="room-tab__live">{t('rooms.faces.live')}</span>}
            </button>
          ))}
        </div>
      )}
      <div className={`room-faces__panels${split ? ' room-faces__panels--split' : ''}`}>
        {panelOrder(faces, live).map((face) => {
          const visible = shown.includes(face.id);
          if (!opened.has(face.id) && !visible) return null;
          const stage = stages.get(face.id);
          if (!stage) return null;
          return (
            <div
              key={face.id}
              role={faces.length > 1 ? 'tabpanel' : undefined}
              id={panelId(face.id)}
              aria-labelledby={faces.length > 1 ? tabId(face.id) : undefined}
              hidden={!visible}
              className={`room-faces__panel${live.has(face.id) ? ' room-faces__panel--live' : ''}`}
              data-face={face.id}
            >
              {face.render(stage)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
