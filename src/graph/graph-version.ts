import { randomBytes } from 'node:crypto';

/**
 * Tells graphs apart. The process part keeps a restarted service (or a second replica) from
 * reusing the ids of an earlier one, so a client never takes new content for a version it saw.
 */
const processPart = randomBytes(4).toString('hex');
let built = 0;

/** An id no other graph has; each graph gets one when it is built, so a swap always changes it. */
export function newGraphVersion(): string {
  built++;
  return `${processPart}-${built}`;
}
