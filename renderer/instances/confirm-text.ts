// The words of the confirmation before a destructive action on instances.
import type { InstanceView } from '../../shared/views';
import { plural } from '../lib/format';
import type { InstanceAction } from './instances-store';

export type ConfirmedAction = Extract<InstanceAction, 'stop' | 'remove' | 'restart'>;

/** True for actions that lose a team's running state and so ask first. */
export function needsConfirmation(action: InstanceAction): action is ConfirmedAction {
  return action === 'stop' || action === 'remove' || action === 'restart';
}

const consequences: Record<ConfirmedAction, string> = {
  stop: 'These containers stop. Their ports stay reserved until the lifetime ends, and they can be started again.',
  remove:
    'These containers are deleted and their ports released. Teams lose whatever they changed inside.',
  restart: 'These containers restart. Teams lose connections and anything kept in memory.',
};

const verbs: Record<ConfirmedAction, string> = {
  stop: 'Stop',
  remove: 'Remove',
  restart: 'Restart',
};

/** Title, message, button and one line per instance for the confirmation dialog. */
export function confirmationText(
  action: ConfirmedAction,
  views: readonly InstanceView[],
): { title: string; message: string; confirmLabel: string; items: string[] } {
  const what = plural(views.length, 'instance');
  return {
    title: `${verbs[action]} ${what}?`,
    message: consequences[action],
    confirmLabel: `${verbs[action]} ${what}`,
    items: views.map((v) => `${v.teamName} / ${v.challengeName} on ${v.hostName}`),
  };
}
