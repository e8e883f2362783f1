// A real <button> showing only an icon, named for screen readers and tooltips by its label.
import type { ReactElement } from 'react';
import type { IconName } from './Icon';
import { Icon } from './Icon';

interface IconButtonProps {
  icon: IconName;
  label: string;
  onClick: () => void;
  disabled?: boolean;
  tone?: 'plain' | 'danger';
  testId?: string;
}

/** A compact action button with an accessible name. */
export function IconButton({
  icon,
  label,
  onClick,
  disabled = false,
  tone = 'plain',
  testId,
}: IconButtonProps): ReactElement {
  return (
    <button
      type="button"
      className={`icon-button ${tone === 'danger' ? 'danger-icon' : ''}`}
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
      data-testid={testId}
    >
      <Icon name={icon} />
    </button>
  );
}
