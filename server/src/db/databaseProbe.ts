import type { HealthProbe, PartHealth } from '../domain/ports/health.js';
import { pingDatabase, type Db } from './database.js';

export class DatabaseProbe implements HealthProbe {
  readonly part = 'database';
  constructor(private readonly db: Db) {}

  async check(): Promise<PartHealth> {
    const started = performance.now();
    try {
      await pingDatabase(this.db);
      return { status: 'up', latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { status: 'down', latencyMs: Math.round(performance.now() - started), detail };
    }
  }
}
