// The panel's screens, in sidebar order, with their shortcut keys.

export const screenIds = [
  'instances',
  'challenges',
  'teams',
  'hosts',
  'images',
  'logs',
  'audit',
  'settings',
  'authoring',
] as const;
export type ScreenId = (typeof screenIds)[number];

export interface ScreenEntry {
  id: ScreenId;
  title: string;
  /** The key after "g" that opens the screen. */
  goKey: string;
  /** The number key that opens the screen. */
  numberKey: string;
}

const titles: Record<ScreenId, string> = {
  instances: 'Instances',
  challenges: 'Challenges',
  teams: 'Teams',
  hosts: 'Hosts',
  images: 'Images',
  logs: 'Logs',
  audit: 'Audit',
  settings: 'Settings',
  authoring: 'Authoring',
};

const goKeys: Record<ScreenId, string> = {
  instances: 'i',
  challenges: 'c',
  teams: 't',
  hosts: 'h',
  images: 'm',
  logs: 'l',
  audit: 'a',
  settings: 's',
  authoring: 'b',
};

/** Every screen in sidebar order; number keys follow this order. */
export const screens: readonly ScreenEntry[] = screenIds.map((id, index) => ({
  id,
  title: titles[id],
  goKey: goKeys[id],
  numberKey: String(index + 1),
}));

/** True for a known screen id. */
export function isScreenId(value: string): value is ScreenId {
  return (screenIds as readonly string[]).includes(value);
}
