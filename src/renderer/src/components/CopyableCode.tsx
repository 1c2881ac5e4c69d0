import { useState } from 'react';

/** A command in a code block with a Copy button (the exact fix a check suggests). */
export function CopyableCode({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
    setTimeout(() => setCopied(null), 2000);
  };
  return (
    <div className="code-block">
      <pre>
        <code>{text}</code>
      </pre>
      <button type="button" className="small" onClick={() => void copy()} aria-label={`${label}: ${text}`}>
        {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Copy failed' : label}
      </button>
    </div>
  );
}
