// Creating or editing a challenge, with each validation message beside its field.
import type { ReactElement } from 'react';
import { useMemo, useRef, useState } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { toErrorInfo } from '../api/api-error';
import { CheckboxField } from '../components/CheckboxField';
import { Dialog } from '../components/Dialog';
import { ErrorState } from '../components/ErrorState';
import { TextAreaField } from '../components/TextAreaField';
import { TextField } from '../components/TextField';
import { useImages } from '../images/images-store';
import type { FieldErrors } from '../lib/field-errors';
import { serverFieldErrors } from '../lib/field-errors';
import { focusFirstInvalid } from '../lib/focus-invalid';
import type { ChallengeFormValues } from './challenge-form';
import { challengeFormFrom, challengeInputFrom, emptyChallengeForm } from './challenge-form';
import type { Editing } from './challenges-store';
import { useChallenges } from './challenges-store';
import { EnvRows } from './EnvRows';
import { FlagFields } from './FlagFields';
import { PortRows } from './PortRows';

/** The form in a dialog; saving validates first and keeps the dialog open on any error. */
export function ChallengeFormDialog({ editing }: { editing: NonNullable<Editing> }): ReactElement {
  const [values, setValues] = useState<ChallengeFormValues>(() =>
    editing.mode === 'edit'
      ? challengeFormFrom(editing.challenge)
      : emptyChallengeForm(editing.prefill),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const save = useChallenges((state) => state.save);
  const close = useChallenges((state) => state.closeForm);
  const images = useImages((state) => state.images.data);
  const imageTags = useMemo(() => (images ?? []).flatMap((image) => image.tags), [images]);

  function set<K extends keyof ChallengeFormValues>(key: K) {
    return (value: ChallengeFormValues[K]): void => {
      setValues((current) => ({ ...current, [key]: value }));
    };
  }

  async function submit(): Promise<void> {
    const result = challengeInputFrom(values);
    setErrors(result.ok ? {} : result.errors);
    if (!result.ok) {
      focusFirstInvalid(formRef.current);
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      await save(result.input);
    } catch (error) {
      const info = toErrorInfo(error);
      const fieldErrors = serverFieldErrors(info, editing.mode === 'edit' ? 'challenge' : '');
      if (fieldErrors) {
        setErrors(fieldErrors);
        focusFirstInvalid(formRef.current);
      } else {
        setFailure(info);
      }
    } finally {
      setSaving(false);
    }
  }

  const invalid = Object.keys(errors).length;

  return (
    <Dialog
      title={editing.mode === 'edit' ? `Edit ${editing.challenge.name}` : 'New challenge'}
      onClose={close}
      testId="challenge-form"
      size="large"
      footer={
        <>
          {invalid > 0 ? (
            <span className="test-line bad" role="alert">
              {invalid === 1 ? 'One field needs attention' : `${invalid} fields need attention`}
            </span>
          ) : null}
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={saving} onClick={() => void submit()}>
            {saving ? 'Saving…' : editing.mode === 'edit' ? 'Save challenge' : 'Create challenge'}
          </button>
        </>
      }
    >
      <form
        ref={formRef}
        className="form-grid"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {failure ? (
          <ErrorState title="The challenge was not saved" error={failure} compact />
        ) : null}

        <h3 className="form-section">Challenge</h3>
        <TextField
          name="name"
          label="Name"
          value={values.name}
          onChange={set('name')}
          error={errors.name}
          placeholder="baby-web"
          autoFocus
        />
        <TextField
          name="category"
          label="Category"
          value={values.category}
          onChange={set('category')}
          error={errors.category}
          placeholder="web"
        />
        <TextField
          name="image"
          label="Image"
          value={values.image}
          onChange={set('image')}
          error={errors.image}
          placeholder="registry.example/ctf/web:1.0"
          list="challenge-image-tags"
          hint="An image the hosts already have; Berth never pulls during a launch"
        />
        <datalist id="challenge-image-tags">
          {imageTags.map((tag) => (
            <option key={tag} value={tag} />
          ))}
        </datalist>
        <TextField
          name="value"
          label="Points"
          value={values.value}
          onChange={set('value')}
          error={errors.value}
          inputMode="numeric"
        />
        <TextAreaField
          name="description"
          label="Description"
          value={values.description}
          onChange={set('description')}
          error={errors.description}
        />

        <PortRows rows={values.ports} errors={errors} onChange={set('ports')} />
        <TextField
          name="connectionInfo"
          label="Connection info"
          value={values.connectionInfo}
          onChange={set('connectionInfo')}
          error={errors.connectionInfo}
          placeholder="nc {host} {port}"
          hint="{host} and {port} (or {port:8080}) are filled in per instance; blank shows the defaults"
          wide
        />

        <FlagFields values={values} errors={errors} onChange={set} />

        <h3 className="form-section">Limits and lifetime</h3>
        <TextField
          name="limits.memory"
          label="Memory"
          value={values.memory}
          onChange={set('memory')}
          error={errors['limits.memory']}
          placeholder="256m"
        />
        <TextField
          name="limits.cpus"
          label="CPUs"
          value={values.cpus}
          onChange={set('cpus')}
          error={errors['limits.cpus']}
          inputMode="decimal"
        />
        <TextField
          name="limits.pids"
          label="Processes"
          value={values.pids}
          onChange={set('pids')}
          error={errors['limits.pids']}
          inputMode="numeric"
        />
        <TextField
          name="lifetimeSeconds"
          label="Lifetime (seconds)"
          value={values.lifetimeSeconds}
          onChange={set('lifetimeSeconds')}
          error={errors.lifetimeSeconds}
          inputMode="numeric"
        />
        <TextField
          name="extensionSeconds"
          label="Extension (seconds)"
          value={values.extensionSeconds}
          onChange={set('extensionSeconds')}
          error={errors.extensionSeconds}
          inputMode="numeric"
        />
        <TextField
          name="maxExtensions"
          label="Extensions allowed"
          value={values.maxExtensions}
          onChange={set('maxExtensions')}
          error={errors.maxExtensions}
          inputMode="numeric"
        />
        <CheckboxField
          name="readOnlyRootfs"
          label="Read-only root filesystem"
          checked={values.readOnlyRootfs}
          onChange={set('readOnlyRootfs')}
        />

        <h3 className="form-section">Container</h3>
        <EnvRows rows={values.env} errors={errors} onChange={set('env')} />
        <TextAreaField
          name="command"
          label="Command"
          value={values.command}
          onChange={set('command')}
          error={errors.command}
          hint="One argument a line; blank runs the image's own command"
          placeholder={'/bin/sh\n-c\n./server'}
        />
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </form>
    </Dialog>
  );
}
