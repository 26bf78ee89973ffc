import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `../shared` beside the repository: third-party pages read at test time, never copied in. */
export const sharedDir = fileURLToPath(new URL('../../../shared/', import.meta.url));
const repoDir = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `../shared/<part>`, or an error saying what is missing and where it was looked for. Tests that
 * read it fail without it (never skip silently): these pages are what the extraction is held to.
 */
export function sharedPath(part: string): string {
  const path = `${sharedDir}${part}`;
  if (!existsSync(path)) {
    const what = existsSync(sharedDir) ? `${path} is missing from it` : `there is no ${sharedDir}`;
    throw new Error(
      `this test needs the shared folder beside the repository (${repoDir} → ${sharedDir}), with seed/ and corpus/ in it; ${what}. ` +
        'Check out or link it there (CI lays a copy of shared/ beside the clone).',
    );
  }
  return path;
}

/** The page the product was designed from. */
export function readSeedPage(): string {
  const dir = sharedPath('seed/');
  const name = readdirSync(dir).find((f) => /\.(txt|md)$/.test(f));
  if (!name) throw new Error(`no seed page (*.txt or *.md) in ${dir}: this test needs the seed page of the shared folder beside the repository`);
  return readFileSync(`${dir}${name}`, 'utf8');
}
