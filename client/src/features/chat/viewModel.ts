type Listener = () => void;

/**
 * A view-model: it owns its subscriptions to the chat's live objects, exposes an immutable
 * snapshot and `subscribe` (the shape React's `useSyncExternalStore` reads), and ends with
 * `dispose`, after which it neither listens nor notifies. A new snapshot object means a change;
 * the same object means none, so views re-render only for their own changes.
 */
export abstract class ViewModel<S> {
  private readonly listeners = new Set<Listener>();
  private readonly cleanups: (() => void)[] = [];
  private disposed = false;

  protected constructor(private snapshot: S) {}

  getSnapshot = (): S => this.snapshot;

  subscribe = (listener: Listener): (() => void) => {
    if (this.disposed) return () => undefined;
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Replaces the snapshot and tells the subscribers; a disposed view-model stays as it was. */
  protected setSnapshot(next: S): void {
    if (this.disposed || next === this.snapshot) return;
    this.snapshot = next;
    for (const listener of [...this.listeners]) listener();
  }

  /** A snapshot that differs from the current one in `change` (for snapshots that are plain objects). */
  protected patch(change: Partial<S>): void {
    this.setSnapshot({ ...this.snapshot, ...change });
  }

  /** Work to undo on `dispose` (a listener to remove, a timer to clear), undone last first. */
  protected onDispose(cleanup: () => void): void {
    if (this.disposed) cleanup();
    else this.cleanups.push(cleanup);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.listeners.clear();
    for (const cleanup of this.cleanups.splice(0).reverse()) cleanup();
  }
}
