import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** While true, Escape does not close (e.g. a save in flight). */
  busy?: boolean;
}

/** A modal built on <dialog>: focus stays inside, Escape closes, the page behind is inert. */
export function Dialog({ title, onClose, children, busy = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  // a layout effect: its cleanup closes the dialog while it is still in the page, so the browser
  // gives focus back to where it was (removed first, an open dialog leaves focus on <body>)
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        event.stopPropagation(); // a dialog opened from a dialog: Escape closes the inner one only
        if (!busy) onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
