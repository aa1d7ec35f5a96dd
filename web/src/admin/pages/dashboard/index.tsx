import type { PageProps } from '../page.js';

/** Placeholder until this page is built (issue 6). */
export function Dashboard(_props: PageProps) {
  return <p data-placeholder="dashboard">…</p>;
}
