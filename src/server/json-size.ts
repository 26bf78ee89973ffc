/** What JSON escapes in a string, and surrogates, which UTF-8 does not write one by one. */
const SPECIAL = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * The size in bytes of `JSON.stringify(value)` encoded as UTF-8, found without building the
 * string, and counted only until it passes `limit`: an answer of 80 MB is known to be too large
 * after reading about `limit` bytes of it, not all of it.
 * @returns The exact size when it is at most `limit` (0 when JSON would write nothing); some
 * number above `limit` otherwise.
 */
export function jsonSize(value: unknown, limit: number): number {
  let size = 0;

  /** Adds what JSON writes for `v`; false when JSON skips it (undefined, a function). */
  const add = (v: unknown, key: string): boolean => {
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      v = (v as { toJSON: (key: string) => unknown }).toJSON(key);
    }
    switch (typeof v) {
      case 'string':
        size += stringSize(v);
        return true;
      case 'number':
        size += Number.isFinite(v) ? String(v).length : 4;
        return true;
      case 'boolean':
        size += v ? 4 : 5;
        return true;
      case 'bigint':
        // JSON.stringify throws on these; the answer would fail whatever its size.
        size += String(v).length;
        return true;
      case 'object':
        if (v === null) size += 4;
        else if (Array.isArray(v)) addArray(v);
        else addObject(v as Record<string, unknown>);
        return true;
      default:
        return false;
    }
  };

  const addArray = (items: readonly unknown[]) => {
    size += 2 + Math.max(0, items.length - 1);
    for (let i = 0; i < items.length && size <= limit; i++) {
      if (!add(items[i], String(i))) size += 4;
    }
  };

  const addObject = (object: Record<string, unknown>) => {
    size += 2;
    let written = 0;
    for (const key of Object.keys(object)) {
      if (size > limit) return;
      const before = size;
      size += stringSize(key) + 1 + (written > 0 ? 1 : 0);
      if (add(object[key], key)) written++;
      else size = before;
    }
  };

  return add(value, '') ? size : 0;
}

/** Bytes of a string as JSON writes it in UTF-8, quotes included. */
function stringSize(text: string): number {
  if (!SPECIAL.test(text)) return Buffer.byteLength(text, 'utf8') + 2;
  let size = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d) size += 2;
    else if (c < 0x20) size += 6;
    else if (c < 0x80) size += 1;
    else if (c < 0x800) size += 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      size += 4;
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) size += 6; // a lone surrogate is written as \udxxx
    else size += 3;
  }
  return size;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
