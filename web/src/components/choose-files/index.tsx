import { useEffect, useState } from 'preact/hooks';
import { useMessages } from '../../i18n/messages.js';
import type { HashFiles } from '../../lib/use-hash-files.js';
import { StepHeading } from '../step-heading/index.js';
import { FileRow } from './file-row.js';
import { messages } from './messages.js';

/** What the picker offers; anything else picked or dropped still gets a clear message per file. */
const ACCEPT = 'image/*,.heic,.heif,video/*,.mkv,.avi';

/**
 * Steps 3 and 4: choose photos and videos (picker or drag-and-drop, many at once) and watch them being
 * fingerprinted in the worker, with a bar per file and one overall. No previews unless asked.
 */
export function ChooseFiles({ files, adding, onNext, onBack }: { files: HashFiles; adding: boolean; onNext: () => void; onBack: () => void }) {
  const t = useMessages(messages);
  const [showPreviews, setShowPreviews] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [problem, setProblem] = useState<'needOne' | 'stillBusy'>();
  const { entries, busy } = files;
  const finished = entries.filter((e) => e.state !== 'waiting' && e.state !== 'hashing').length;
  const ready = entries.filter((e) => e.state === 'done').length;

  useDropOutsideIgnored();
  useEffect(() => setProblem(undefined), [entries.length, busy]);

  const add = (list: FileList | null | undefined) => {
    if (list && list.length > 0) files.add(Array.from(list));
  };

  return (
    <section class="step" data-step="choose">
      <StepHeading>{adding ? t.addTitle : t.title}</StepHeading>
      <p>{t.intro}</p>
      <div
        class={dragging ? 'drop-zone dragging' : 'drop-zone'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          add(event.dataTransfer?.files);
        }}
      >
        <input
          id="files"
          class="visually-hidden"
          type="file"
          multiple
          accept={ACCEPT}
          onChange={(event) => {
            const input = event.currentTarget;
            add(input.files);
            input.value = '';
          }}
        />
        <label for="files" class="button primary">
          {t.pick}
        </label>
        <span>{t.drop}</span>
        <p class="hint">{t.formats}</p>
      </div>

      <div class="check">
        <input id="show-previews" type="checkbox" checked={showPreviews} aria-describedby="show-previews-hint" onChange={(e) => setShowPreviews(e.currentTarget.checked)} />
        <label for="show-previews">{t.previews}</label>
        <p id="show-previews-hint" class="hint">
          {t.previewsHint}
        </p>
      </div>

      {entries.length > 0 && (
        <>
          <div class="overall">
            <label for="overall-progress">{t.overallLabel}</label>
            <progress id="overall-progress" max={entries.length} value={finished} />
            <p role="status" aria-live="polite" data-busy={busy ? 'true' : 'false'}>
              {t.overall(finished, entries.length)}
            </p>
          </div>
          <ol class="files" aria-label={t.listLabel}>
            {entries.map((entry, index) => (
              <FileRow key={entry.key} entry={entry} index={index} showPreview={showPreviews} onRemove={() => files.remove(entry.key)} />
            ))}
          </ol>
        </>
      )}

      {problem && (
        <p class="problem" role="alert">
          {t[problem]}
        </p>
      )}
      <div class="actions">
        {busy && (
          <button type="button" id="cancel-hashing" class="secondary" onClick={files.cancel}>
            {t.cancel}
          </button>
        )}
        <button
          type="button"
          class="primary"
          onClick={() => {
            if (busy) setProblem('stillBusy');
            else if (ready === 0) setProblem('needOne');
            else onNext();
          }}
        >
          {t.next}
        </button>
        <button type="button" class="secondary" onClick={onBack}>
          {t.back}
        </button>
      </div>
    </section>
  );
}

/** A file dropped beside the drop zone would make the browser open it in place of the page. */
function useDropOutsideIgnored(): void {
  useEffect(() => {
    const ignore = (event: DragEvent) => event.preventDefault();
    window.addEventListener('dragover', ignore);
    window.addEventListener('drop', ignore);
    return () => {
      window.removeEventListener('dragover', ignore);
      window.removeEventListener('drop', ignore);
    };
  }, []);
}
