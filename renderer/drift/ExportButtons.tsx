// Copy Markdown and Download JSON, with a moment of "Copied ✓" so the click is seen on a projector.
import { useEffect, useState } from 'react';
import { copyText, downloadJson, exportFileName } from './export';

export function ExportButtons({ kind, markdown, json }: { kind: 'matrix' | 'bisect'; markdown: () => string; json: () => unknown }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(t);
  }, [copied]);

  return (
    <div className="drift-export">
      <button
        type="button"
        className="mini-button"
        data-testid={`${kind}-copy-markdown`}
        title="Copy the result as a Markdown table, to paste into notes, an issue or a chat"
        onClick={() => void copyText(markdown()).then((ok) => setCopied(ok ? 'yes' : 'failed'))}
      >
        {copied === 'yes' ? 'Copied ✓' : copied === 'failed' ? 'Copy failed' : 'Copy Markdown'}
      </button>
      <button
        type="button"
        className="mini-button"
        data-testid={`${kind}-download-json`}
        title="Save the whole result (every cell or step) as JSON"
        onClick={() => downloadJson(exportFileName(kind), json())}
      >
        Download JSON
      </button>
    </div>
  );
}
