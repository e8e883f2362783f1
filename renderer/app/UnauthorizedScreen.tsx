// What a browser without a valid session sees: how to get in, nothing else.
import type { ReactElement } from 'react';

/** The full-page notice shown after the server answers 401. */
export function UnauthorizedScreen(): ReactElement {
  return (
    <main className="unauthorized" data-testid="unauthorized">
      <div className="panel">
        <h1>Open the link Berth printed</h1>
        <p>
          This page is not signed in. When Berth starts in browser mode it prints a link with an
          access token, like <code>http://127.0.0.1:PORT/?token=…</code>. Open that link in this
          browser to sign in.
        </p>
        <p className="muted">
          If Berth restarted, its token changed: use the newest link it printed, or the one made
          from BERTH_TOKEN when that is set.
        </p>
      </div>
    </main>
  );
}
