// Copying connection info and flags.
import { ApiError } from '../api/api-error';

/** Puts `text` on the clipboard; rejects with a readable reason when the page may not write there. */
export async function copyText(text: string): Promise<void> {
  // Plain-HTTP pages opened from another machine have no Clipboard API at all.
  if (!window.isSecureContext) {
    throw new ApiError({
      kind: 'invalid-input',
      message:
        'This page cannot use the clipboard over plain HTTP. Select the text and copy it by hand.',
    });
  }
  await navigator.clipboard.writeText(text).catch(() => {
    throw new ApiError({
      kind: 'invalid-input',
      message: 'The browser refused to copy. Select the text and copy it by hand.',
    });
  });
}
