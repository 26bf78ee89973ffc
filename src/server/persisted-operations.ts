import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { z } from 'zod';

/** Operations a site's frontend ships, by the hex SHA-256 of their exact text. */
export type PersistedOperations = ReadonlyMap<string, string>;

export class PersistedOperationsError extends Error {}

/** `{ "<hash>": "query …" }`, as Relay and most build tools write it. */
const hashToQuery = z.record(z.string().min(1), z.string().min(1));
/** Apollo's persisted query manifest. */
const apolloManifest = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  operations: z.array(z.object({ id: z.string().min(1), body: z.string().min(1) })),
});

export function operationHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Reads `path`: a folder of `.graphql` / `.gql` files (each file one document, known by the hash
 * of its text) or a JSON manifest. Every operation is parsed and validated against the schema
 * here, so a typo fails the start, not a visitor's request.
 */
export async function readPersistedOperations(path: string, schema: GraphQLSchema): Promise<PersistedOperations> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new PersistedOperationsError(`--persisted: ${path} does not exist`);
  const entries = info.isDirectory() ? await readFolder(path) : await readManifest(path);
  const operations = new Map<string, string>();
  for (const { hash, text, origin } of entries) {
    let problems: readonly { message: string }[];
    try {
      problems = validate(schema, parse(text));
    } catch (error) {
      problems = [{ message: error instanceof Error ? error.message : String(error) }];
    }
    if (problems.length > 0) throw new PersistedOperationsError(`--persisted: ${origin}: ${problems.map((p) => p.message).join('; ')}`);
    operations.set(hash, text);
  }
  return operations;
}

interface Entry {
  readonly hash: string;
  readonly text: string;
  readonly origin: string;
}

async function readFolder(root: string): Promise<Entry[]> {
  const files = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && /\.(graphql|gql)$/i.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(file, 'utf8');
      return { hash: operationHash(text), text, origin: relative(root, file) };
    }),
  );
}

async function readManifest(file: string): Promise<Entry[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new PersistedOperationsError(`--persisted: ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const apollo = apolloManifest.safeParse(json);
  if (apollo.success) return apollo.data.operations.map((op) => ({ hash: op.id, text: op.body, origin: `${file} (${op.id})` }));
  const plain = hashToQuery.safeParse(json);
  if (plain.success) return Object.entries(plain.data).map(([hash, text]) => ({ hash, text, origin: `${file} (${hash})` }));
  throw new PersistedOperationsError(`--persisted: ${file} is neither { "<hash>": "<query>" } nor an Apollo persisted query manifest`);
}
