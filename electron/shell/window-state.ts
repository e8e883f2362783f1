// Remembers the window's size between runs in a small JSON file in the user data folder.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { componentLogger } from '../logger';

export const minWindowSize = { width: 960, height: 600 } as const;

const windowSizeSchema = z.object({
  width: z.number().int().min(minWindowSize.width).max(16_384),
  height: z.number().int().min(minWindowSize.height).max(16_384),
  maximized: z.boolean().default(false),
});
export type WindowSize = z.output<typeof windowSizeSchema>;

export const defaultWindowSize: WindowSize = { width: 1280, height: 820, maximized: false };

const log = componentLogger('shell');

/** The size saved by the last run, or the default when there is none or it cannot be read. */
export function readWindowSize(file: string): WindowSize {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return defaultWindowSize;
  }

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return defaultWindowSize;
  }
  const parsed = windowSizeSchema.safeParse(data);
  return parsed.success ? parsed.data : defaultWindowSize;
}

/** Saves the size for the next run; a failure is logged, never thrown, as it must not block quitting. */
export function writeWindowSize(file: string, size: WindowSize): void {
  const checked = windowSizeSchema.safeParse(size);
  if (!checked.success) return;

  try {
    mkdirSync(path.dirname(file), { recursive: true });
    // Written beside and renamed, so a crash mid-write never leaves half a file.
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, JSON.stringify(checked.data), 'utf8');
    renameSync(temporary, file);
  } catch (error) {
    log.warn({ err: error }, 'Could not save the window size');
  }
}
