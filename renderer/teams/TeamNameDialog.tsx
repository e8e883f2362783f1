// Adding a team or renaming one: a single name field checked like the server checks it.
import type { ReactElement } from 'react';
import { useState } from 'react';
import { teamNameSchema } from '../../shared/team';
import { toErrorInfo } from '../api/api-error';
import { Dialog } from '../components/Dialog';
import { TextField } from '../components/TextField';

interface TeamNameDialogProps {
  title: string;
  initial: string;
  submitLabel: string;
  onSubmit: (name: string) => Promise<void>;
  onClose: () => void;
}

/** A name form; closes once `onSubmit` resolves, shows the message beside the field otherwise. */
export function TeamNameDialog({
  title,
  initial,
  submitLabel,
  onSubmit,
  onClose,
}: TeamNameDialogProps): ReactElement {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);

  async function submit(): Promise<void> {
    const parsed = teamNameSchema.safeParse(name);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setSaving(true);
    try {
      await onSubmit(parsed.data);
      onClose();
    } catch (failure) {
      setError(toErrorInfo(failure).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog
      title={title}
      onClose={onClose}
      size="small"
      testId="team-name-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={saving} onClick={() => void submit()}>
            {submitLabel}
          </button>
        </>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <TextField
          name="name"
          label="Team name"
          value={name}
          onChange={setName}
          error={error}
          autoFocus
        />
      </form>
    </Dialog>
  );
}
