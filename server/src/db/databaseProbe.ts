import { pingProbe, type HealthProbe } from '../domain/ports/health.js';
import { pingDatabase, type Db } from './database.js';

/** The database for /readyz and the metrics: `select 1` answered. */
export const databaseProbe = (db: Db): HealthProbe => pingProbe('database', () => pingDatabase(db));
