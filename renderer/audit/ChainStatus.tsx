// Whether the audit log's hash chain holds.
import type { ReactElement } from 'react';
import { useAudit } from './audit-store';

/** The verification result in words, with a button to check again. */
export function ChainStatus(): ReactElement {
  const verification = useAudit((state) => state.verification);
  const verify = useAudit((state) => state.verify);
  const result = verification.data;

  let text: ReactElement;
  if (verification.status === 'loading' || verification.status === 'idle') {
    text = <span role="status">Checking the hash chain…</span>;
  } else if (verification.status === 'error' || !result) {
    text = (
      <span role="alert" className="bad-text">
        Could not check the chain: {verification.error?.message}
      </span>
    );
  } else if (result.ok) {
    text = (
      <span className="good-text" role="status">
        ✓ Chain intact: {result.checked.toLocaleString('en')} entries checked
      </span>
    );
  } else {
    text = (
      <span className="bad-text" role="alert">
        ✗ Chain broken at entry #{result.firstBroken?.id ?? '?'}: {result.firstBroken?.reason}
      </span>
    );
  }

  return (
    <div className="chain-status" data-testid="chain-status">
      {text}
      <button type="button" onClick={() => void verify()}>
        Verify again
      </button>
    </div>
  );
}
