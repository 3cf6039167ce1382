import type { ClientEventHandlerMap, EmittedEvents, Listener, MatrixClient } from 'matrix-js-sdk';
import { ViewModel } from '../viewModel';

/** Where a view-model schedules its next look at the client; the returned function cancels it. */
export type Schedule = (run: () => void) => () => void;

/** Once per frame, however many events came. */
export const nextFrame: Schedule = (run) => {
  const frame = requestAnimationFrame(run);
  return () => cancelAnimationFrame(frame);
};

/**
 * A view-model of what the Matrix client holds: it listens to the client's events (until it is
 * disposed) and, when one concerns it, reads the client again at the next scheduled moment.
 */
export abstract class ClientViewModel<S> extends ViewModel<S> {
  private cancelPending: (() => void) | undefined;

  protected constructor(
    protected readonly client: MatrixClient,
    snapshot: S,
    private readonly schedule: Schedule,
  ) {
    super(snapshot);
    this.onDispose(() => this.cancelPending?.());
  }

  /** Reads the client and emits a new snapshot if what the view shows changed. */
  protected abstract refresh(): void;

  /** Listens to one of the client's events until disposal. */
  protected listen<E extends EmittedEvents>(
    event: E,
    listener: Listener<EmittedEvents, ClientEventHandlerMap, E>,
  ): void {
    this.client.on(event, listener);
    this.onDispose(() => void this.client.off(event, listener));
  }

  /** Listens to each of `events` with one listener until disposal; it takes the arguments they share. */
  protected listenToEach<E extends EmittedEvents>(
    events: readonly E[],
    listener: Listener<EmittedEvents, ClientEventHandlerMap, E>,
  ): void {
    for (const event of events) this.listen(event, listener);
  }

  /** Something this view-model shows may have changed: look again at the next scheduled moment. */
  protected changed(): void {
    if (this.cancelPending || this.isDisposed) return;
    this.cancelPending = this.schedule(() => {
      this.cancelPending = undefined;
      this.refresh();
    });
  }
}
