import type { Logger } from 'pino';

/**
 * Runs `pass` every `intervalMs`, never two at once: a pass still running when
 * the next is due is not doubled. A failed pass is reported and the next one
 * simply tries again. The timer does not keep the process alive.
 */
export function startPeriodicPass(
  intervalMs: number,
  pass: () => Promise<void>,
  onError: (error: unknown) => void,
): { stop: () => void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    pass()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * A periodic pass that returns how many things it changed: a count above zero is logged under
 * `field` with `changed`, a failure as a warning `failed` (the next pass tries again).
 */
export function startCountingPass(options: {
  intervalMs: number;
  logger: Pick<Logger, 'info' | 'warn'>;
  pass: () => Promise<number>;
  field: string;
  changed: string;
  failed: string;
}): { stop: () => void } {
  const { logger } = options;
  return startPeriodicPass(
    options.intervalMs,
    async () => {
      const count = await options.pass();
      if (count > 0) logger.info({ [options.field]: count }, options.changed);
    },
    (error) => logger.warn({ err: error }, options.failed),
  );
}
