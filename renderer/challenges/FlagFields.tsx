// How a challenge's flag is made (per team or fixed) and how it reaches the container.
import type { ReactElement } from 'react';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import type { FieldErrors } from '../lib/field-errors';
import type { ChallengeFormValues } from './challenge-form';

interface FlagFieldsProps {
  values: ChallengeFormValues;
  errors: FieldErrors;
  /** Returns the setter of one form value. */
  onChange: <K extends keyof ChallengeFormValues>(
    key: K,
  ) => (value: ChallengeFormValues[K]) => void;
}

/** The flag section of the challenge form. */
export function FlagFields({ values, errors, onChange: set }: FlagFieldsProps): ReactElement {
  return (
    <>
      <h3 className="form-section">Flag</h3>
      <SelectField
        name="flag.mode"
        label="Flag"
        value={values.flagMode}
        options={[
          { value: 'dynamic', label: 'Different for each team' },
          { value: 'static', label: 'The same for every team' },
        ]}
        onChange={(v) => {
          set('flagMode')(v === 'static' ? 'static' : 'dynamic');
        }}
      />
      {values.flagMode === 'dynamic' ? (
        <TextField
          name="flag.template"
          label="Flag template"
          value={values.flagTemplate}
          onChange={set('flagTemplate')}
          error={errors['flag.template']}
          hint="{hmac:N} becomes N hex characters derived for each team"
        />
      ) : (
        <TextField
          name="flag.value"
          label="Flag value"
          value={values.flagValue}
          onChange={set('flagValue')}
          error={errors['flag.value']}
        />
      )}
      <SelectField
        name="flag.delivery"
        label="Delivered as"
        value={values.flagDelivery}
        options={[
          { value: 'env', label: 'Environment variable' },
          { value: 'file', label: 'File in the container' },
        ]}
        onChange={(v) => {
          set('flagDelivery')(v === 'file' ? 'file' : 'env');
        }}
        error={errors['flag.delivery']}
      />
      {values.flagDelivery === 'env' ? (
        <TextField
          name="flag.envName"
          label="Variable name"
          value={values.flagEnvName}
          onChange={set('flagEnvName')}
          error={errors['flag.envName']}
        />
      ) : (
        <TextField
          name="flag.filePath"
          label="File path"
          value={values.flagFilePath}
          onChange={set('flagFilePath')}
          error={errors['flag.filePath']}
        />
      )}
    </>
  );
}
