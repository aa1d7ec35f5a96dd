import { duration } from '../../i18n/duration.js';
import { useLocale, useMessages } from '../../i18n/messages.js';
import type { HashEntry } from '../../lib/use-hash-files.js';
import { fileErrorText } from './file-error.js';
import { messages } from './messages.js';
import { Preview } from './preview.js';

/** One picked file: its name (shown here only, never sent), its progress (a video's with the time left), and why it failed. */
export function FileRow({ entry, index, showPreview, onRemove }: { entry: HashEntry; index: number; showPreview: boolean; onRemove: () => void }) {
  const t = useMessages(messages);
  const locale = useLocale();
  const progressId = `progress-${entry.key}`;
  return (
    <li data-key={entry.key} data-file={entry.name} data-state={entry.state} data-decoder={entry.state === 'done' && 'decoder' in entry.result ? entry.result.decoder : undefined}>
      {showPreview && <Preview file={entry.file} alt={t.previewAlt(index + 1, entry.file.type.startsWith('video/'))} />}
      <span class="file-name">{entry.name}</span>
      <span class="file-state">{t[entry.state === 'error' ? 'failed' : entry.state]}</span>
      {entry.state !== 'error' && entry.state !== 'cancelled' && (
        <progress id={progressId} aria-label={t.progressOf(entry.name)} max={1} {...progressValue(entry)} />
      )}
      {entry.state === 'hashing' && entry.progress && (
        <span class="hint" data-video-progress={entry.progress.fraction.toFixed(3)}>
          {/* Until the video's length is read, there is no frame count to give ("0 of 0"). */}
          {entry.progress.framesTotal > 0 ? t.framesDone(entry.progress.framesDone, entry.progress.framesTotal) : t.readingVideo}
          {entry.progress.secondsLeft !== undefined && ` · ${t.timeLeft(duration(entry.progress.secondsLeft, locale))}`}
        </span>
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

/** A bar that moves for a video; an indeterminate one while a photo (a fraction of a second) is hashed. */
function progressValue(entry: HashEntry): { value?: number } {
  if (entry.state === 'hashing') return entry.progress ? { value: entry.progress.fraction } : {};
  return { value: entry.state === 'done' ? 1 : 0 };
}
