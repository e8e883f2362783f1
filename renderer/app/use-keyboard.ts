// Listens to the keyboard for the whole panel and runs the matching shortcut.
import { useEffect } from 'react';
import { globalShortcuts } from './global-shortcuts';
import { matchKey } from './shortcuts';
import { useShortcuts } from './shortcuts-store';

const sequenceTimeoutMs = 1500;

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  }
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/** Installs the keydown listener; shortcuts pause while typing in a field or inside a dialog. */
export function useKeyboard(): void {
  useEffect(() => {
    const global = globalShortcuts();
    let pending: readonly string[] = [];
    let pendingAt = 0;

    function onKeyDown(event: KeyboardEvent): void {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (typingInto(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      if (event.key === 'Shift') return;

      const now = event.timeStamp;
      if (now - pendingAt > sequenceTimeoutMs) pending = [];
      const { screenShortcuts } = useShortcuts.getState();
      const result = matchKey([...screenShortcuts, ...global], pending, event.key);
      pending = result.pending;
      pendingAt = now;
      if (result.matched || result.pending.length > 0) event.preventDefault();
      result.matched?.run();
    }

    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
    };
  }, []);
}
