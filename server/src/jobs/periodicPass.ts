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
