import type { HashEntry } from '../../lib/use-hash-files.js';

const FIELDS = ['sha256', 'md5', 'pdq', 'quality', 'blockhash'] as const;

/** The fingerprints computed so far, one entry per file, exactly as they would be sent. */
export function FingerprintList({ entries }: { entries: readonly HashEntry[] }) {
  return (
    <ol class="fingerprints">
      {entries.map((entry) => (
        <li key={entry.key} data-file={entry.name} data-state={entry.state}>
          <span class="file-name">{entry.name}</span>
          {entry.state === 'hashing' && <span> — fingerprinting…</span>}
          {entry.state === 'cancelled' && <span> — cancelled</span>}
          {entry.state === 'error' && <p role="alert">{entry.message}</p>}
          {entry.state === 'done' && (
            <dl>
              <div>
                <dt>size</dt>
                <dd data-field="size">{`${entry.result.width}×${entry.result.height}`}</dd>
              </div>
              {FIELDS.map((field) => (
                <div key={field}>
                  <dt>{field}</dt>
                  <dd data-field={field}>{entry.result.item[field]}</dd>
                </div>
              ))}
            </dl>
          )}
        </li>
      ))}
    </ol>
  );
}
