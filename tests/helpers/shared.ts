import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `../shared` beside the repository: third-party pages read at test time, never copied in. */
export const sharedDir = fileURLToPath(new URL('../../../shared/', import.meta.url));

/** The page the product was designed from. */
export function readSeedPage(): string {
  const dir = `${sharedDir}seed/`;
  const name = readdirSync(dir).find((f) => /\.(txt|md)$/.test(f));
  if (!name) throw new Error(`no seed page in ${dir}`);
  return readFileSync(`${dir}${name}`, 'utf8');
}

export const hasShared = existsSync(`${sharedDir}seed`);
