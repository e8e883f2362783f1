// The Authoring screen: build, move and remove images, test-run them, and check an event is ready.
import type { ReactElement } from 'react';
import { useEffect } from 'react';
import { api } from '../api/client';
import { ScreenHeader } from '../components/ScreenHeader';
import './authoring.css';
import type { AuthoringTab } from './authoring-store';
import { useAuthoring } from './authoring-store';
import { BuildPanel } from './BuildPanel';
import { ImageMovesPanel } from './ImageMovesPanel';
import { ReadinessPanel } from './ReadinessPanel';
import { TestRunPanel } from './TestRunPanel';

const tabs: { id: AuthoringTab; title: string; view: () => ReactElement }[] = [
  { id: 'build', title: 'Build', view: BuildPanel },
  { id: 'images', title: 'Load, save, copy', view: ImageMovesPanel },
  { id: 'testrun', title: 'Test-run', view: TestRunPanel },
  { id: 'readiness', title: 'Readiness', view: ReadinessPanel },
];

/** Tabs for each authoring task; build and transfer events are followed while it is open. */
export function AuthoringScreen(): ReactElement {
  const tab = useAuthoring((state) => state.tab);
  const setTab = useAuthoring((state) => state.setTab);

  useEffect(() => {
    const { onBuildProgress, onTransferProgress, refreshJobs } = useAuthoring.getState();
    const stopBuilds = api.on('build.progress', onBuildProgress);
    const stopTransfers = api.on('transfer.progress', onTransferProgress);
    void refreshJobs();
    return () => {
      stopBuilds();
      stopTransfers();
    };
  }, []);

  const View = (tabs.find((entry) => entry.id === tab) ?? tabs[0])?.view ?? BuildPanel;
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader
        title="Authoring"
        subtitle="Build and try challenge images, move them without a registry, check the event"
      />
      <div className="tabs" role="tablist" aria-label="Authoring tasks">
        {tabs.map((entry) => (
          <button
            key={entry.id}
            type="button"
            role="tab"
            aria-selected={entry.id === tab}
            data-testid={`authoring-tab-${entry.id}`}
            onClick={() => {
              setTab(entry.id);
            }}
          >
            {entry.title}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        <View />
      </div>
    </section>
  );
}
