import { checkedHandlers, jobKinds, type JobHandlers } from '../../domain/jobs/catalog.js';
import { runErasure, type ErasureDeps } from './erasureJob.js';
import { makeExport, type ExportDeps } from './exportArchive.js';

/** The outbox jobs of exports and erasures (ADR 0053). */
export function privacyHandlers(deps: ExportDeps & ErasureDeps) {
  const handlers: JobHandlers<typeof jobKinds.personExport | typeof jobKinds.personErase> = {
    [jobKinds.personExport]: ({ exportId }) => makeExport(deps, exportId),
    [jobKinds.personErase]: ({ erasureId }) => runErasure(deps, erasureId),
  };
  return { handlers: checkedHandlers(handlers) };
}
