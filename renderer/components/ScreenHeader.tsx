// A screen's title line with its main actions on the right.
import type { ReactElement, ReactNode } from 'react';

interface ScreenHeaderProps {
  title: string;
  subtitle?: ReactNode;
  children?: ReactNode;
}

/** The heading every screen starts with. */
export function ScreenHeader({ title, subtitle, children }: ScreenHeaderProps): ReactElement {
  return (
    <header className="screen-header">
      <div>
        <h1 id="screen-title">{title}</h1>
        {subtitle ? <p className="subtitle">{subtitle}</p> : null}
      </div>
      {children ? <div className="screen-actions">{children}</div> : null}
    </header>
  );
}
