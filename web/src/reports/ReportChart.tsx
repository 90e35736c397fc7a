import type { ReactNode } from 'react';
import { Table } from '@trussworks/react-uswds';

/**
 * Bar charts for the supervisors' reports, drawn as SVG. Every chart is a figure with a
 * heading (its title), a sentence saying what it shows (the text summary, which is also
 * the drawing's description) and a table of the same figures: the drawing is for the eye,
 * the summary and the table are for everyone.
 */

/** One coloured series: a channel, a percentile, an age class. */
export interface ChartSeries {
  readonly key: string;
  readonly label: string;
  readonly color: string;
}

/** One bar or column: a value for each series, in the series' order; null is "no value". */
export interface ChartCategory {
  readonly key: string;
  readonly label: string;
  readonly values: readonly (number | null)[];
}

export interface ChartProps {
  /** Unique on the page: ids of the title and summary derive from it. */
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly series: readonly ChartSeries[];
  readonly categories: readonly ChartCategory[];
  /** How a value reads in the table and beside a bar, e.g. "12.5 h". */
  readonly format?: (value: number) => string;
  /** The table's first column heading. */
  readonly categoryHeading: string;
  /** The table is long (a year of days): shown on request. */
  readonly collapseTable?: boolean;
}

const textColor = '#1b1b1b';
const gridColor = '#dfe1e2';
const plain = (value: number) => String(value);

/** The smallest 1, 2 or 5 × 10ⁿ at or above the largest value: the axis ends on a round number. */
function axisMax(largest: number): number {
  if (!(largest > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(largest));
  return [1, 2, 5, 10].map((m) => m * magnitude).find((m) => m >= largest) ?? 10 * magnitude;
}

const sum = (values: readonly (number | null)[]) => values.reduce<number>((total, v) => total + (v ?? 0), 0);
const clip = (label: string, length: number) => (label.length > length ? `${label.slice(0, length - 1)}…` : label);

function Legend({ series }: { readonly series: readonly ChartSeries[] }) {
  return (
    <ul className="caseline-chart-legend" aria-hidden="true">
      {series.map((s) => (
        <li key={s.key}>
          <span className="caseline-chart-swatch" style={{ background: s.color }} />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

function FiguresTable(props: ChartProps & { readonly stacked: boolean }) {
  const format = props.format ?? plain;
  const table = (
    <Table caption={props.title} fullWidth stackedStyle="headers">
      <thead>
        <tr>
          <th scope="col">{props.categoryHeading}</th>
          {props.series.map((s) => (
            <th scope="col" key={s.key}>
              {s.label}
            </th>
          ))}
          {props.stacked && props.series.length > 1 && <th scope="col">Total</th>}
        </tr>
      </thead>
      <tbody>
        {props.categories.map((c) => (
          <tr key={c.key}>
            <th scope="row">{c.label}</th>
            {c.values.map((v, i) => (
              <td key={props.series[i]?.key ?? i}>{v === null ? '–' : format(v)}</td>
            ))}
            {props.stacked && props.series.length > 1 && <td>{format(sum(c.values))}</td>}
          </tr>
        ))}
      </tbody>
    </Table>
  );
  return props.collapseTable ? (
    <details className="caseline-chart-table">
      <summary>{`Show the figures as a table (${props.categories.length} rows)`}</summary>
      {table}
    </details>
  ) : (
    table
  );
}

function Figure(props: ChartProps & { readonly stacked: boolean; readonly children: ReactNode }) {
  const titleId = `${props.id}-title`;
  const summaryId = `${props.id}-summary`;
  return (
    <section className="margin-y-4" aria-labelledby={titleId}>
      <h2 id={titleId}>{props.title}</h2>
      <p id={summaryId}>{props.summary}</p>
      {props.categories.length > 0 && (
        <figure className="margin-x-0 margin-y-2">
          {props.children}
          {props.series.length > 1 && <Legend series={props.series} />}
        </figure>
      )}
      {props.categories.length > 0 && <FiguresTable {...props} />}
    </section>
  );
}

/**
 * Vertical columns, one per category (a day), each a stack of its series (channels). With
 * many categories the columns narrow and only every so many are labelled.
 */
export function StackedColumnChart(props: ChartProps) {
  const left = 48;
  const top = 12;
  const plotHeight = 220;
  const n = Math.max(props.categories.length, 1);
  const step = Math.max(3, Math.min(40, 720 / n));
  const width = left + n * step + 12;
  const height = top + plotHeight + 40;
  const max = axisMax(Math.max(0, ...props.categories.map((c) => sum(c.values))));
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  // Counts: whole-number ticks only.
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max).filter((v) => Number.isInteger(v));
  const labelEvery = Math.ceil(n / 12);
  return (
    <Figure {...props} stacked>
      <svg
        role="img"
        aria-labelledby={`${props.id}-title`}
        aria-describedby={`${props.id}-summary`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: `${Math.max(width, 320)}px` }}
      >
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={left} x2={width - 8} y1={y(tick)} y2={y(tick)} stroke={gridColor} />
            <text x={left - 6} y={y(tick) + 4} textAnchor="end" fontSize="12" fill={textColor}>
              {tick}
            </text>
          </g>
        ))}
        {props.categories.map((c, index) => {
          const x = left + index * step;
          let base = 0;
          return (
            <g key={c.key}>
              {c.values.map((v, i) => {
                if (!v) return null;
                const bottom = base;
                base += v;
                return (
                  <rect
                    key={props.series[i]?.key ?? i}
                    x={x + step * 0.1}
                    width={step * 0.8}
                    y={y(base)}
                    height={y(bottom) - y(base)}
                    fill={props.series[i]?.color}
                  />
                );
              })}
              {index % labelEvery === 0 && (
                <text x={x + step / 2} y={top + plotHeight + 16} textAnchor="middle" fontSize="11" fill={textColor}>
                  {c.label.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </Figure>
  );
}

/**
 * Horizontal bars, one row per category (an area, a channel): either a stack of the series
 * (age classes of the backlog) or, grouped, one bar per series (p50, p90, p99).
 */
export function HorizontalBarChart(props: ChartProps & { readonly mode: 'stacked' | 'grouped' }) {
  const format = props.format ?? plain;
  const labelWidth = 200;
  const plotWidth = 400;
  const grouped = props.mode === 'grouped';
  const barHeight = grouped ? 14 : 24;
  const rowHeight = (grouped ? props.series.length * (barHeight + 2) : barHeight) + 12;
  const height = props.categories.length * rowHeight + 24;
  const largest = Math.max(0, ...props.categories.flatMap((c) => (grouped ? c.values.map((v) => v ?? 0) : [sum(c.values)])));
  const max = axisMax(largest);
  const x = (value: number) => labelWidth + (value / max) * plotWidth;
  const width = labelWidth + plotWidth + 80;
  return (
    <Figure {...props} stacked={!grouped}>
      <svg
        role="img"
        aria-labelledby={`${props.id}-title`}
        aria-describedby={`${props.id}-summary`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: `${width}px` }}
      >
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={x(f * max)} x2={x(f * max)} y1={0} y2={height - 20} stroke={gridColor} />
            <text x={x(f * max)} y={height - 4} textAnchor="middle" fontSize="12" fill={textColor}>
              {format(f * max)}
            </text>
          </g>
        ))}
        {props.categories.map((c, row) => {
          const y0 = row * rowHeight;
          let base = 0;
          return (
            <g key={c.key}>
              <text x={labelWidth - 8} y={y0 + (rowHeight - 12) / 2 + 4} textAnchor="end" fontSize="13" fill={textColor}>
                {clip(c.label, 28)}
              </text>
              {c.values.map((v, i) => {
                if (v === null || v <= 0) return null;
                const color = props.series[i]?.color;
                if (grouped) {
                  const y = y0 + i * (barHeight + 2);
                  return (
                    <g key={props.series[i]?.key ?? i}>
                      <rect x={labelWidth} y={y} width={x(v) - labelWidth} height={barHeight} fill={color} />
                      <text x={x(v) + 4} y={y + barHeight - 3} fontSize="11" fill={textColor}>
                        {format(v)}
                      </text>
                    </g>
                  );
                }
                const start = base;
                base += v;
                return (
                  <rect key={props.series[i]?.key ?? i} x={x(start)} y={y0} width={x(base) - x(start)} height={barHeight} fill={color} />
                );
              })}
              {!grouped && (
                <text x={x(base) + 4} y={y0 + barHeight / 2 + 4} fontSize="12" fill={textColor}>
                  {format(base)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </Figure>
  );
}
