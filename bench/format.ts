/** Milliseconds: two decimals below 1, one below 100, whole above, grouped by thousands. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value < 1) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return Math.round(value).toLocaleString('en-US');
}

/** A rate (requests or pages per second): `850`, `4.25k`, `12.3k`. */
export function rate(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value < 1000) return String(Math.round(value));
  return `${(value / 1000).toFixed(value < 10_000 ? 2 : 1)}k`;
}

/** Bytes as whole megabytes (MiB); `–` when unknown. */
export function megabytes(bytes: number | null): string {
  return bytes === null ? '–' : String(Math.round(bytes / 2 ** 20));
}

/** A ratio as `×0.42` (two significant digits; whole from 100 up, where toPrecision turns to `8.6e+2`). */
export function ratio(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value >= 100 ? `×${Math.round(value).toLocaleString('en-US')}` : `×${value.toPrecision(2)}`;
}

/** A markdown table; columns listed in `right` are right-aligned (numbers). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number> = new Set()): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  const rule = `|${headers.map((_, i) => (right.has(i) ? ' ---: ' : ' --- ')).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}
