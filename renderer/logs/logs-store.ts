// The Logs screen's state: one followed instance, its lines in a bounded buffer, pause and search.
import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import type { LogChunkEvent } from '../../shared/views';
import { toErrorInfo } from '../api/api-error';
import { api } from '../api/client';
import { LineBuffer } from '../lib/line-buffer';

export type FollowStatus = 'idle' | 'starting' | 'following' | 'ended' | 'error';

/** Lines kept for the view, and the longest line before it is cut. */
export const logLimits = { maxLines: 50_000, maxLineLength: 4_000 };
const redrawMs = 100;
const maxEarlyChunks = 2_000;

interface LogsState {
  instanceId: string | null;
  streamId: string | null;
  status: FollowStatus;
  error: ErrorInfo | null;
  paused: boolean;
  /** What the view shows. Mutated in place; `version` changes whenever it does. */
  lines: LineBuffer;
  /** What arrived while paused, shown on resume. */
  held: LineBuffer;
  version: number;
  search: string;
  follow: (instanceId: string) => Promise<void>;
  stop: () => Promise<void>;
  pause: () => void;
  resume: () => void;
  clear: () => void;
  receive: (chunk: LogChunkEvent) => void;
  setSearch: (search: string) => void;
}

/** The Logs screen: one followed stream at a time. */
export const useLogs = create<LogsState>()((set, get) => {
  let redrawTimer: ReturnType<typeof setTimeout> | null = null;
  // Chunks can arrive before followLogs answers with the stream id; they wait here until it does.
  let early: LogChunkEvent[] = [];
  // Each follow and stop takes a new number; an answer for an older number is unfollowed at once.
  let attempt = 0;

  function redrawSoon(): void {
    redrawTimer ??= setTimeout(() => {
      redrawTimer = null;
      set((state) => ({ version: state.version + 1 }));
    }, redrawMs);
  }

  function take(chunk: LogChunkEvent): void {
    const state = get();
    (state.paused ? state.held : state.lines).append(chunk.text);
    if (chunk.ended) set({ status: 'ended' });
    // While paused the lines stay put, but the count of held lines on the Resume button moves.
    redrawSoon();
  }

  return {
    instanceId: null,
    streamId: null,
    status: 'idle',
    error: null,
    paused: false,
    lines: new LineBuffer(logLimits),
    held: new LineBuffer(logLimits),
    version: 0,
    search: '',

    async follow(instanceId) {
      await get().stop();
      attempt += 1;
      const mine = attempt;
      get().lines.clear();
      get().held.clear();
      early = [];
      set((state) => ({
        instanceId,
        streamId: null,
        status: 'starting',
        error: null,
        paused: false,
        version: state.version + 1,
      }));
      try {
        const { streamId } = await api.call('instances.followLogs', { id: instanceId, tail: 1000 });
        if (mine !== attempt) {
          void api.call('instances.unfollowLogs', { streamId }).catch(() => undefined);
          return;
        }
        set({ streamId, status: 'following' });
        const waiting = early.filter((chunk) => chunk.streamId === streamId);
        early = [];
        for (const chunk of waiting) take(chunk);
      } catch (error) {
        if (mine === attempt) set({ status: 'error', error: toErrorInfo(error) });
      }
    },

    async stop() {
      attempt += 1;
      const { streamId, status } = get();
      set({ streamId: null, status: status === 'idle' ? 'idle' : 'ended' });
      if (streamId !== null && status === 'following') {
        await api.call('instances.unfollowLogs', { streamId }).catch(() => undefined);
      }
    },

    pause() {
      set({ paused: true });
    },

    resume() {
      const { lines, held } = get();
      lines.append(held.text());
      held.clear();
      set((state) => ({ paused: false, version: state.version + 1 }));
    },

    clear() {
      get().lines.clear();
      get().held.clear();
      set((state) => ({ version: state.version + 1 }));
    },

    receive(chunk) {
      const { streamId, status } = get();
      if (streamId === null) {
        if (status === 'starting' && early.length < maxEarlyChunks) early.push(chunk);
        return;
      }
      if (chunk.streamId === streamId) take(chunk);
    },

    setSearch(search) {
      set({ search });
    },
  };
});
