// One structured logger for the main process; secrets are redacted by key wherever they appear.
import pino from 'pino';

const secretKeys = [
  'flag',
  'token',
  'key',
  'passphrase',
  'secret',
  'password',
  'privateKey',
  'cert',
  'ca',
];

export const logger = pino({
  level: process.env.BERTH_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  redact: {
    paths: [
      ...secretKeys,
      ...secretKeys.map((k) => `*.${k}`),
      ...secretKeys.map((k) => `*.*.${k}`),
    ],
    censor: '[redacted]',
  },
});

/** A child logger named for the component that logs. */
export function componentLogger(component: string): pino.Logger {
  return logger.child({ component });
}
