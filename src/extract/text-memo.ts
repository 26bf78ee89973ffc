/**
 * A function of a line of text, remembered: a page's readers ask about the same lines and titles
 * many times (a bold line is a title candidate, a label and a byline; each talk title is compared
 * with every link text). Bounded, so a folder of any size holds at most `size` short texts: texts
 * longer than `maxText` are computed each time, and a full memo starts over.
 */
export function textMemo<V>(compute: (text: string) => V, maxText = 400, size = 5_000): (text: string) => V {
  const memo = new Map<string, V>();
  return (text) => {
    if (text.length > maxText) return compute(text);
    let value = memo.get(text);
    if (value === undefined && !memo.has(text)) {
      value = compute(text);
      if (memo.size >= size) memo.clear();
      memo.set(text, value);
    }
    return value as V;
  };
}
