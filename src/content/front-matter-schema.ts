import { z } from 'zod';

/**
 * The front-matter fields this service reads. Each field is validated on its own so one bad
 * field is reported and dropped while the rest of the page is still served. Unknown fields are
 * left alone: Hugo sites carry many of their own.
 */

const text = z.string().trim().min(1);
const stringList = z.union([text.transform((s) => [s]), z.array(text)]);
const clock = z.string().regex(/^\d{1,2}[:：]\d{2}$/, 'expected a time of day like 13:30');

const speakerEntry = z.union([
  text.transform((name) => ({ name, aliases: [] as string[], affiliation: undefined, bio: undefined })),
  z.object({
    name: text,
    aliases: stringList.optional().default([]),
    affiliation: text.optional(),
    bio: text.optional(),
  }),
]);

const linkEntry = z.union([
  z.url().transform((url) => ({ url, title: undefined as string | undefined })),
  z.object({ url: z.url(), title: text.optional() }),
]);
const links = z.union([linkEntry.transform((l) => [l]), z.array(linkEntry)]);

const talkEntry = z.object({
  title: text,
  speakers: z.array(speakerEntry).optional().default([]),
  abstract: text.optional(),
  takeaways: z.union([text, z.array(text).transform((lines) => lines.join('\n'))]).optional(),
  startTime: clock.optional(),
  endTime: clock.optional(),
  slides: links.optional(),
  video: links.optional(),
  projects: z.array(z.url()).optional(),
});

/** `2021-02-30` and `2021-13-45` match the shape of a date but name no day. */
function isRealDay(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y ?? 0, (m ?? 0) - 1, d ?? 0));
  return day.getUTCFullYear() === y && day.getUTCMonth() === (m ?? 0) - 1 && day.getUTCDate() === d;
}

export const frontMatterFields = {
  title: text,
  description: z.string().trim(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}/, 'expected a date like 2021-07-24 or 2021-07-24T15:00:00+08:00')
    .refine(isRealDay, 'no such day in the calendar (month 01–12, a day that month has)'),
  tags: stringList,
  categories: stringList,
  cover: text,
  city: text,
  venue: text,
  format: z
    .string()
    .transform((s) => s.trim().toUpperCase())
    .pipe(z.enum(['OFFLINE', 'ONLINE', 'HYBRID'])),
  startTime: clock,
  endTime: clock,
  series: text,
  edition: z.coerce.number().int().nonnegative(),
  talks: z.array(talkEntry),
} as const;

type Fields = typeof frontMatterFields;
export type FrontMatter = { [K in keyof Fields]?: z.output<Fields[K]> };
export type FrontMatterTalk = z.output<typeof talkEntry>;

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** Validates the known fields one by one; invalid ones are left out and reported by path. */
export function validateFrontMatter(data: Record<string, unknown>): { value: FrontMatter; problems: FieldProblem[] } {
  const value: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const [field, schema] of Object.entries(frontMatterFields)) {
    const raw = data[field];
    if (raw === undefined || raw === null) continue;
    const result = schema.safeParse(raw);
    if (result.success) {
      value[field] = result.data;
      continue;
    }
    for (const issue of result.error.issues) {
      problems.push({ field: [field, ...issue.path.map(String)].join('.'), message: issue.message });
    }
  }
  return { value: value as FrontMatter, problems };
}
