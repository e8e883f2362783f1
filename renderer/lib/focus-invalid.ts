// Taking the operator to the first field that needs attention after a failed save.

/** Focuses (and so scrolls to) the first invalid control in `container`, once React has drawn it. */
export function focusFirstInvalid(container: HTMLElement | null): void {
  requestAnimationFrame(() => {
    container?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}
