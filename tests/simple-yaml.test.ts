import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { generateContent } from '../bench/generate.js';
import { fullYaml, type DuplicateKey } from '../src/content/front-matter.js';
import { readSimpleYaml } from '../src/content/simple-yaml.js';
import { sharedPath } from './helpers/shared.js';

/**
 * The fast reader of simple front matter against the yaml package: wherever the fast reader gives
 * a value, the full parse must give the same value (types, key order, -0, NaN) without an error
 * or a duplicate key; elsewhere it must step aside (`undefined`).
 */

/** A value with its types spelled out, key order kept, so `toEqual` compares exactly. */
function exact(value: unknown): unknown {
  if (value === null) return 'null';
  if (typeof value === 'number') return `number:${Object.is(value, -0) ? '-0' : String(value)}`;
  if (typeof value === 'string') return `string:${value}`;
  if (typeof value === 'boolean') return `boolean:${value}`;
  if (Array.isArray(value)) return ['array', ...value.map(exact)];
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return ['object', ...Object.keys(value).map((k) => [k, exact((value as Record<string, unknown>)[k])])];
  }
  return `other:${typeof value}:${String(value)}`;
}

/** Checks one block; returns whether the fast reader took it. */
function agrees(source: string): boolean {
  const fast = readSimpleYaml(source);
  if (fast === undefined) return false;
  const duplicates: DuplicateKey[] = [];
  let full: unknown;
  try {
    full = fullYaml(source, duplicates);
  } catch (error) {
    throw new Error(`the fast reader read ${JSON.stringify(source)} as ${JSON.stringify(fast)}; the yaml package refuses it: ${String(error)}`);
  }
  expect(duplicates, JSON.stringify(source)).toEqual([]);
  expect(exact(fast), JSON.stringify(source)).toEqual(exact(full));
  return true;
}

/** The block gray-matter hands the YAML engine for a page, as front-matter.ts receives it. */
function yamlBlockOf(text: string): string | null {
  let block: string | null = null;
  const capture = (source: string) => {
    block = source;
    return {};
  };
  try {
    matter(text.replace(/^\uFEFF/, ''), { engines: { yaml: capture } });
  } catch {
    return null;
  }
  return block;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => join(e.parentPath, e.name));
}

// ── Generated front matter ─────────────────────────────────────────────────────────────────────

/** Scalars that read as something other than a string, or almost do, or that YAML reads specially. */
const trickyText = fc.constantFrom(
  ...['0123', '0o17', '0o8', '0x1F', '0xG', '1e3', '1E-3', '.5', '5.', '-1', '+1', '-0', '+0', '-0.0', '1_000', '1,000', '12:30', '1:2', '190:20:30'],
  ...['.inf', '-.inf', '+.INF', '.nan', '.NaN', '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'Y'],
  ...['2020-02-10', '2020-02-10T10:00:00+08:00', '2021-07-24 15:00:00', '2001-12-14t21:59:43.10-05:00', '20:00-21:00'],
  ...['a: b', 'a:b', 'a:', ':a', 'a #b', 'a#b', '#x', 'a # b', 'http://x.y/z?a=1#frag', '//player.example.com/p.html?aid=1&b=2', 'a=>b'],
  ...['"', "'", 'a"b', "a'b", '[a]', '[a, b', '{a: 1}', '&a x', '*a', '!tag x', '!!str 1', '|', '>', '- x', '-x', '? x', '?x', '%x', '@x', '`x`', 'a, b', 'a ]', 'a }'],
  ...['\\', 'a\\nb', '\\"', '\\u0041', '\\x41', '\\t', '\\/', '\\ ', '\\_', '\\N', '\\z', '\\a', '\\b', '\\e', '\\f', '\\v', '\\0', '\\r', '\\L', '\\P', '\\\\', '---', '...', '--- x', '<<', '=', 'a\tb', '\t', '\u00a0x', 'x\u3000', '\u3000', '\u2028', '\ufeff', '\u0085'],
  ...['活动时间：2021 年 07 月 24 日', '合肥站-SOFA 微服务', 'Mærsk', '😀 emoji', 'a  b', ' ', '', '  x  '],
);
const text = fc.oneof(
  { weight: 4, arbitrary: trickyText },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z0-9 .:#,\-\u4e00-\u4e05]{0,12}$/) },
);
/** Text that mostly reads fast: words, numbers and dates, with the odd tricky one. */
const friendlyText = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-zA-Z0-9 .:#,\-\u4e00-\u4e05\u00e6]{1,16}$/) },
  { weight: 2, arbitrary: fc.constantFrom('0123', '1e3', '.5', '+1', '~', 'null', 'True', 'yes', 'off', '2020-02-10T10:00:00+08:00', '12:30', 'http://x.y/z?a=1#frag') },
  { weight: 1, arbitrary: text },
);
/** A double-quoted scalar made of YAML's escapes (every one of them) and plain letters. */
const escapes = ['0', 'a', 'b', 'e', 'f', 'n', 'r', 't', 'v', 'N', '_', 'L', 'P', ' ', '"', '/', '\\', 'x41', 'u00e6', 'U0001F600', 'z', 'x4', 'u12'].map((e) => `\\${e}`);
const escaped = fc.array(fc.oneof(fc.constantFrom(...escapes), fc.stringMatching(/^[a-z ]{0,3}$/)), { maxLength: 4 }).map((parts) => `"${parts.join('')}"`);
/** A scalar as written on a line: bare, "double" (JSON's escapes, or YAML's own) or 'single' quoted. */
const scalarOf = (t: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 3, arbitrary: t },
    escaped,
    t.map((v) => JSON.stringify(v)),
    t.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`),
    t.map((v) => `"${v}"`),
    t.map((v) => `'${v.replace(/'/g, "''")}'`),
    t.map((v) => `'${v}'`),
  );
const key = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('title', 'date', 'tags', 'description', 'cover-image', 'a.b', 'k_2', 'section1', 'speakers', 'name', 'a') },
  fc.constantFrom('1', '01', '1.5', 'true', 'null', '~', 'yes', 'on', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '"quoted"', "'q'", 'a b', 'a:b', '-a', '? a', '<<', 'x'.repeat(200)),
  fc.stringMatching(/^[A-Za-z0-9_][\w.-]{0,8}$/),
);
const spaces = fc.constantFrom('', '', '', ' ', '  ', '\t');

interface Style {
  readonly scalar: fc.Arbitrary<string>;
  readonly key: fc.Arbitrary<string>;
  readonly spaces: fc.Arbitrary<string>;
  /** Weight of lines that are rarely simple (comments, continuations, stray items, markers). */
  readonly odd: number;
}

/** Lines of a block at column `indent`, nested up to `depth` more levels. */
function block(style: Style, indent: number, depth: number): fc.Arbitrary<string[]> {
  const { scalar, key, spaces, odd } = style;
  const pad = ' '.repeat(indent);
  const deeper = fc.constantFrom(2, 2, 4, 1, 0);
  const flowList = fc.tuple(fc.array(scalar, { maxLength: 4 }), fc.constantFrom(', ', ',', ' , ', ',  ')).map(([items, sep]) => `[${items.join(sep)}]`);
  const inline = fc.oneof({ weight: 4, arbitrary: scalar }, flowList, fc.constant(''));
  const entries: fc.WeightedArbitrary<string[]>[] = [
    { weight: 5, arbitrary: fc.tuple(key, inline, spaces).map(([k, v, s]) => [`${pad}${k}:${v === '' ? '' : ' '}${v}${s}`]) },
    { weight: 1, arbitrary: fc.tuple(key, fc.array(fc.tuple(deeper, inline), { minLength: 1, maxLength: 3 })).map(([k, items]) => [`${pad}${k}:`, ...items.map(([d, v]) => `${pad}${' '.repeat(d)}- ${v}`)]) },
  ];
  if (depth > 0) {
    entries.push(
      { weight: 1, arbitrary: fc.tuple(key, deeper).chain(([k, d]) => block(style, indent + d, depth - 1).map((lines) => [`${pad}${k}:`, ...lines])) },
      {
        weight: 1,
        arbitrary: fc.tuple(key, fc.array(block(style, 0, depth - 1), { minLength: 1, maxLength: 2 }), deeper).map(([k, maps, d]) => [
          `${pad}${k}:`,
          ...maps.flatMap((lines) => lines.map((l, i) => `${pad}${' '.repeat(d)}${i === 0 ? '- ' : '  '}${l}`)),
        ]),
      },
    );
  }
  if (odd > 0) entries.push({ weight: odd, arbitrary: fc.constantFrom([''], ['  '], [`${pad}# a comment`], [`${pad}  continued`], [`${pad}- stray`], ['...'], ['%YAML 1.2']) });
  return fc.array(fc.oneof(...entries), { minLength: 1, maxLength: 6 }).map((lines) => lines.flat());
}

const hostile: Style = { scalar: scalarOf(text), key, spaces, odd: 1 };
const friendly: Style = { scalar: scalarOf(friendlyText), key: fc.stringMatching(/^[a-z][a-z0-9_-]{1,8}$/), spaces: fc.constantFrom('', '', ' '), odd: 0 };
const frontMatter = fc.oneof(
  { weight: 6, arbitrary: block(hostile, 0, 2).map((lines) => `\n${lines.join('\n')}\n`) },
  { weight: 6, arbitrary: block(friendly, 0, 2).map((lines) => `\n${lines.join('\n')}\n`) },
  block(hostile, 0, 1).map((lines) => lines.join('\n')),
  fc.tuple(fc.constantFrom(1, 2), block(friendly, 0, 1)).map(([d, lines]) => lines.map((l) => ' '.repeat(d) + l).join('\n')),
  fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }), { maxLength: 5 }).map((lines) => `\n${lines.join('\n')}\n`),
  fc.constantFrom('', '\n', '\n\n  \n', '\n---\n', '\n- a\n- b\n', '\n42\n', '\ntitle: x\ntitle: y\n', '\na: &x 1\nb: *x\n', '\nt: |\n  a\n', '\nt: >-\n  a\n  b\n'),
);

describe('simple front matter read without the yaml package', () => {
  it('gives what the yaml package gives, or steps aside, on generated front matter', () => {
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(frontMatter, (source) => {
        runs++;
        if (agrees(source)) taken++;
      }),
      { numRuns: process.env.LONG_TESTS ? 60_000 : 6_000, seed: 2212 },
    );
    // The generator must exercise the fast reader, not only its refusals.
    expect(taken / runs).toBeGreaterThan(0.12);
  });

  it('gives what the yaml package gives on every front matter of the shared corpus, the fixtures, the sample content and generated pages', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'simple-yaml-'));
    try {
      await generateContent(dir, 60);
      const files = [sharedPath('corpus'), 'tests/fixtures', 'content', dir].flatMap(markdownFiles);
      const blocks = files.flatMap((f) => yamlBlockOf(readFileSync(f, 'utf8')) ?? []);
      expect(blocks.length).toBeGreaterThan(150);
      const taken = blocks.filter(agrees).length;
      // The common shapes are read fast: every generated page, and most real ones.
      expect(taken / blocks.length).toBeGreaterThan(0.9);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads the shapes pages write', () => {
    const source = [
      '',
      'title: "SOFAStack Meetup#7 合肥站-SOFA 微服务"',
      "author: 'It''s us'",
      'date: 2021-07-24T15:00:00+08:00',
      'tags: ["SOFAMeetup", 中间件, 0123]',
      'edition: 0123',
      'draft: false',
      'cover:',
      'link: https://example.com/a?b=c#d',
      'section1:',
      '  snapshot: ',
      '  time: 2021-05-29 13:00-18:00',
      'speakers:',
      '  - title: A journey => A developer',
      '    name: Zoey Zou',
      '  - name: "Sumit"',
      'keywords:',
      '- a',
      '- 1.5',
      '',
    ].join('\n');
    expect(agrees(source)).toBe(true);
    expect(readSimpleYaml(source)).toEqual({
      title: 'SOFAStack Meetup#7 合肥站-SOFA 微服务',
      author: "It's us",
      date: '2021-07-24T15:00:00+08:00',
      tags: ['SOFAMeetup', '中间件', 123],
      edition: 123,
      draft: false,
      cover: null,
      link: 'https://example.com/a?b=c#d',
      section1: { snapshot: null, time: '2021-05-29 13:00-18:00' },
      speakers: [{ title: 'A journey => A developer', name: 'Zoey Zou' }, { name: 'Sumit' }],
      keywords: ['a', 1.5],
    });
  });

  it('leaves to the yaml package what it does not fully handle', () => {
    for (const source of ['\na: &x 1\nb: *x\n', '\nt: |\n  a\n', '\ntitle: a\n  b\n', '\n# c\ntitle: a\n', '\ntitle: a # c\n', '\ntitle: x\ntitle: y\n', '\nm: {a: 1}\n', '\nt: !!str 1\n', '\nt: "\\u0041"\n', '\r\nt: a\r\n', '\n"t": a\n', '\n1: a\n']) {
      expect(readSimpleYaml(source), JSON.stringify(source)).toBeUndefined();
    }
  });
});
