// Keeps one broken screen from blanking the panel; shows a plain message, never the stack.
import type { ReactNode } from 'react';
import { Component } from 'react';

interface BoundaryProps {
  /** Changing it (the screen id) clears a caught error. */
  resetKey: string;
  children: ReactNode;
}

interface BoundaryState {
  failed: boolean;
  key: string;
}

/** Catches render errors of the screen inside it. */
export class ScreenErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { failed: false, key: this.props.resetKey };

  static getDerivedStateFromProps(
    props: BoundaryProps,
    state: BoundaryState,
  ): Partial<BoundaryState> | null {
    return props.resetKey === state.key ? null : { failed: false, key: props.resetKey };
  }

  static getDerivedStateFromError(): Partial<BoundaryState> {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('screen failed to render', error);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="state error" role="alert" data-testid="screen-error">
        <div>
          <strong>This screen hit a problem</strong>
          <p>Go to another screen and back, or reload the panel. The details are in the console.</p>
        </div>
      </div>
    );
  }
}
