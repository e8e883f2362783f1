// A real terminal in a test-run: xterm.js over an exec session with a TTY, resized with its pane.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { ReactElement } from 'react';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { toErrorInfo } from '../api/api-error';

interface TerminalViewProps {
  runId: string;
  onClose: () => void;
}

/** Opens a shell in the test-run when shown and closes it when gone. */
export function TerminalView({ runId, onClose }: TerminalViewProps): ReactElement {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState('Opening a shell…');

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const terminal = new Terminal({ cursorBlink: true, fontSize: 13, convertEol: false });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(element);
    fit.fit();

    let sessionId: string | null = null;
    let closed = false;
    const stopOutput = api.on('terminal.output', (output) => {
      if (output.sessionId !== sessionId) return;
      if (output.data) terminal.write(output.data);
      if (output.ended) setState(`The shell ended (exit code ${output.exitCode ?? '?'})`);
    });
    const typing = terminal.onData((data) => {
      if (sessionId) void api.call('terminal.input', { sessionId, data }).catch(() => undefined);
    });
    const resizing = terminal.onResize(({ cols, rows }) => {
      if (sessionId)
        void api.call('terminal.resize', { sessionId, cols, rows }).catch(() => undefined);
    });
    const observer = new ResizeObserver(() => {
      fit.fit();
    });
    observer.observe(element);

    api
      .call('terminal.open', { runId, cols: terminal.cols, rows: terminal.rows })
      .then((opened) => {
        if (closed) {
          void api.call('terminal.close', { sessionId: opened.sessionId });
          return;
        }
        sessionId = opened.sessionId;
        setState('Connected');
        terminal.focus();
      })
      .catch((error: unknown) => {
        setState(toErrorInfo(error).message);
      });

    return () => {
      closed = true;
      observer.disconnect();
      typing.dispose();
      resizing.dispose();
      stopOutput();
      if (sessionId) void api.call('terminal.close', { sessionId }).catch(() => undefined);
      terminal.dispose();
    };
  }, [runId]);

  return (
    <section className="panel stack" aria-label="Terminal" data-testid="terminal">
      <div className="toolbar">
        <strong>Shell</strong>
        <span className="muted">{state}</span>
        <button type="button" onClick={onClose}>
          Close shell
        </button>
      </div>
      <div ref={host} className="terminal-pane" />
    </section>
  );
}
