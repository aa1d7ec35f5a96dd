import { useHashFiles } from '../../lib/use-hash-files.js';
import { FingerprintList } from '../fingerprint-list/index.js';

/**
 * A minimal page: pick photos, see their fingerprints. The victim flow (welcome, consent,
 * review, submit) is the rest of issue 5.
 */
export function App() {
  const { entries, busy, add, cancel } = useHashFiles();
  const done = entries.filter((e) => e.state !== 'hashing').length;
  return (
    <main>
      <h1>Disrupt</h1>
      <p>Your photos stay on this device. Only their fingerprints are computed here, and nothing is sent.</p>
      <label for="files">Choose photos</label>
      <input
        id="files"
        type="file"
        multiple
        accept="image/*"
        onChange={(event) => {
          const input = event.currentTarget;
          add(Array.from(input.files ?? []));
          input.value = '';
        }}
      />
      {busy && (
        <button type="button" onClick={cancel}>
          Cancel
        </button>
      )}
      <p role="status" aria-live="polite" data-busy={busy ? 'true' : 'false'}>
        {entries.length > 0 && `${done} of ${entries.length} files done`}
      </p>
      <FingerprintList entries={entries} />
    </main>
  );
}
