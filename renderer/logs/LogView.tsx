// The log lines, virtualised so that megabytes of output stay responsive; sticks to the end while following.
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReactElement } from 'react';
import { useCallback, useEffect, useRef } from 'react';
import type { LineBuffer } from '../lib/line-buffer';
import { LogLine } from './LogLine';

const lineHeight = 18;

interface LogViewProps {
  lines: LineBuffer;
  /** Changes whenever `lines` does. */
  version: number;
  search: string;
  /** The line of the current match, scrolled into view. */
  currentLine: number | null;
}

/** A scrolling pane showing only the lines in view. */
export function LogView({ lines, version, search, currentLine }: LogViewProps): ReactElement {
  const scroller = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  const count = lines.length;
  // Stable functions, or the virtualiser re-measures every line on each frame.
  const getScrollElement = useCallback(() => scroller.current, []);
  const estimateSize = useCallback(() => lineHeight, []);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser's own memoisation keeps long logs cheap
  const virtualizer = useVirtualizer({
    count,
    getScrollElement,
    estimateSize,
    overscan: 20,
  });

  useEffect(() => {
    if (atEnd.current && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [version, count, virtualizer]);

  useEffect(() => {
    if (currentLine !== null) {
      atEnd.current = false;
      virtualizer.scrollToIndex(currentLine, { align: 'center' });
    }
  }, [currentLine, virtualizer]);

  return (
    <div
      ref={scroller}
      className="log-scroll"
      role="log"
      aria-label="Log lines"
      tabIndex={0}
      data-testid="log-view"
      onScroll={(event) => {
        const pane = event.currentTarget;
        atEnd.current = pane.scrollHeight - pane.scrollTop - pane.clientHeight < lineHeight * 2;
      }}
    >
      <div className="log-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => (
          <LogLine
            key={item.key}
            text={lines.line(item.index)}
            search={search}
            top={item.start}
            current={item.index === currentLine}
            number={lines.dropped + item.index + 1}
          />
        ))}
      </div>
    </div>
  );
}
