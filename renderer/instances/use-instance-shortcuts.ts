// The Instances screen's keys: move the cursor, select, and act on the row under it.
import { useMemo } from 'react';
import type { InstanceView } from '../../shared/views';
import type { Shortcut } from '../app/shortcuts';
import { useScreenShortcuts } from '../app/use-screen-shortcuts';
import type { RowAction } from './InstanceRow';
import { useInstances } from './instances-store';
import { useInstancesView } from './instances-view-store';

interface InstanceShortcutHandlers {
  /** The rows as shown now; read when a key is pressed. */
  rows: () => readonly InstanceView[];
  onAction: (action: RowAction, id: string) => void;
  onLaunch: () => void;
}

/** Registers the screen's shortcuts; the handlers are read through functions so the list stays stable. */
export function useInstanceShortcuts(handlers: InstanceShortcutHandlers): void {
  const shortcuts = useMemo<Shortcut[]>(() => {
    const view = useInstancesView.getState;

    function move(step: number): void {
      const rows = handlers.rows();
      if (rows.length === 0) return;
      const at = rows.findIndex((row) => row.id === view().activeId);
      const next = at === -1 ? 0 : Math.min(rows.length - 1, Math.max(0, at + step));
      view().setActive(rows[next]?.id ?? null);
    }

    function onActive(action: RowAction): () => void {
      return () => {
        const id = view().activeId;
        if (id !== null && handlers.rows().some((row) => row.id === id)) {
          handlers.onAction(action, id);
        }
      };
    }

    return [
      {
        sequence: ['j'],
        description: 'Next instance',
        run: () => {
          move(1);
        },
      },
      {
        sequence: ['ArrowDown'],
        description: 'Next instance',
        run: () => {
          move(1);
        },
      },
      {
        sequence: ['k'],
        description: 'Previous instance',
        run: () => {
          move(-1);
        },
      },
      {
        sequence: ['ArrowUp'],
        description: 'Previous instance',
        run: () => {
          move(-1);
        },
      },
      {
        sequence: ['x'],
        description: 'Select or unselect the instance',
        run: () => {
          const id = view().activeId;
          if (id !== null) view().toggle(id);
        },
      },
      {
        sequence: ['a'],
        description: 'Select every shown instance',
        run: () => {
          view().selectOnly(handlers.rows().map((row) => row.id));
        },
      },
      {
        sequence: ['Escape'],
        description: 'Clear the selection',
        run: () => {
          view().clearSelection();
        },
      },
      { sequence: ['e'], description: 'Extend the instance', run: onActive('extend') },
      {
        sequence: ['r'],
        description: 'Restart the instance (asks first)',
        run: onActive('restart'),
      },
      { sequence: ['s'], description: 'Stop the instance (asks first)', run: onActive('stop') },
      {
        sequence: ['Delete'],
        description: 'Remove the instance (asks first)',
        run: onActive('remove'),
      },
      { sequence: ['l'], description: 'Open its logs', run: onActive('logs') },
      { sequence: ['p'], description: 'Probe its ports', run: onActive('probe') },
      {
        sequence: ['f'],
        description: 'Reveal its flag',
        run: () => {
          const id = view().activeId;
          if (id !== null) void useInstances.getState().revealFlag(id);
        },
      },
      { sequence: ['n'], description: 'Launch an instance', run: handlers.onLaunch },
    ];
    // The handlers read live state through functions; the list is built once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useScreenShortcuts('Instances', shortcuts);
}
