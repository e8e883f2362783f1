// Notices: errors with their safe message, and short confirmations of what happened.
import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import { toErrorInfo } from '../api/api-error';

export interface Notice {
  id: number;
  tone: 'error' | 'success' | 'info';
  title: string;
  message: string;
}

interface NoticesState {
  notices: Notice[];
  push: (notice: Omit<Notice, 'id'>) => number;
  dismiss: (id: number) => void;
}

let lastId = 0;
const kept = 6;
const successLingerMs = 6000;

/** The notices on screen, at most six, newest last. */
export const useNotices = create<NoticesState>()((set) => ({
  notices: [],

  push(notice) {
    lastId += 1;
    const id = lastId;
    set((state) => ({ notices: [...state.notices, { ...notice, id }].slice(-kept) }));
    // Errors wait to be read and dismissed; confirmations leave by themselves.
    if (notice.tone !== 'error') {
      setTimeout(() => {
        useNotices.getState().dismiss(id);
      }, successLingerMs);
    }
    return id;
  },

  dismiss(id) {
    set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }));
  },
}));

/** Shows what went wrong with the safe message only; never a stack. */
export function notifyError(title: string, error: unknown): ErrorInfo {
  const info = toErrorInfo(error);
  useNotices.getState().push({ tone: 'error', title, message: info.message });
  return info;
}

/** Confirms an action that worked. */
export function notifySuccess(title: string, message = ''): void {
  useNotices.getState().push({ tone: 'success', title, message });
}
