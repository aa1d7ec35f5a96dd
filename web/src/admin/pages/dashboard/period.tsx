/**
 * The period of the dashboard and the transparency report, kept in the page's query so it can be
 * bookmarked: `?days=7|30|90` (up to now) or `?from=YYYY-MM-DD&to=YYYY-MM-DD` (whole UTC days,
 * `to` included). Shared by both pages.
 */
import { useMessages } from '../../../i18n/messages.js';
import { navigate, type Route } from '../../lib/route.js';
import { messages } from './messages.js';

const DAY_MS = 86_400_000;
export const PERIOD_DAYS = [7, 30, 90] as const;

export type Period = { kind: 'days'; days: number } | { kind: 'range'; from: string; to: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readPeriod(query: URLSearchParams): Period {
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  if (DATE.test(from) && DATE.test(to) && from <= to) return { kind: 'range', from, to };
  const days = Number(query.get('days'));
  return { kind: 'days', days: (PERIOD_DAYS as readonly number[]).includes(days) ? days : 30 };
}

/** The API's `from` and `to` (`[from, to)`): the last N days up to now, or whole days. */
export function periodQuery(period: Period, now = Date.now()): { from: string; to?: string } {
  if (period.kind === 'days') return { from: new Date(now - period.days * DAY_MS).toISOString() };
  return { from: period.from, to: new Date(Date.parse(period.to) + DAY_MS).toISOString().slice(0, 10) };
}

/** Choose 7, 30 or 90 days, or dates; every change goes to the address. */
export function PeriodPicker({ route, path }: { route: Route; path: string }) {
  const t = useMessages(messages);
  const period = readPeriod(route.query);
  const today = new Date().toISOString().slice(0, 10);
  const apply = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const from = String(form.get('from') ?? '');
    const to = String(form.get('to') ?? '');
    if (DATE.test(from) && DATE.test(to)) navigate(path, { from, to });
  };
  return (
    <div class="filters period" data-period>
      <fieldset>
        <legend>{t.periodLegend}</legend>
        {PERIOD_DAYS.map((days) => (
          <a key={days} class="button" href={`#${path}?days=${days}`} data-days={days} aria-current={period.kind === 'days' && period.days === days ? 'true' : undefined}>
            {t.lastDays(days)}
          </a>
        ))}
      </fieldset>
      <form onSubmit={apply} class="period-range">
        <label>
          {t.from}
          <input type="date" name="from" id="period-from" required max={today} value={period.kind === 'range' ? period.from : ''} />
        </label>
        <label>
          {t.to}
          <input type="date" name="to" id="period-to" required max={today} value={period.kind === 'range' ? period.to : ''} />
        </label>
        <button type="submit" class="secondary">
          {t.applyRange}
        </button>
      </form>
    </div>
  );
}
