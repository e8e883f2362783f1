// Running a command inside a container: collected output, or an interactive terminal.
import type { Duplex } from 'node:stream';
import { pipeline } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EngineSession } from './engine-call';
import { callError, runCall, untilAborted } from './engine-call';
import { numberOf, recordOf } from './engine-json';
import {
  engineRequest,
  idOf,
  openStream,
  openUpgraded,
  UnreadableAnswerError,
} from './engine-request';
import type { ExecResult, InteractiveExec } from './engine-types';
import { collectLogText, demuxDockerStream } from './log-demux';

export const defaultExecMaxBytes = 1024 * 1024;

const exitPollMs = 50;

/** Runs a command without a TTY and returns its exit code and output (each capped at maxBytes in all). */
export function execCommand(
  session: EngineSession,
  id: string,
  cmd: string[],
  options: { signal?: AbortSignal; maxBytes?: number; timeoutMs?: number } = {},
): Promise<ExecResult> {
  const maxBytes = options.maxBytes ?? defaultExecMaxBytes;
  return runCall(
    session,
    {
      action: 'container.exec',
      target: id,
      signal: options.signal,
      details: { command: cmd },
      ...(options.timeoutMs === undefined ? {} : { deadlineMs: options.timeoutMs }),
      done: (result) =>
        `Ran ${cmd[0] ?? 'a command'} in container ${id}; it exited ${result.exitCode}`,
      resultDetails: (result) => ({ exitCode: result.exitCode, truncated: result.truncated }),
    },
    async (signal) => {
      const execId = await createExec(session, id, cmd, false, signal);
      const response = await openStream(session.docker(), {
        path: `/exec/${execId}/start`,
        method: 'POST',
        body: { Detach: false, Tty: false },
        signal,
      });
      const decoder = demuxDockerStream({ maxBytes });
      pipeline(response, decoder, () => undefined);
      try {
        const output = await collectLogText(decoder, { maxBytes, signal });
        // Closing the stream early lets a command still writing end on a broken pipe.
        decoder.destroy();
        response.destroy();
        const exitCode = await execExitCode(session, execId, signal);
        return {
          exitCode,
          stdout: output.stdout,
          stderr: output.stderr,
          truncated: output.truncated,
        };
      } finally {
        decoder.destroy();
        response.destroy();
      }
    },
  );
}

/** Starts a command with a TTY and hands back the raw terminal stream, a resize, and its exit code. */
export function execInteractive(
  session: EngineSession,
  id: string,
  cmd: string[],
  options: { cols: number; rows: number; signal?: AbortSignal },
): Promise<InteractiveExec> {
  return runCall(
    session,
    {
      action: 'container.exec',
      target: id,
      signal: options.signal,
      deadlineCovers: 'start',
      details: { command: cmd, interactive: true },
      done: () => `Opened a terminal running ${cmd[0] ?? 'a command'} in container ${id}`,
    },
    async (signal) => {
      const execId = await createExec(session, id, cmd, true, signal);
      const stream = await openUpgraded(session.docker(), {
        path: `/exec/${execId}/start`,
        method: 'POST',
        body: { Detach: false, Tty: true },
        signal,
        ok: [101, 200],
      });
      // A start that times out or is cancelled from here on must not leave the terminal open.
      const abandon = (): void => {
        stream.destroy();
      };
      signal.addEventListener('abort', abandon, { once: true });
      const resize = (cols: number, rows: number): Promise<void> =>
        resizeExec(session, id, execId, cols, rows);
      await resize(options.cols, options.rows).catch(() => undefined);
      signal.removeEventListener('abort', abandon);
      return { stream, resize, exitCode: exitCodeAfterClose(session, id, execId, stream) };
    },
  );
}

async function createExec(
  session: EngineSession,
  id: string,
  cmd: string[],
  tty: boolean,
  signal: AbortSignal,
): Promise<string> {
  const answer = await engineRequest(session.docker(), {
    path: `/containers/${encodeURIComponent(id)}/exec`,
    method: 'POST',
    body: {
      AttachStdin: tty,
      AttachStdout: true,
      AttachStderr: true,
      Tty: tty,
      Cmd: cmd,
    },
    signal,
    ok: [201],
    expect: 'object',
  });
  return idOf(answer, `/containers/${id}/exec`);
}

// Resizing follows the operator's window many times a second: recorded only on failure.
function resizeExec(
  session: EngineSession,
  id: string,
  execId: string,
  cols: number,
  rows: number,
): Promise<void> {
  return runCall(
    session,
    {
      action: 'container.exec-resize',
      target: id,
      read: true,
      details: { cols, rows },
      done: () => `Resized the terminal in container ${id}`,
    },
    async (signal) => {
      await engineRequest(session.docker(), {
        path: `/exec/${execId}/resize`,
        method: 'POST',
        query: { h: rows, w: cols },
        signal,
        ok: [200, 201],
      });
    },
  );
}

function exitCodeAfterClose(
  session: EngineSession,
  id: string,
  execId: string,
  stream: Duplex,
): () => Promise<number> {
  const closed = new Promise<void>((resolve) => {
    if (stream.destroyed) resolve();
    stream.once('close', () => {
      resolve();
    });
  });
  let exit: Promise<number> | null = null;
  return () => {
    exit ??= closed
      .then(() => {
        // The deadline must also end an answer that starts and never finishes.
        const deadline = AbortSignal.timeout(session.deadlineMs);
        return untilAborted(execExitCode(session, execId, deadline), deadline);
      })
      .catch((error: unknown) => {
        throw callError(error, { action: 'container.exec', target: id }, session);
      });
    return exit;
  };
}

// The exec's state can lag its output stream by a moment.
async function execExitCode(
  session: EngineSession,
  execId: string,
  signal: AbortSignal,
): Promise<number> {
  for (;;) {
    const path = `/exec/${execId}/json`;
    const answer = await engineRequest(session.docker(), {
      path,
      method: 'GET',
      signal,
      expect: 'object',
    });
    const state = recordOf(answer);
    if (typeof state.Running !== 'boolean') throw new UnreadableAnswerError(path, answer);
    if (!state.Running) return numberOf(state.ExitCode, -1);
    await sleep(exitPollMs, undefined, { signal });
  }
}
