// A line chart as SVG text, small enough to read: one line per series, axes
// with a few ticks, a legend; no dependency. The soak report draws its series
// with it (RSS, table rows, latency) into files beside the report.
import type { Point } from './series.ts';

export interface ChartSeries {
  name: string;
  points: readonly Point[];
}

export interface ChartOptions {
  title: string;
  /** The y axis's unit, after each tick's number (MB, rows, ms). */
  unit: string;
  series: readonly ChartSeries[];
  /** A vertical dashed line at this minute (the end of the warm-up). */
  markerMinute?: number;
  width?: number;
  height?: number;
}

const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#000000', '#aec7e8'];
const MARGIN = { left: 70, right: 170, top: 30, bottom: 40 };

/** Rounded tick values from 0 to at least `max`: 0, step, 2·step, … with step 1, 2 or 5 × 10^n. */
export function ticks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= rough)!;
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const format = (value: number) => (Math.abs(value) >= 1000 ? value.toLocaleString('en-US', { maximumFractionDigits: 0 }) : String(value));

export function lineChart({ title, unit, series, markerMinute, width = 760, height = 320 }: ChartOptions): string {
  const all = series.flatMap((s) => s.points);
  const xTicks = ticks(Math.max(1, ...all.map((p) => p.minute)), 6);
  const yTicks = ticks(Math.max(0, ...all.map((p) => p.value)));
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const x = (minute: number) => MARGIN.left + (minute / xTicks.at(-1)!) * plotW;
  const y = (value: number) => MARGIN.top + plotH - (value / yTicks.at(-1)!) * plotH;
  const round = (n: number) => n.toFixed(1);

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${MARGIN.left}" y="18" font-size="13" font-weight="bold">${escape(title)}</text>`,
  ];
  for (const value of yTicks) {
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${round(y(value))}" y2="${round(y(value))}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${round(y(value) + 4)}" text-anchor="end">${format(value)} ${escape(unit)}</text>`);
  }
  for (const minute of xTicks) {
    parts.push(`<text x="${round(x(minute))}" y="${MARGIN.top + plotH + 16}" text-anchor="middle">${minute}</text>`);
  }
  parts.push(`<text x="${MARGIN.left + plotW / 2}" y="${height - 6}" text-anchor="middle">minutes</text>`);
  parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
  if (markerMinute !== undefined) {
    parts.push(`<line x1="${round(x(markerMinute))}" x2="${round(x(markerMinute))}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#999" stroke-dasharray="4 3"/>`);
  }
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const path = s.points.map((p) => `${round(x(p.minute))},${round(y(p.value))}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${path}"/>`);
    const legendY = MARGIN.top + 10 + i * 15;
    parts.push(`<line x1="${width - MARGIN.right + 10}" x2="${width - MARGIN.right + 28}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${colour}" stroke-width="2"/>`);
    parts.push(`<text x="${width - MARGIN.right + 32}" y="${legendY}">${escape(s.name)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
