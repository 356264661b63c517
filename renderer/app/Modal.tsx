// A modal dialog: a backdrop that closes it, Escape, focus moved in and given back on close, and
// the header every dialog of the app has (title, a line under it, the close button).
import { useEffect, useRef, type ReactNode } from 'react';

interface ModalProps {
  /** Class of the dialog box beside `modal` (its own layout). */
  className: string;
  testId: string;
  titleId: string;
  title: string;
  subtitle: string;
  closeTestId: string;
  onClose(): void;
  children: ReactNode;
}

export function Modal({ className, testId, titleId, title, subtitle, closeTestId, onClose, children }: ModalProps) {
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.focus();
    return () => previous?.focus();
  }, []);

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className={`modal ${className}`}
        data-testid={testId}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        ref={dialog}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <header className="modal-header">
          <h2 id={titleId}>{title}</h2>
          <span className="modal-subtitle">{subtitle}</span>
          <span className="spacer" />
          <button type="button" className="modal-close" data-testid={closeTestId} aria-label="Close" title="Close (Esc)" onClick={onClose}>
            ×
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
