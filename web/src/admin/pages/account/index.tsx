import type { PageProps } from '../page.js';

/** Placeholder until this page is built (issue 6). */
export function Account(_props: PageProps) {
  return <p data-placeholder="account">…</p>;
}
