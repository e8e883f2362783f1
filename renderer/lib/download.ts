// Saving text the panel made (exports, logs) as a file the operator keeps.

/** Offers `text` as a download named `fileName`. */
export function downloadText(fileName: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the browser; revoking later keeps slow saves working.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 60_000);
}
