/**
 * Quick exit: someone may walk in while the person is on this page. One click (or Esc twice)
 * blanks the page at once and replaces it with an ordinary site. `location.replace` leaves our
 * page out of the back history, and the page never adds history entries of its own (steps are
 * not URLs), so Back does not bring it back.
 */
import { useEffect } from 'preact/hooks';

/** An ordinary site that raises no question on a shared screen. */
export const NEUTRAL_SITE = 'https://www.google.com/';
const DOUBLE_PRESS_MS = 1000;

export function quickExit(): void {
  document.title = '';
  document.body.replaceChildren();
  window.location.replace(NEUTRAL_SITE);
}

/** Esc pressed twice within a second leaves the page. */
export function useQuickExitKey(): void {
  useEffect(() => {
    let last = 0;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      const now = event.timeStamp;
      if (now - last <= DOUBLE_PRESS_MS) quickExit();
      last = now;
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}
