import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { defaultVocabulary, extendVocabulary, type LabelRole, type Vocabulary } from '../extract/vocabulary.js';

const roles = Object.keys(defaultVocabulary.labels) as [LabelRole, ...LabelRole[]];
const words = z.array(z.string().trim().min(1));

/** `{ "labels": { "speaker": ["主讲嘉宾"] }, "nonTalk": ["颁奖"] }`: words added to the defaults. */
const extensionSchema = z
  .object({
    labels: z.partialRecord(z.enum(roles), words).optional(),
    nonTalk: words.optional(),
  })
  .strict();

export class VocabularyFileError extends Error {}

/** Reads a site's vocabulary file and returns the default vocabulary extended by it. */
export async function readVocabularyFile(path: string): Promise<Vocabulary> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new VocabularyFileError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = extensionSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new VocabularyFileError(`${path}: ${problems} (known label roles: ${roles.join(', ')})`);
  }
  return extendVocabulary(parsed.data);
}
