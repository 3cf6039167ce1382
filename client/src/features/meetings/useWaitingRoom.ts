import type { GuestWaiting } from '@arbeitsbereich/contract';
import { useEffect } from 'react';
import { isWaitingAnswer } from '../../lib/api/meetings';

/** The pause between a waiting guest's questions; the server holds each one until a moderator decides, or 20 s. */
const PAUSE_MS = 500;

/**
 * A guest in the meeting's waiting room (a link guest, or a guest of the room): asks the server
 * again and again, each question held open by the server, until a moderator lets them in
 * (`onEntry` with what the server gave) or turns them away (`onFailure`). Stops when `admissionId`
 * becomes undefined or the component goes.
 */
export function useWaitingRoom<T extends object>(
  admissionId: string | undefined,
  ask: (admissionId: string) => Promise<T | GuestWaiting>,
  onEntry: (entry: T) => void,
  onFailure: (caught: unknown) => void,
): void {
  useEffect(() => {
    if (admissionId === undefined) return undefined;
    let stopped = false;
    let timer: number | undefined;
    const again = () => {
      ask(admissionId).then(
        (answer) => {
          if (stopped) return;
          if (isWaitingAnswer(answer)) timer = window.setTimeout(again, PAUSE_MS);
          else onEntry(answer);
        },
        (caught: unknown) => {
          if (!stopped) onFailure(caught);
        },
      );
    };
    timer = window.setTimeout(again, PAUSE_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [admissionId, ask, onEntry, onFailure]);
}
