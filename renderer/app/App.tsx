// The panel: sidebar, the open screen, notices, the shortcut help and the connection state.
import type { ReactElement } from 'react';
import { useEffect } from 'react';
import { AuditScreen } from '../audit/AuditScreen';
import { AuthoringScreen } from '../authoring/AuthoringScreen';
import { ChallengesScreen } from '../challenges/ChallengesScreen';
import { NoticeList } from '../components/NoticeList';
import { HostsScreen } from '../hosts/HostsScreen';
import { ImagesScreen } from '../images/ImagesScreen';
import { InstancesScreen } from '../instances/InstancesScreen';
import { LogsScreen } from '../logs/LogsScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { TeamsScreen } from '../teams/TeamsScreen';
import { ConnectionBanner } from './ConnectionBanner';
import { HelpOverlay } from './HelpOverlay';
import { startLiveUpdates, useConnection } from './live-updates';
import { useNavigation } from './navigation-store';
import { ScreenErrorBoundary } from './ScreenErrorBoundary';
import type { ScreenId } from './screens';
import { Sidebar } from './Sidebar';
import { startTicking } from './tick-store';
import { UnauthorizedScreen } from './UnauthorizedScreen';
import { useKeyboard } from './use-keyboard';

const screenViews: Record<ScreenId, () => ReactElement> = {
  instances: InstancesScreen,
  challenges: ChallengesScreen,
  teams: TeamsScreen,
  hosts: HostsScreen,
  images: ImagesScreen,
  logs: LogsScreen,
  audit: AuditScreen,
  settings: SettingsScreen,
  authoring: AuthoringScreen,
};

/** The whole panel; shows the sign-in notice instead once the server refuses the session. */
export function App(): ReactElement {
  const screen = useNavigation((state) => state.screen);
  const connection = useConnection((state) => state.state);

  useEffect(() => startLiveUpdates(), []);
  useEffect(() => startTicking(), []);
  useEffect(() => {
    const follow = (): void => {
      useNavigation.getState().syncFromHash(location.hash);
    };
    window.addEventListener('popstate', follow);
    window.addEventListener('hashchange', follow);
    return () => {
      window.removeEventListener('popstate', follow);
      window.removeEventListener('hashchange', follow);
    };
  }, []);
  useKeyboard();

  if (connection === 'unauthorized') return <UnauthorizedScreen />;

  const Screen = screenViews[screen];
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to the screen
      </a>
      <Sidebar />
      <main id="main" className="main" data-screen={screen}>
        <ConnectionBanner />
        <ScreenErrorBoundary resetKey={screen}>
          <Screen key={screen} />
        </ScreenErrorBoundary>
      </main>
      <NoticeList />
      <HelpOverlay />
    </div>
  );
}
