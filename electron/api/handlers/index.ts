// The whole handler table, one group per screen.
import type { ApiHandlers } from '../create-api';
import { auditHandlers } from './audit';
import { authoringHandlers } from './authoring';
import { challengeHandlers } from './challenges';
import { hostHandlers } from './hosts';
import { imageHandlers } from './images';
import { instanceHandlers } from './instances';
import type { ApiServices } from './services';
import { settingsHandlers } from './settings';
import { teamHandlers } from './teams';

/** Every method of shared/api.ts, served from the given services. */
export function createHandlers(services: ApiServices): ApiHandlers {
  return {
    ...hostHandlers(services),
    ...imageHandlers(services),
    ...challengeHandlers(services),
    ...teamHandlers(services),
    ...instanceHandlers(services),
    ...auditHandlers(services),
    ...settingsHandlers(services),
    ...authoringHandlers(services),
  };
}
