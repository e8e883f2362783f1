// The stack of notices in the corner: errors stay until dismissed, confirmations fade out.
import type { ReactElement } from 'react';
import { useNotices } from '../app/notices-store';

/** Every current notice, newest last. */
export function NoticeList(): ReactElement {
  const notices = useNotices((state) => state.notices);
  const dismiss = useNotices((state) => state.dismiss);

  return (
    <section className="notices" aria-label="Notices">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`notice ${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          data-testid="notice"
        >
          <div className="notice-text">
            <strong>{notice.title}</strong>
            {notice.message ? <p>{notice.message}</p> : null}
          </div>
          <button
            type="button"
            className="icon-button"
            aria-label={`Dismiss: ${notice.title}`}
            onClick={() => {
              dismiss(notice.id);
            }}
          >
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
