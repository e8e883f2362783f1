// Images without a registry: load a `docker save` file, save images to one, copy between hosts,
// and remove or prune images after a confirmation that lists what goes.
import type { ReactElement } from 'react';
import { useState } from 'react';
import type { ImageRemovalPlan, TransferView } from '../../shared/authoring';
import { api } from '../api/client';
import { notifyError, notifySuccess } from '../app/notices-store';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { TextField } from '../components/TextField';
import { HostPicker } from '../hosts/HostPicker';
import { formatBytes, plural, shortId } from '../lib/format';
import { useAuthoring } from './authoring-store';
import { JobBadge } from './BuildPanel';

/** Image names typed with spaces, commas or new lines between them. */
export function imageList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

function host(hostId: string): { hostId?: string } {
  return hostId ? { hostId } : {};
}

/** The load, save, copy, remove and prune forms, and the transfers under way. */
export function ImageMovesPanel(): ReactElement {
  const transfers = Object.values(useAuthoring((state) => state.transfers)).sort(
    (a, b) => b.startedAt - a.startedAt,
  );
  return (
    <div className="stack">
      <div className="authoring-grid">
        <LoadForm />
        <SaveForm />
        <CopyForm />
        <RemoveForm />
      </div>
      {transfers.length > 0 ? (
        <section className="panel" aria-label="Transfers">
          <h2>Transfers</h2>
          <ul className="job-list">
            {transfers.map((transfer) => (
              <TransferLine key={transfer.transferId} transfer={transfer} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function TransferLine({ transfer }: { transfer: TransferView }): ReactElement {
  const total = transfer.bytesTotal ?? 0;
  return (
    <li className="transfer" data-testid="transfer">
      <strong>{transfer.kind}</strong> <JobBadge status={transfer.status} />{' '}
      <span className="muted">
        {formatBytes(transfer.bytesDone)}
        {total > 0 ? ` of about ${formatBytes(total)}` : ''}
      </span>
      {transfer.status === 'running' ? (
        <>
          <progress value={Math.min(transfer.bytesDone, total)} max={total || undefined} />
          <button
            type="button"
            onClick={() => {
              api
                .call('images.cancelTransfer', { transferId: transfer.transferId })
                .catch((error: unknown) => {
                  notifyError('Could not cancel', error);
                });
            }}
          >
            Cancel
          </button>
        </>
      ) : null}
      {transfer.images.length > 0 ? <span> {transfer.images.join(', ')}</span> : null}
      {transfer.error ? <span className="field-error"> {transfer.error.message}</span> : null}
    </li>
  );
}

function LoadForm(): ReactElement {
  const [hostId, setHostId] = useState('');
  const [path, setPath] = useState('');
  return (
    <form
      className="panel stack"
      aria-label="Load images"
      onSubmit={(event) => {
        event.preventDefault();
        api.call('images.load', { ...host(hostId), path: path.trim() }).catch((error: unknown) => {
          notifyError('The load did not start', error);
        });
      }}
    >
      <h2>Load from a file</h2>
      <HostPicker value={hostId} onChange={setHostId} emptyLabel="Default host" label="Into" />
      <TextField
        name="loadPath"
        label="File made by docker save"
        value={path}
        onChange={setPath}
        placeholder="/media/usb/challenges.tar"
        wide
      />
      <button type="submit">Load</button>
    </form>
  );
}

function SaveForm(): ReactElement {
  const [hostId, setHostId] = useState('');
  const [images, setImages] = useState('');
  const [path, setPath] = useState('');
  return (
    <form
      className="panel stack"
      aria-label="Save images"
      onSubmit={(event) => {
        event.preventDefault();
        api
          .call('images.save', { ...host(hostId), refs: imageList(images), path: path.trim() })
          .catch((error: unknown) => {
            notifyError('The save did not start', error);
          });
      }}
    >
      <h2>Save to a file</h2>
      <HostPicker value={hostId} onChange={setHostId} emptyLabel="Default host" label="From" />
      <TextField name="saveImages" label="Images" value={images} onChange={setImages} wide />
      <TextField name="savePath" label="New file" value={path} onChange={setPath} wide />
      <button type="submit">Save</button>
    </form>
  );
}

function CopyForm(): ReactElement {
  const [fromHostId, setFrom] = useState('');
  const [toHostId, setTo] = useState('');
  const [images, setImages] = useState('');
  return (
    <form
      className="panel stack"
      aria-label="Copy images"
      onSubmit={(event) => {
        event.preventDefault();
        api
          .call('images.copy', { fromHostId, toHostId, refs: imageList(images) })
          .catch((error: unknown) => {
            notifyError('The copy did not start', error);
          });
      }}
    >
      <h2>Copy between hosts</h2>
      <HostPicker value={fromHostId} onChange={setFrom} emptyLabel="Choose a host" label="From" />
      <HostPicker value={toHostId} onChange={setTo} emptyLabel="Choose a host" label="To" />
      <TextField name="copyImages" label="Images" value={images} onChange={setImages} wide />
      <button type="submit">Copy</button>
    </form>
  );
}

function RemoveForm(): ReactElement {
  const [hostId, setHostId] = useState('');
  const [images, setImages] = useState('');
  const [plan, setPlan] = useState<{ kind: 'remove' | 'prune'; plan: ImageRemovalPlan } | null>(
    null,
  );

  async function review(kind: 'remove' | 'prune'): Promise<void> {
    try {
      const found =
        kind === 'remove'
          ? await api.call('images.removePlan', { ...host(hostId), refs: imageList(images) })
          : await api.call('images.prunePlan', host(hostId));
      if (found.items.length === 0) {
        notifySuccess(
          'Nothing to remove',
          found.missing.length > 0 ? `Not found: ${found.missing.join(', ')}` : '',
        );
        return;
      }
      setPlan({ kind, plan: found });
    } catch (error) {
      notifyError('Could not list what would be removed', error);
    }
  }

  async function apply(kind: 'remove' | 'prune', found: ImageRemovalPlan): Promise<void> {
    setPlan(null);
    const ids = found.items.filter((item) => item.blocked === null).map((item) => item.id);
    if (ids.length === 0) return;
    try {
      const input = { hostId: found.hostId, ids };
      const result =
        kind === 'remove'
          ? await api.call('images.remove', input)
          : await api.call('images.prune', input);
      notifySuccess(
        `Removed ${plural(result.removed.length, 'image')}`,
        `${formatBytes(result.reclaimedBytes)} freed${
          result.failed.length > 0 ? `; ${result.failed.map((f) => f.error.message).join(' ')}` : ''
        }`,
      );
    } catch (error) {
      notifyError('The removal failed', error);
    }
  }

  return (
    <form
      className="panel stack"
      aria-label="Remove images"
      onSubmit={(event) => {
        event.preventDefault();
        void review('remove');
      }}
    >
      <h2>Remove</h2>
      <HostPicker value={hostId} onChange={setHostId} emptyLabel="Default host" />
      <TextField name="removeImages" label="Images" value={images} onChange={setImages} wide />
      <div className="toolbar">
        <button type="submit">Review removal…</button>
        <button type="button" onClick={() => void review('prune')}>
          Prune dangling…
        </button>
      </div>
      {plan ? (
        <ConfirmDialog
          title={plan.kind === 'remove' ? 'Remove images?' : 'Prune dangling images?'}
          message={`These images go (${formatBytes(plan.plan.totalBytes)}); blocked ones stay.`}
          items={plan.plan.items.map(
            (item) =>
              `${item.tags.join(', ') || shortId(item.id)} — ${formatBytes(item.sizeBytes)}${
                item.blocked ? ` — stays: ${item.blocked}` : ''
              }`,
          )}
          confirmLabel="Remove"
          onCancel={() => {
            setPlan(null);
          }}
          onConfirm={() => void apply(plan.kind, plan.plan)}
        />
      ) : null}
    </form>
  );
}
