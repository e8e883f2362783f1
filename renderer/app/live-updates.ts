// Wires the main side's events into the screens' stores, and refreshes them after a reconnect.
import { api } from '../api/client';
import type { ConnectionState } from '../api/connection';
import { useAudit } from '../audit/audit-store';
import { useChallenges } from '../challenges/challenges-store';
import { useHosts } from '../hosts/hosts-store';
import { useImages } from '../images/images-store';
import { useInstances } from '../instances/instances-store';
import { useLogs } from '../logs/logs-store';
import { useSettings } from '../settings/settings-store';
import { useTeams } from '../teams/teams-store';
import { create } from 'zustand';

interface ConnectionStore {
  state: ConnectionState;
}

/** The connection as the banner and the unauthorized screen see it. */
export const useConnection = create<ConnectionStore>()(() => ({ state: 'connecting' }));

/** Re-fetches everything a screen has shown, since events may have been missed while away. */
export function refreshLoaded(): void {
  if (useInstances.getState().instances.status !== 'idle') void useInstances.getState().refresh();
  if (useHosts.getState().hosts.status !== 'idle') void useHosts.getState().refresh();
  if (useChallenges.getState().challenges.status !== 'idle') {
    void useChallenges.getState().refresh();
  }
  if (useTeams.getState().teams.status !== 'idle') void useTeams.getState().refresh();
  if (useImages.getState().images.status !== 'idle') void useImages.getState().refresh();
  if (useAudit.getState().page.status !== 'idle') void useAudit.getState().refresh();
  if (useSettings.getState().settings.status !== 'idle') void useSettings.getState().refresh();
  const logs = useLogs.getState();
  if (logs.instanceId !== null && logs.status !== 'idle') void logs.follow(logs.instanceId);
}

/** Subscribes every store to its events; returns the function that unsubscribes them all. */
export function startLiveUpdates(): () => void {
  let wasDown = false;
  const stops = [
    api.on('instance.changed', (view) => {
      useInstances.getState().receive(view);
    }),
    api.on('host.status', (status) => {
      useHosts.getState().applyStatus(status);
    }),
    api.on('logs.chunk', (chunk) => {
      useLogs.getState().receive(chunk);
    }),
    api.on('audit.appended', (entry) => {
      useAudit.getState().receive(entry);
    }),
    api.on('launch.progress', (progress) => {
      useTeams.getState().applyProgress(progress);
    }),
    api.onConnection((state) => {
      useConnection.setState({ state });
      if (state === 'reconnecting') wasDown = true;
      if (state === 'connected' && wasDown) {
        wasDown = false;
        refreshLoaded();
      }
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
