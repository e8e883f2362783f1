// The Challenges screen's state: the list, the form being edited, import and export.
import { create } from 'zustand';
import type { Challenge, ChallengeInput } from '../../shared/challenge';
import type { ChallengeImportResult } from '../../shared/views';
import { ApiError } from '../api/api-error';
import { api } from '../api/client';
import { notifyError, notifySuccess } from '../app/notices-store';
import { downloadText } from '../lib/download';
import type { Loadable } from '../lib/loadable';
import { failed, idle, loading, ready } from '../lib/loadable';
import { readTextFile } from '../lib/read-file';

export type Editing =
  { mode: 'create'; prefill: { image?: string } } | { mode: 'edit'; challenge: Challenge } | null;

/** challenge.yml files above this size are refused before reading; the API takes at most 1 MB. */
const maxImportBytes = 1_000_000;

interface ChallengesState {
  challenges: Loadable<Challenge[]>;
  search: string;
  editing: Editing;
  importing: boolean;
  refresh: () => Promise<void>;
  setSearch: (search: string) => void;
  startCreate: (prefill?: { image?: string }) => void;
  startEdit: (challenge: Challenge) => void;
  closeForm: () => void;
  save: (input: ChallengeInput) => Promise<Challenge>;
  remove: (challenge: Challenge) => Promise<void>;
  importFile: (file: File) => Promise<ChallengeImportResult | null>;
  exportOne: (challenge: Challenge) => Promise<void>;
}

function upsert(list: Challenge[] | null, challenge: Challenge): Challenge[] {
  const current = list ?? [];
  return current.some((c) => c.id === challenge.id)
    ? current.map((c) => (c.id === challenge.id ? challenge : c))
    : [...current, challenge];
}

/** The Challenges screen: list, search, form and import/export. */
export const useChallenges = create<ChallengesState>()((set, get) => ({
  challenges: idle(),
  search: '',
  editing: null,
  importing: false,

  async refresh() {
    set((state) => ({ challenges: loading(state.challenges) }));
    try {
      set({ challenges: ready(await api.call('challenges.list')) });
    } catch (error) {
      set((state) => ({ challenges: failed(state.challenges, error) }));
    }
  },

  setSearch(search) {
    set({ search });
  },

  startCreate(prefill = {}) {
    set({ editing: { mode: 'create', prefill } });
  },

  startEdit(challenge) {
    set({ editing: { mode: 'edit', challenge } });
  },

  closeForm() {
    set({ editing: null });
  },

  async save(input) {
    const editing = get().editing;
    const challenge =
      editing?.mode === 'edit'
        ? await api.call('challenges.update', { id: editing.challenge.id, challenge: input })
        : await api.call('challenges.create', input);
    set((state) => ({
      challenges: ready(upsert(state.challenges.data, challenge)),
      editing: null,
    }));
    notifySuccess(
      editing?.mode === 'edit' ? 'Challenge saved' : 'Challenge created',
      challenge.name,
    );
    return challenge;
  },

  async remove(challenge) {
    try {
      await api.call('challenges.remove', { id: challenge.id });
      set((state) => ({
        challenges: ready((state.challenges.data ?? []).filter((c) => c.id !== challenge.id)),
      }));
      notifySuccess('Challenge removed', challenge.name);
    } catch (error) {
      notifyError(`Could not remove ${challenge.name}`, error);
    }
  },

  async importFile(file) {
    set({ importing: true });
    try {
      const yaml = await readTextFile(file, maxImportBytes).catch(() => {
        throw new ApiError({
          kind: 'invalid-input',
          message: `${file.name} could not be read, or is larger than 1 MB.`,
        });
      });
      const result = await api.call('challenges.import', { yaml, fileName: file.name });
      set((state) => ({ challenges: ready(upsert(state.challenges.data, result.challenge)) }));
      notifySuccess(
        `Imported ${result.challenge.name}`,
        result.warnings.length > 0 ? result.warnings.join(' ') : file.name,
      );
      return result;
    } catch (error) {
      notifyError(`Could not import ${file.name}`, error);
      return null;
    } finally {
      set({ importing: false });
    }
  },

  async exportOne(challenge) {
    try {
      const { yaml, fileName } = await api.call('challenges.export', { id: challenge.id });
      downloadText(fileName, yaml, 'application/yaml');
    } catch (error) {
      notifyError(`Could not export ${challenge.name}`, error);
    }
  },
}));
