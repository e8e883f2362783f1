// One log line with the search matches marked.
import type { ReactElement } from 'react';
import { memo } from 'react';
import { splitMatches } from '../lib/highlight';

interface LogLineProps {
  text: string;
  search: string;
  top: number;
  current: boolean;
  number: number;
}

function LogLineView({ text, search, top, current, number }: LogLineProps): ReactElement {
  return (
    <div
      className={`log-line ${current ? 'current' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      data-testid="log-line"
    >
      <span className="log-number" aria-hidden="true">
        {number}
      </span>
      <span className="log-text">
        {splitMatches(text, search).map((segment, index) =>
          segment.match ? <mark key={index}>{segment.text}</mark> : segment.text,
        )}
      </span>
    </div>
  );
}

/** Re-renders only when its text, the search or its place changes. */
export const LogLine = memo(LogLineView);
