import type { PageProps } from '../page.js';

/** Placeholder until this page is built (issue 6). */
export function MatchLog(_props: PageProps) {
  return <p data-placeholder="matches">…</p>;
}
