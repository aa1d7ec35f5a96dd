/**
 * What the admin pages (platforms, operators, NGOs, audit) share: loading a list, saying why a
 * call failed, dates in the reader's language, an inline confirmation, and a secret shown once.
 */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useLocale, useMessages } from '../../../i18n/messages.js';
import { AdminApiError } from '../../lib/admin-api.js';
import { messages } from './messages.js';

export function useProblemText(): (error: unknown) => string {
  const t = useMessages(messages);
  return (error) => {
    if (error instanceof AdminApiError) return error.status === 0 ? t.unreachable : t.failed(error.problem.field ? `${error.problem.field} ${error.problem.detail}` : error.problem.detail);
    return t.failed(String(error));
  };
}

/** Loads `load()` now and on `reload()`; the error, already in words. */
export function useLoaded<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const explain = useProblemText();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const reload = useCallback(
    (): Promise<void> =>
      load().then(
        (value) => (setData(value), setError(undefined)),
        (e: unknown) => setError(explain(e)),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    deps,
  );
  useEffect(() => void reload(), [reload]);
  return { data, error, reload };
}

/**
 * One change at a time on an admin list: `run(change)` clears the last outcome, marks the page
 * busy, and after the change waits for `after` (close the confirmation, reload the list) — or
 * keeps the reason it failed, in words. The change sets its own notice, which is shown once
 * `after` is done: "changes saved" is never announced beside a list that does not show them yet.
 */
export function useAction(after: () => void | Promise<void>) {
  const explain = useProblemText();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [notice, showNotice] = useState<string>();
  const held = useRef<{ notice?: string } | null>(null);
  const setNotice = (text: string | undefined) => (held.current ? (held.current.notice = text) : showNotice(text));
  const run = async (change: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    showNotice(undefined);
    const hold: { notice?: string } = {};
    held.current = hold;
    try {
      await change();
      await after();
      showNotice(hold.notice);
    } catch (error) {
      setProblem(explain(error));
    } finally {
      if (held.current === hold) held.current = null;
      setBusy(false);
    }
  };
  return { busy, problem, notice, setProblem, setNotice, run };
}

export function useFormatTime(): (iso: string | null) => string {
  const locale = useLocale();
  const t = useMessages(messages);
  return (iso) => (iso === null ? t.never : new Date(iso).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }));
}

export function useYesNo(): (value: boolean) => string {
  const t = useMessages(messages);
  return (value) => (value ? t.yes : t.no);
}

export function Problem({ text }: { text: string | undefined }) {
  return text ? (
    <p class="problem" role="alert">
      {text}
    </p>
  ) : null;
}

/** The outcome of the last action on a page: what went wrong, or what was done. */
export function Outcome({ problem, notice }: { problem: string | undefined; notice: string | undefined }) {
  return (
    <>
      <Problem text={problem} />
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
    </>
  );
}

/** A table of records: one header per column, scrollable sideways on a small screen. */
export function RecordTable({ columns, children }: { columns: readonly string[]; children: ComponentChildren }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** "Are you sure?" in place, with the consequence spelled out. */
export function Confirm(props: { question: string; onConfirm: () => void; onCancel: () => void; busy?: boolean }) {
  const t = useMessages(messages);
  return (
    <div class="confirm" role="group" aria-label={props.question}>
      <p>{props.question}</p>
      <button type="button" class="danger" data-confirm disabled={props.busy} onClick={props.onConfirm}>
        {t.confirm}
      </button>
      <button type="button" data-cancel onClick={props.onCancel}>
        {t.cancel}
      </button>
    </div>
  );
}

/** A secret (API key, temporary password) shown once, with a copy button. */
export function ShownOnce(props: { id: string; title: string; value: string; children?: ComponentChildren; onDone: () => void }) {
  const t = useMessages(messages);
  const [copied, setCopied] = useState<boolean>();
  const section = useRef<HTMLElement>(null);
  useEffect(() => section.current?.focus(), [props.value]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section class="shown-once" id={props.id} aria-labelledby={`${props.id}-title`} tabIndex={-1} ref={section}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.children}
      <p>
        <code class="mono secret" data-secret>
          {props.value}
        </code>
      </p>
      <p class="warning">
        <strong>{t.shownOnce}</strong>
      </p>
      <button type="button" class="primary" data-copy onClick={() => void copy()}>
        {t.copy}
      </button>{' '}
      <button type="button" data-done onClick={props.onDone}>
        {t.done}
      </button>
      <p role="status" aria-live="polite">
        {copied === undefined ? '' : copied ? t.copied : t.copyFailed}
      </p>
    </section>
  );
}
