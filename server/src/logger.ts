import pino, { type DestinationStream, type Logger } from 'pino';
import { logSerializers, redactText, redactValues } from './logRedaction.js';

/**
 * Structured JSON logs. Nothing secret reaches them (ADR 0023): requests show a
 * redacted URL and allowed headers only, every string of a log line and of an
 * error is redacted as free text, and known credential fields are censored.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'workspace-backend' },
    serializers: logSerializers,
    formatters: {
      log: (object) => redactValues(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
    redact: {
      // Headers need no paths here: the serializers keep allowed headers only.
      paths: ['*.password', '*.secret', '*.token', '*.accessToken', '*.refreshToken', '*.clientSecret'],
      censor: '[redacted]',
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}

/**
 * A warning for a trouble that repeats (a server away): logged once, then at
 * most once per `everyMs` with how many times it happened since.
 */
export function throttledWarning(
  logger: Pick<Logger, 'warn'>,
  message: string,
  everyMs = 10_000,
  now: () => number = Date.now,
): (error: unknown) => void {
  let last = -Infinity;
  let since = 0;
  return (error) => {
    since++;
    if (now() - last < everyMs) return;
    logger.warn({ err: error, times: since }, message);
    last = now();
    since = 0;
  };
}
