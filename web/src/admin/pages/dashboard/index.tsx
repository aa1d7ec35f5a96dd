/**
 * The operators' dashboard: matches per day (by platform, by platform feedback), submissions,
 * withdrawals, disputes, disabled items, referrals per NGO and index sizes, over a period chosen
 * in the address. Every figure carries `data-figure` so tests can compare it with the API.
 */
import { useEffect, useState } from 'preact/hooks';
import { useMessages } from '../../../i18n/messages.js';
import { http } from '../../lib/admin-api.js';
import type { PageProps } from '../page.js';
import { StackedBars, type Series } from './chart.js';
import './dashboard.css';
import { messages } from './messages.js';
import { periodQuery, PeriodPicker, readPeriod } from './period.js';

interface DayCount {
  day: string;
  count: number;
}
export interface Stats {
  from: string;
  to: string;
  matchesPerDay: { byPlatform: (DayCount & { platform: string })[]; byFeedback: (DayCount & { feedback: string })[] };
  submissions: { cases: number; items: number };
  withdrawals: { cases: number; items: number };
  disputes: { total: number; open: number };
  disabledItems: number;
  referrals: { ngoId: number; code: string; name: string; count: number }[];
  indexSizes: Record<string, number>;
}

const FEEDBACK = ['blocked', 'not_ncii', 'pending', 'none'] as const;
const DAY_MS = 86_400_000;

/** Every UTC day of [from, to). */
function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(to);
  for (let t = Math.floor(Date.parse(from) / DAY_MS) * DAY_MS; t < end; t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

function seriesOf<T extends DayCount>(rows: T[], keyOf: (row: T) => string, labelOf: (key: string) => string, order?: readonly string[]): Series[] {
  const byKey = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const key = keyOf(row);
    if (!byKey.has(key)) byKey.set(key, new Map());
    byKey.get(key)!.set(row.day, row.count);
  }
  const keys = order ? order.filter((k) => byKey.has(k)) : [...byKey.keys()].sort();
  return keys.map((key) => ({ key, label: labelOf(key), counts: byKey.get(key)! }));
}

export function Dashboard({ route }: PageProps) {
  const t = useMessages(messages);
  // The figures are kept with the period they count: another period's are never shown, not even
  // for the frame between a new address and its request.
  const [loaded, setLoaded] = useState<{ queryKey?: string; stats?: Stats; failed?: boolean }>({});
  const queryKey = route.query.toString();

  useEffect(() => {
    let live = true;
    http.get<Stats>('/v1/admin/stats', periodQuery(readPeriod(route.query))).then(
      (stats) => live && setLoaded({ queryKey, stats }),
      () => live && setLoaded({ queryKey, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [queryKey]);

  const state = loaded.queryKey === queryKey ? loaded : {};
  const stats = state.stats;
  const days = stats ? daysOf(stats.from, stats.to) : [];
  const figure = (key: string, label: string, value: number) => (
    <div class="figure" key={key}>
      <dt>{label}</dt>
      <dd data-figure={key}>{value}</dd>
    </div>
  );

  return (
    <section class="dashboard" aria-busy={!stats && !state.failed}>
      <h1>{t.title}</h1>
      <PeriodPicker route={route} path="/dashboard" />
      {state.failed && <p role="alert" class="problem">{t.failed}</p>}
      {!stats && !state.failed && <p role="status">{t.loading}</p>}
      {stats && (
        <>
          <p data-period-shown>{t.periodShown(stats.from.slice(0, 16).replace('T', ' '), stats.to.slice(0, 16).replace('T', ' '))}</p>
          <div class="charts">
            <StackedBars id="matches-platform" title={t.matchesByPlatform} days={days} series={seriesOf(stats.matchesPerDay.byPlatform, (r) => r.platform, (k) => k)} />
            <StackedBars
              id="matches-feedback"
              title={t.matchesByFeedback}
              days={days}
              series={seriesOf(stats.matchesPerDay.byFeedback, (r) => r.feedback, (k) => (FEEDBACK.includes(k as never) ? t[`feedback_${k as (typeof FEEDBACK)[number]}`] : k), FEEDBACK)}
            />
          </div>
          <h2>{t.figures}</h2>
          <dl class="figures">
            {figure('submissions.cases', t.submissionsCases, stats.submissions.cases)}
            {figure('submissions.items', t.submissionsItems, stats.submissions.items)}
            {figure('withdrawals.cases', t.withdrawalsCases, stats.withdrawals.cases)}
            {figure('withdrawals.items', t.withdrawalsItems, stats.withdrawals.items)}
            {figure('disputes.total', t.disputesTotal, stats.disputes.total)}
            {figure('disputes.open', t.disputesOpen, stats.disputes.open)}
            {figure('disabledItems', t.disabledItems, stats.disabledItems)}
          </dl>
          <div class="tables">
            <table data-table="referrals">
              <caption>{t.referrals}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.ngo}</th>
                  <th scope="col">{t.count}</th>
                </tr>
              </thead>
              <tbody>
                {stats.referrals.length === 0 && (
                  <tr>
                    <td colSpan={2}>{t.noReferrals}</td>
                  </tr>
                )}
                {stats.referrals.map((r) => (
                  <tr key={r.ngoId}>
                    <th scope="row">
                      {r.name} <span class="mono">({r.code})</span>
                    </th>
                    <td data-figure={`referrals.${r.code}`}>{r.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table data-table="index-sizes">
              <caption>{t.indexSizes}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.index}</th>
                  <th scope="col">{t.hashes}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(stats.indexSizes).map(([name, size]) => (
                  <tr key={name}>
                    <th scope="row" class="mono">
                      {name}
                    </th>
                    <td data-figure={`index.${name}`}>{size}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
