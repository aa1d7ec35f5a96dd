/**
 * A stacked bar chart drawn by hand in SVG (no chart library): one bar per UTC day, one colour
 * per series. Its text alternative is a summary the SVG names itself by, and the table of the
 * numbers below it.
 */
import { useMessages } from '../../../i18n/messages.js';
import { messages } from './messages.js';

/** Distinct colours, each at least 3:1 against white (WCAG 1.4.11), in an order that alternates hue. */
const COLOURS = ['#4b2a8a', '#b8500f', '#1a6b3c', '#1a5fb4', '#9b1c1c', '#6b5e00', '#7a3b74', '#3d5a5a'];

export interface Series {
  key: string;
  label: string;
  /** Counts by `YYYY-MM-DD`. */
  counts: Map<string, number>;
}

const WIDTH = 720;
const HEIGHT = 180;
const LEFT = 36;
const BOTTOM = 20;

export function StackedBars({ id, title, days, series }: { id: string; title: string; days: string[]; series: Series[] }) {
  const t = useMessages(messages);
  const dayTotal = (day: string) => series.reduce((sum, s) => sum + (s.counts.get(day) ?? 0), 0);
  const max = Math.max(1, ...days.map(dayTotal));
  const total = days.reduce((sum, day) => sum + dayTotal(day), 0);
  const step = (WIDTH - LEFT) / Math.max(1, days.length);
  const barWidth = Math.max(1, step * 0.8);
  const scale = (HEIGHT - BOTTOM - 8) / max;
  const summary = `${title}. ${t.chartSummary(total)} ${series.map((s) => `${s.label}: ${sumOf(s)}`).join(' ; ')}`;
  const busyDays = days.filter((day) => dayTotal(day) > 0);

  return (
    <figure class="chart" data-chart={id}>
      <figcaption id={`${id}-caption`}>
        <h2>{title}</h2>
        <span data-figure={`${id}.total`}>{total}</span> <span class="muted">{t.total.toLowerCase()}</span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title`} preserveAspectRatio="none" class="bars">
        <title id={`${id}-title`}>{summary}</title>
        <line x1={LEFT} y1={HEIGHT - BOTTOM} x2={WIDTH} y2={HEIGHT - BOTTOM} class="axis" />
        <text x={LEFT - 4} y={12} text-anchor="end" class="tick">
          {max}
        </text>
        <text x={LEFT - 4} y={HEIGHT - BOTTOM} text-anchor="end" class="tick">
          0
        </text>
        {days.map((day, i) => {
          let y = HEIGHT - BOTTOM;
          return (
            <g key={day}>
              {series.map((s, k) => {
                const count = s.counts.get(day) ?? 0;
                if (count === 0) return null;
                const h = count * scale;
                y -= h;
                return <rect key={s.key} x={LEFT + i * step + (step - barWidth) / 2} y={y} width={barWidth} height={h} fill={COLOURS[k % COLOURS.length]} />;
              })}
            </g>
          );
        })}
        <text x={LEFT} y={HEIGHT - 4} class="tick">
          {days[0]}
        </text>
        <text x={WIDTH} y={HEIGHT - 4} text-anchor="end" class="tick">
          {days.at(-1)}
        </text>
      </svg>
      <ul class="legend">
        {series.map((s, k) => (
          <li key={s.key}>
            <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true">
              <rect width="10" height="10" fill={COLOURS[k % COLOURS.length]} />
            </svg>
            {s.label}: <span data-figure={`${id}.${s.key}`}>{sumOf(s)}</span>
          </li>
        ))}
      </ul>
      {busyDays.length === 0 ? (
        <p>{t.noMatches}</p>
      ) : (
        <details>
          <summary>{t.showNumbers}</summary>
          <table data-chart-table={id}>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.day}</th>
                {series.map((s) => (
                  <th scope="col" key={s.key}>
                    {s.label}
                  </th>
                ))}
                <th scope="col">{t.total}</th>
              </tr>
            </thead>
            <tbody>
              {busyDays.map((day) => (
                <tr key={day} data-day={day}>
                  <th scope="row">{day}</th>
                  {series.map((s) => (
                    <td key={s.key}>{s.counts.get(day) ?? 0}</td>
                  ))}
                  <td>{dayTotal(day)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}

function sumOf(series: Series): number {
  let sum = 0;
  for (const count of series.counts.values()) sum += count;
  return sum;
}
