import { useLocale, useMessages } from '../../i18n/messages.js';
import type { HashEntry } from '../../lib/use-hash-files.js';
import { fileErrorText } from './file-error.js';
import { messages } from './messages.js';
import { Preview } from './preview.js';

/** One picked file: its name (shown here only, never sent), its progress, and why it failed. */
export function FileRow({ entry, index, showPreview, onRemove }: { entry: HashEntry; index: number; showPreview: boolean; onRemove: () => void }) {
  const t = useMessages(messages);
  const locale = useLocale();
  const progressId = `progress-${entry.key}`;
  return (
    <li data-key={entry.key} data-file={entry.name} data-state={entry.state}>
      {showPreview && <Preview file={entry.file} alt={t.previewAlt(index + 1)} />}
      <span class="file-name">{entry.name}</span>
      <span class="file-state">{t[entry.state === 'error' ? 'failed' : entry.state]}</span>
      {entry.state !== 'error' && entry.state !== 'cancelled' && (
        <progress
          id={progressId}
          aria-label={t.progressOf(entry.name)}
          max={1}
          {...(entry.state === 'hashing' ? {} : { value: entry.state === 'done' ? 1 : 0 })}
        />
      )}
      {entry.state === 'error' && (
        <p class="problem" role="alert" data-code={entry.code}>
          {fileErrorText(locale, entry.code, entry.message)}
        </p>
      )}
      {entry.state !== 'hashing' && (
        <button type="button" class="link" aria-label={t.removeLabel(entry.name)} onClick={onRemove}>
          {t.remove}
        </button>
      )}
    </li>
  );
}
