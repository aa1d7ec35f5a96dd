/**
 * The transparency report: the counts of a period as the server gives them (each under 5 as
 * "<5"), as a table and as a CSV file built here from the same answer, so both say the same.
 */
import { useEffect, useState } from 'preact/hooks';
import { useMessages } from '../../../i18n/messages.js';
import { http } from '../../lib/admin-api.js';
import '../dashboard/dashboard.css';
import { periodQuery, PeriodPicker, readPeriod } from '../dashboard/period.js';
import type { PageProps } from '../page.js';
import { messages } from './messages.js';

export const ROWS = ['cases', 'items', 'matches', 'decisionsBlocked', 'decisionsNotNcii', 'decisionsPending', 'disputes', 'withdrawnCases', 'withdrawnItems', 'disabledItems'] as const;
type Row = (typeof ROWS)[number];
type Shown = number | '<5';

interface Report {
  from: string;
  to: string;
  counts: Record<Row, Shown>;
}

const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** `from,to,indicator,label,count`, one line per indicator; the counts exactly as the server gave them. */
export function reportCsv(report: Report, label: (row: Row) => string): string {
  const lines = [['from', 'to', 'indicator', 'label', 'count'].join(',')];
  for (const row of ROWS) lines.push([report.from, report.to, row, quote(label(row)), String(report.counts[row])].join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function Transparency({ route }: PageProps) {
  const t = useMessages(messages);
  const [state, setState] = useState<{ report?: Report; failed?: boolean }>({});
  const queryKey = route.query.toString();

  useEffect(() => {
    let live = true;
    setState({});
    http.get<Report>('/v1/admin/transparency', periodQuery(readPeriod(route.query))).then(
      (report) => live && setState({ report }),
      () => live && setState({ failed: true }),
    );
    return () => {
      live = false;
    };
  }, [queryKey]);

  const report = state.report;
  const download = () => {
    if (!report) return;
    const url = URL.createObjectURL(new Blob([reportCsv(report, (row) => t[row])], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `transparency-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <section class="transparency" aria-busy={!report && !state.failed}>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <PeriodPicker route={route} path="/transparency" />
      {state.failed && <p role="alert" class="problem">{t.failed}</p>}
      {!report && !state.failed && <p role="status">{t.loading}</p>}
      {report && (
        <>
          <table data-table="transparency">
            <caption>{t.caption(report.from.slice(0, 16).replace('T', ' '), report.to.slice(0, 16).replace('T', ' '))}</caption>
            <thead>
              <tr>
                <th scope="col">{t.indicator}</th>
                <th scope="col">{t.count}</th>
              </tr>
            </thead>
            <tbody>
              {ROWS.map((row) => (
                <tr key={row} data-row={row}>
                  <th scope="row">{t[row]}</th>
                  <td data-count={row}>{report.counts[row]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <button type="button" class="primary" id="transparency-csv" onClick={download}>
              {t.download}
            </button>
          </p>
        </>
      )}
    </section>
  );
}
