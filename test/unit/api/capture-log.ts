// A real pino logger whose lines a test can read back.
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { pino } from 'pino';

export interface CapturedLog {
  log: Logger;
  /** The raw JSON lines written so far. */
  text(): string;
  /** The parsed lines written so far. */
  lines(): Record<string, unknown>[];
}

/** A debug-level logger writing into memory. */
export function captureLog(): CapturedLog {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const log = pino({ level: 'debug' }, sink);
  const text = () => chunks.join('');
  return {
    log,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
