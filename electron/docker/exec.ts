// Running a command inside a container: collected output, or an interactive terminal.
import type { Duplex } from 'node:stream';
import { pipeline } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EngineSession } from './engine-call';
import { callError, runCall } from './engine-call';
import { numberOf, recordOf, stringOf } from './engine-json';
import { engineRequest, openStream, openUpgraded } from './engine-request';
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
      const resize = (cols: number, rows: number): Promise<void> =>
        resizeExec(session, id, execId, cols, rows);
      await resize(options.cols, options.rows).catch(() => undefined);
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
  });
  return stringOf(recordOf(answer).Id);
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
      .then(() => execExitCode(session, execId, AbortSignal.timeout(session.deadlineMs)))
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
    const state = recordOf(
      await engineRequest(session.docker(), {
        path: `/exec/${execId}/json`,
        method: 'GET',
        signal,
      }),
    );
    if (state.Running !== true) return numberOf(state.ExitCode, -1);
    await sleep(exitPollMs, undefined, { signal });
  }
}
