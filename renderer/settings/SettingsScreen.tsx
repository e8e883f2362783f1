// The Settings screen: runtime settings, public addresses per host, and this installation.
import type { ReactElement } from 'react';
import { useEffect } from 'react';
import { ErrorState } from '../components/ErrorState';
import { LoadView } from '../components/LoadView';
import { ScreenHeader } from '../components/ScreenHeader';
import { AboutPanel } from './AboutPanel';
import { PublicAddresses } from './PublicAddresses';
import { SettingsForm } from './SettingsForm';
import { useSettings } from './settings-store';

/** Three panels; each shows its own loading and error state. */
export function SettingsScreen(): ReactElement {
  const settings = useSettings((state) => state.settings);
  const info = useSettings((state) => state.info);
  const refresh = useSettings((state) => state.refresh);

  useEffect(() => {
    void useSettings.getState().refresh();
  }, []);

  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader title="Settings" subtitle="How Berth runs instances" />
      <div className="settings-columns">
        <div>
          <LoadView
            state={settings}
            what="settings"
            isEmpty={() => false}
            empty={null}
            onRetry={() => void refresh()}
          >
            {(data) => <SettingsForm key={JSON.stringify(data)} settings={data} />}
          </LoadView>
        </div>
        <div className="stack">
          <PublicAddresses />
          {info.data ? (
            <AboutPanel info={info.data} />
          ) : info.error ? (
            <ErrorState
              title="Could not load how this installation runs"
              error={info.error}
              onRetry={() => void refresh()}
            />
          ) : null}
        </div>
      </div>
    </section>
  );
}
