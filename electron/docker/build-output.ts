// Reads the classic builder's JSON stream: output lines, the step it is on, the image it made, the error.
import type { BuildStep } from '../../shared/authoring';
import { recordOf, stringOf } from './engine-json';

/** What one message of the stream adds. */
export interface BuildMessage {
  lines: string[];
  step: BuildStep | null;
  imageId: string | null;
  error: string | null;
}

const stepPattern = /^Step (\d+)\/(\d+) : (.*)$/;

/** The step a line of output announces, or null. */
export function stepOf(line: string): BuildStep | null {
  const match = stepPattern.exec(line.trim());
  if (match?.[1] === undefined || match[2] === undefined || match[3] === undefined) return null;
  return { index: Number(match[1]), total: Number(match[2]), instruction: match[3].trim() };
}

/** One JSON line of the build stream in Berth's words; a line that is not JSON is output text. */
export function buildMessageOf(line: string): BuildMessage {
  const message: BuildMessage = { lines: [], step: null, imageId: null, error: null };
  if (line.trim() === '') return message;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    message.lines = [line];
    return message;
  }
  const entry = recordOf(parsed);
  const detail = recordOf(entry.errorDetail);
  const error = stringOf(detail.message, stringOf(entry.error));
  if (error !== '') {
    message.error = error.trim();
    message.lines = [message.error];
    return message;
  }
  const text = stringOf(entry.stream, stringOf(entry.status));
  message.lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((part, index, all) => part !== '' || index < all.length - 1);
  for (const part of message.lines) message.step = stepOf(part) ?? message.step;
  message.imageId = stringOf(recordOf(entry.aux).ID) || null;
  return message;
}

/** Follows a whole build: the last step announced is the one a failure is blamed on. */
export class BuildLog {
  step: BuildStep | null = null;
  imageId: string | null = null;
  error: string | null = null;

  /** Takes one line of the stream and returns the output lines it carried. */
  take(line: string): string[] {
    const message = buildMessageOf(line);
    if (message.step !== null) this.step = message.step;
    if (message.imageId !== null) this.imageId = message.imageId;
    if (message.error !== null) this.error = message.error;
    return message.lines;
  }
}
