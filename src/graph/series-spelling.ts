import { byCode } from '../model/collation.js';
import { seriesKey } from '../model/keys.js';

/**
 * One spelling per series across pages: pages that spell a series differently ("Dev Meetup",
 * "DevMeetup") all get the spelling most pages use (ties: the first in code-point order).
 */
export class SeriesSpellings {
  /** Per series key: how many pages spell it each way. */
  private readonly forms = new Map<string, Map<string, number>>();
  private readonly chosen = new Map<string, string>();

  /** Counts a page's spelling in (+1) or out (-1). */
  count(series: string, sign: 1 | -1): void {
    const key = seriesKey(series);
    const forms = this.forms.get(key) ?? new Map<string, number>();
    const count = (forms.get(series) ?? 0) + sign;
    if (count > 0) forms.set(series, count);
    else forms.delete(series);
    if (forms.size) this.forms.set(key, forms);
    else this.forms.delete(key);
  }

  /** Votes again on the spelling of a series; true when it changed. */
  revote(key: string): boolean {
    const spelling = [...(this.forms.get(key) ?? [])].sort(([a, x], [b, y]) => y - x || byCode(a, b))[0]?.[0];
    if (spelling === this.chosen.get(key)) return false;
    if (spelling === undefined) this.chosen.delete(key);
    else this.chosen.set(key, spelling);
    return true;
  }

  /** The spelling the graph uses for a page's series. */
  spellingOf(series: string | null): string | null {
    return series ? (this.chosen.get(seriesKey(series)) ?? series) : series;
  }
}
