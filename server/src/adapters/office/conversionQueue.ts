import { ConversionBusyError } from '../../domain/ports/conversion.js';

/**
 * A few numbered slots and a bounded line of waiters. Each conversion holds a
 * slot while LibreOffice runs; the slot's number picks its own LibreOffice
 * profile, so two conversions never share one.
 */
export class ConversionQueue {
  private readonly free: number[];
  private readonly waiting: ((slot: number) => void)[] = [];

  constructor(
    readonly slots: number,
    private readonly maxWaiting: number,
  ) {
    this.free = Array.from({ length: slots }, (_, i) => i);
  }

  /** Runs `work` once a slot is free; refuses at once when the line is full. */
  async run<T>(work: (slot: number) => Promise<T>): Promise<T> {
    const slot = await this.acquire();
    try {
      return await work(slot);
    } finally {
      this.release(slot);
    }
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  private acquire(): Promise<number> {
    const slot = this.free.pop();
    if (slot !== undefined) return Promise.resolve(slot);
    if (this.waiting.length >= this.maxWaiting) return Promise.reject(new ConversionBusyError(this.waiting.length));
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: number): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.free.push(slot);
  }
}
