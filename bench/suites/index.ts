// The suites in the order they run: the absolute figures first, before the bursts' hundreds of
// containers load the machine; the engine suites measure ratios, which that load touches less.
import type { BenchContext } from '../context';
import { auditSuite } from './audit';
import { burstSuite } from './burst';
import { launchSuite } from './launch';
import { memorySuite } from './memory';
import { uiSuite } from './ui';

export interface Suite {
  name: string;
  title: string;
  run(context: BenchContext): Promise<void> | void;
}

export const suites: Suite[] = [
  { name: 'audit', title: 'hash-chained appends and pages of a million rows', run: auditSuite },
  { name: 'ui', title: 'the Instances screen with 5,000 instances in Chromium', run: uiSuite },
  { name: 'memory', title: 'resident memory with 1,000 instances tracked', run: memorySuite },
  { name: 'launch', title: 'one launch against bare dockerode', run: launchSuite },
  { name: 'burst', title: 'bursts of 100 launches and their teardown', run: burstSuite },
];
