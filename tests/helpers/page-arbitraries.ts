import fc from 'fast-check';

/**
 * Generated content pages, each with what a user may expect of it:
 * - `good`: served, with no diagnostic;
 * - `warned`: served, with at least one warning (a known field of the wrong type);
 * - `refused`: not served, with an error;
 * - `either`: served or refused with an error, depending on details (how deep, how big).
 */
export type Expectation = 'good' | 'warned' | 'refused' | 'either';

export interface GeneratedPage {
  /** A string, or raw bytes for pages that are not valid UTF-8. */
  readonly content: string | Uint8Array;
  readonly expect: Expectation;
  /** What made the page, for reading a failure. */
  readonly recipe: string;
  /** Markdown the parser would take far too long on: to be refused by the checks before it. */
  readonly refusedBeforeParsing?: boolean;
}

// ── Text ────────────────────────────────────────────────────────────────────────────────────────

/** Printable text from all of Unicode; no line breaks, so it stays within one block. */
const words = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map((s) => s.replace(/[\r\n\u2028\u2029\u0085]/g, ' '));
/** A non-blank title, quoted so that any character stays data (JSON strings are YAML and TOML strings). */
const title = words.filter((s) => s.trim() !== '' && !/[\u007f-\u009f\ufeff]/.test(s));
const safeWord = fc.stringMatching(/^[a-z\u4e00-\u4e2f]{1,12}$/);

const inline = fc.oneof(
  { weight: 4, arbitrary: words },
  safeWord.map((w) => `**${w}**`),
  safeWord.map((w) => `*${w}*`),
  safeWord.map((w) => `~~${w}~~`),
  safeWord.map((w) => `\`${w}\``),
  safeWord.map((w) => `[${w}](https://example.com/${w})`),
  safeWord.map((w) => `<b onclick="alert(1)">${w}</b>`),
  fc.constantFrom('<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '<br/>', '&amp;', '\\*'),
);
const sentence = fc.array(inline, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(' '));

// ── Ordinary markdown ───────────────────────────────────────────────────────────────────────────

const list = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 3 }), sentence, fc.constantFrom('- ', '* ', '1. ')), { minLength: 1, maxLength: 12 })
  .map((items) => {
    // Each item at most one level deeper than the one before, as lists are written.
    let level = 0;
    return items
      .map(([wanted, text, marker], i) => {
        level = i === 0 ? 0 : Math.min(wanted, level + 1);
        return `${'   '.repeat(level)}${marker}${text}`;
      })
      .join('\n');
  });
const table = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 10 }))
  .chain(([cols, rows]) => fc.array(fc.array(safeWord, { minLength: cols, maxLength: cols }), { minLength: rows + 1, maxLength: rows + 1 }).map((cells) => ({ cols, cells })))
  .map(({ cols, cells }) => [`| ${cells[0]?.join(' | ')} |`, `|${' --- |'.repeat(cols)}`, ...cells.slice(1).map((r) => `| ${r.join(' | ')} |`)].join('\n'));
const block = fc.oneof(
  { weight: 4, arbitrary: sentence },
  fc.tuple(fc.integer({ min: 1, max: 6 }), sentence).map(([n, s]) => `${'#'.repeat(n)} ${s}`),
  list,
  table,
  fc.tuple(fc.integer({ min: 1, max: 3 }), sentence).map(([n, s]) => `${'> '.repeat(n)}${s}`),
  fc.array(words, { maxLength: 5 }).map((lines) => ['```', ...lines, '```'].join('\n')),
  sentence.map((s) => `<div align="center">\n${s}\n</div>`),
  fc.constantFrom('---', '***', '- - -', '活动时间：2021 年 07 月 24 日 13:30-17:30', '活动地点：某地'),
);
/** A body as people write them: blocks between blank lines. */
export const ordinaryBody = fc.array(block, { maxLength: 15 }).map((blocks) => blocks.join('\n\n'));

// ── Front matter ────────────────────────────────────────────────────────────────────────────────

const date = fc
  .tuple(fc.integer({ min: 2000, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.boolean())
  .map(([y, m, d, time]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}${time ? 'T14:00:00+08:00' : ''}`);
const tags = fc.array(safeWord, { maxLength: 4 });

const goodYaml = fc.tuple(title, fc.option(date), tags).map(([t, d, g]) =>
  ['---', `title: ${JSON.stringify(t)}`, d ? `date: ${d}` : '', g.length ? `tags: ${JSON.stringify(g)}` : '', '---', ''].filter((l, i, all) => l !== '' || i === all.length - 1).join('\n'),
);
const goodToml = fc.tuple(title, fc.option(date), tags).map(([t, d, g]) =>
  ['+++', `title = ${JSON.stringify(t)}`, d ? `date = ${JSON.stringify(d)}` : '', g.length ? `tags = ${JSON.stringify(g)}` : '', '+++', ''].filter((l, i, all) => l !== '' || i === all.length - 1).join('\n'),
);
export const goodFrontMatter = fc.oneof({ weight: 3, arbitrary: goodYaml }, goodToml);

/** A known field with a value of the wrong type or shape: reported, the page still served. */
const wrongField = fc.constantFrom(
  'date: 12345',
  'date: "next tuesday"',
  'tags: {a: 1}',
  'tags: 42',
  'categories: [[1, 2]]',
  'format: somewhere',
  'startTime: "25 o\'clock"',
  'edition: -3',
  'talks: "one talk"',
  'talks: [{speakers: [1]}]',
  'cover: [1, 2]',
  'city: {}',
  '"venue": [1]',
  "'series': {}",
);
const wrongTypes = fc.tuple(title, fc.uniqueArray(wrongField, { minLength: 1, maxLength: 3, selector: (line) => line.split(':')[0] })).map(([t, fields]) => ['---', `title: ${JSON.stringify(t)}`, ...fields, '---', ''].join('\n'));
/** A title that is not text: the slug stands in, with a warning. */
const wrongTitle = fc
  .constantFrom('title: 42', 'title: [a, b]', 'title: {x: 1}', 'title: true', 'title: ""', '{title: 1, tags: 2}', '"title": null\ndate: 7')
  .map((line) => `---\n${line}\n---\n`);
const wrongJson = title.map((t) => `---json\n{\n  "title": ${JSON.stringify(t)},\n  "tags": 5, "edition": "x"\n}\n---\n`);

const aliasBomb = fc.tuple(fc.integer({ min: 4, max: 9 }), fc.integer({ min: 6, max: 10 })).map(([levels, fan]) => {
  const lines = [`a0: &a0 [${Array(fan).fill('lol').join(', ')}]`];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array(fan).fill(`*a${i - 1}`).join(', ')}]`);
  return `---\ntitle: bomb\n${lines.join('\n')}\n---\n`;
});
const brokenFrontMatter = fc.oneof(
  fc.constantFrom(
    '---\ntitle: "unclosed\n---\n',
    '---\ntags: [a, b\nfoo: 1\n---\n',
    '---\n- a\n- b\n---\n',
    '---\n42\n---\n',
    '---\ntitle: x\n  bad indent: y\n---\n',
    '+++\ntitle = \n+++\n',
    '+++\ntitle = "x"\ntitle = "y"\n+++\n',
    '---json\n{"title": \n---\n',
    '---js\nglobalThis.__ran = 1\n---\n',
    '---javascript\nmodule.exports = { title: (globalThis.__ran = 2) }\n---\n',
    '---coffee\ntitle: "x"\n---\n',
    '---unknownlang\ntitle: x\n---\n',
  ),
  aliasBomb,
);
/** Front matter whose reading depends on details: deep nesting, no closing fence, huge values. */
const oddFrontMatter = fc.oneof(
  fc.integer({ min: 1, max: 20000 }).map((n) => `---\ntitle: deep\nnested: ${'['.repeat(n)}${']'.repeat(n)}\n---\n`),
  fc.integer({ min: 1, max: 20000 }).map((n) => `---\ntitle: deep\nnested: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n---\n`),
  fc.integer({ min: 1, max: 1000 }).map((n) => `---\ntitle: deep\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n---\n`),
  fc.integer({ min: 1, max: 5000 }).map((n) => `+++\ntitle = "deep"\nnested = ${'['.repeat(n)}${']'.repeat(n)}\n+++\n`),
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => `---\ntitle: ${'长'.repeat(n)}\n---\n`),
  fc.constantFrom('---\ntitle: no closing fence\n', '+++\ntitle = "no closing fence"\n', '---', '+++', '---\n---\n', ''),
);

// ── Bodies that push the parser ─────────────────────────────────────────────────────────────────

/** Pathological markdown: `good` when small, `refused` when far past any limit, else `either`. */
const straining: fc.Arbitrary<{ body: string; expect: Expectation; recipe: string }> = fc.oneof(
  fc.integer({ min: 1, max: 700 }).map((n) => ({
    body: Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n'),
    expect: n <= 32 ? ('good' as const) : ('refused' as const),
    recipe: `list nested ${n} deep`,
  })),
  fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.constantFrom('- ', '> ', '>', '1. ', '> - ')).map(([n, marker]) => {
    const depth = n * (marker === '> - ' ? 2 : 1);
    return { body: `intro\n\n${marker.repeat(n)}x`, expect: depth <= 32 ? ('good' as const) : ('refused' as const), recipe: `${JSON.stringify(marker)} × ${n} on one line` };
  }),
  fc.integer({ min: 1, max: 3000 }).map((n) => ({
    body: Array.from({ length: n }, (_, i) => `${'>'.repeat(Math.min(i + 1, 60))} quote`).join('\n'),
    expect: n <= 32 ? ('good' as const) : ('refused' as const),
    recipe: `quotes ramping to ${Math.min(n, 60)} deep over ${n} lines`,
  })),
  fc.tuple(fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 5000, max: 30000 })), fc.constantFrom('*', '_', '~', '**', '[', '![')).map(([n, mark]) => ({
    body: `${mark.repeat(n)}x${mark === '[' || mark === '![' ? ']'.repeat(n) : mark.repeat(n)}`,
    expect: n <= 100 ? ('good' as const) : ('refused' as const),
    recipe: `${mark} nested ${n} deep`,
  })),
  fc.tuple(fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 8000, max: 30000 })), fc.constantFrom('a]', '*a', '[a]', '~a', 'a[')).map(([n, unit]) => ({
    body: unit.repeat(n),
    expect: n <= 200 ? ('good' as const) : ('refused' as const),
    recipe: `${unit} × ${n} in one paragraph`,
  })),
  fc.tuple(fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 10000, max: 12000 })), fc.boolean()).map(([n, bracket]) => ({
    body: `${bracket ? 'see [notes ' : ''}${'word '.repeat(n)}`,
    expect: !bracket || n <= 1000 ? ('good' as const) : ('refused' as const),
    recipe: `a ${n * 5}-character line${bracket ? ' after an open [' : ''}`,
  })),
  fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 20000, max: 30000 })).map((n) => ({
    body: '- item\n'.repeat(n),
    expect: n <= 1000 ? ('good' as const) : ('refused' as const),
    recipe: `${n} list items`,
  })),
  fc.integer({ min: 270_000, max: 400_000 }).map((n) => ({ body: 'x'.repeat(n), expect: 'refused' as const, recipe: `${n} bytes` })),
);

// ── Whole pages ─────────────────────────────────────────────────────────────────────────────────

const good = fc.tuple(goodFrontMatter, ordinaryBody).map(([fm, body]) => ({ content: `${fm}${body}\n`, expect: 'good' as const, recipe: 'good page' }));
const warned = fc.tuple(fc.oneof(wrongTypes, wrongTitle, wrongJson), ordinaryBody).map(([fm, body]) => ({ content: `${fm}${body}\n`, expect: 'warned' as const, recipe: 'wrong field types' }));
const refusedFm = fc.tuple(brokenFrontMatter, ordinaryBody).map(([fm, body]) => ({ content: `${fm}${body}\n`, expect: 'refused' as const, recipe: 'broken front matter' }));
const odd = fc.tuple(oddFrontMatter, ordinaryBody).map(([fm, body]) => ({ content: `${fm}${body}\n`, expect: 'either' as const, recipe: `odd front matter ${fm.slice(0, 40)}` }));
const strained = fc.tuple(goodFrontMatter, straining).map(([fm, s]) => ({ content: `${fm}${s.body}\n`, expect: s.expect, recipe: s.recipe, refusedBeforeParsing: s.expect === 'refused' }));
const withNul = fc.tuple(goodFrontMatter, ordinaryBody, fc.nat()).map(([fm, body, at]) => {
  const text = `${fm}${body}\n`;
  const i = at % (text.length + 1);
  return { content: `${text.slice(0, i)}\u0000${text.slice(i)}`, expect: 'refused' as const, recipe: 'NUL byte' };
});
const bytes = fc.uint8Array({ maxLength: 2000 }).map((b) => ({ content: b, expect: (b.includes(0) ? 'refused' : 'either') as Expectation, recipe: 'random bytes' }));
const invalidUtf8 = fc.tuple(goodFrontMatter, ordinaryBody, fc.uint8Array({ minLength: 1, maxLength: 20 })).map(([fm, body, junk]) => {
  const text = Buffer.from(`${fm}${body}\n`);
  // Continuation bytes with no lead byte: never valid UTF-8, never NUL.
  const bad = Buffer.from(Array.from(junk, (b) => 0x80 | (b & 0x3f)));
  return { content: new Uint8Array(Buffer.concat([text, bad])), expect: 'good' as const, recipe: 'invalid UTF-8 at the end' };
});
const anyText = fc.string({ unit: 'binary', maxLength: 3000 }).map((s) => ({ content: s, expect: (s.includes('\u0000') ? 'refused' : 'either') as Expectation, recipe: 'random text' }));
/** The same page with Windows or old Mac line endings. */
const lineEndings = fc.tuple(good, fc.constantFrom('\r\n', '\r')).map(([p, eol]) => ({
  content: String(p.content).replace(/\n/g, eol),
  expect: (eol === '\r\n' ? 'good' : 'either') as Expectation,
  recipe: `good page with ${JSON.stringify(eol)} line endings`,
}));

/** Any kind of page, ordinary ones most often. */
export const page: fc.Arbitrary<GeneratedPage> = fc
  .oneof(
  { weight: 6, arbitrary: good },
  { weight: 2, arbitrary: warned },
  { weight: 2, arbitrary: refusedFm },
  { weight: 2, arbitrary: odd },
  { weight: 3, arbitrary: strained },
  { weight: 1, arbitrary: withNul },
  { weight: 1, arbitrary: bytes },
  { weight: 1, arbitrary: invalidUtf8 },
  { weight: 2, arbitrary: anyText },
  { weight: 1, arbitrary: lineEndings },
  )
  // A failure report names the recipe and the start of the page, not megabytes of it.
  .map((p) => ({ ...p, [fc.toStringMethod]: () => `${p.recipe} (${p.expect}): ${JSON.stringify(String(typeof p.content === 'string' ? p.content : Buffer.from(p.content).toString('latin1')).slice(0, 120))}` }));
