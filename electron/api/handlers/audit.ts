// audit.*: the tamper-evident log, read, checked and exported.
import type { ApiHandlers } from '../create-api';
import type { ApiServices } from './services';

export function auditHandlers(
  services: ApiServices,
): Pick<ApiHandlers, 'audit.query' | 'audit.verify' | 'audit.export'> {
  const { audit } = services.store;
  return {
    'audit.query': (filter) => audit.query(filter),
    'audit.verify': () => audit.verify(),
    'audit.export': ({ format, filter }) => {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      return format === 'csv'
        ? { text: audit.exportCsv(filter), fileName: `berth-audit-${stamp}.csv` }
        : { text: audit.exportJson(filter), fileName: `berth-audit-${stamp}.json` };
    },
  };
}
