// Lets the operator drop a file anywhere on a screen; shows where it will go while dragging.
import type { DragEvent, ReactElement, ReactNode } from 'react';
import { useRef, useState } from 'react';

interface FileDropZoneProps {
  /** What dropping does, in words: "Drop a challenge.yml to import it". */
  prompt: string;
  onFile: (file: File) => void;
  children: ReactNode;
}

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer.types.includes('Files');
}

/** Wraps a screen; a dropped file is handed to `onFile`. */
export function FileDropZone({ prompt, onFile, children }: FileDropZoneProps): ReactElement {
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child crossed; counting keeps the overlay steady.
  const depth = useRef(0);

  return (
    <div
      className="drop-zone"
      data-testid="drop-zone"
      onDragEnter={(event) => {
        if (!carriesFiles(event)) return;
        depth.current += 1;
        setOver(true);
      }}
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        depth.current = 0;
        setOver(false);
        const file = event.dataTransfer.files[0];
        if (file) onFile(file);
      }}
    >
      {children}
      {over ? (
        <div className="drop-overlay" aria-hidden="true">
          {prompt}
        </div>
      ) : null}
    </div>
  );
}
