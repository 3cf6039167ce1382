import pino, { type Logger } from 'pino';

/** Structured JSON logs. Credentials are redacted wherever they could appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'workspace-backend' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.secret',
        '*.token',
        '*.accessToken',
        '*.refreshToken',
        '*.clientSecret',
      ],
      censor: '[redacted]',
    },
  });
}
