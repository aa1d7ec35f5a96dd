import type { PageProps } from '../page.js';

/** Placeholder until this page is built (issue 6). */
export function Ngos(_props: PageProps) {
  return <p data-placeholder="ngos">…</p>;
}
