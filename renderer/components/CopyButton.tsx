// Copies a piece of text and says so.
import type { ReactElement } from 'react';
import { useEffect, useState } from 'react';
import { notifyError } from '../app/notices-store';
import { copyText } from '../lib/clipboard';
import { Icon } from './Icon';

interface CopyButtonProps {
  text: string;
  label: string;
}

/** An icon button that puts `text` on the clipboard; `label` names what is copied. */
export function CopyButton({ text, label }: CopyButtonProps): ReactElement {
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => {
      setCopied(false);
    }, 1500);
    return () => {
      clearTimeout(timer);
    };
  }, [copied]);

  return (
    <button
      type="button"
      className={`icon-button ${copied ? 'done' : ''}`}
      aria-label={label}
      title={copied ? 'Copied' : label}
      onClick={() => {
        copyText(text).then(
          () => {
            setCopied(true);
          },
          (error: unknown) => {
            notifyError('Could not copy', error);
          },
        );
      }}
    >
      <Icon name={copied ? 'check' : 'copy'} />
    </button>
  );
}
