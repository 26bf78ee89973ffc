import { describe, expect, it } from 'vitest';
import { VersionAudit } from './helpers/version-audit.js';

// The load test passes only if this audit finds nothing; these show what it does find.

/** Versions "v1" (from the start) and "v2" (swapped in at t=100); content is a title. */
function audit() {
  const a = new VersionAudit<string>({ version: 'v1', state: 'old title' }, (_query, data, title) => {
    const got = (data as { title: string }).title;
    return got === title ? [] : [`title ${got}, version has ${title}`];
  });
  a.swapped('v2', 100, 'new title');
  return a;
}

const body = (version: string, title: string) => JSON.stringify({ data: { contentVersion: version, title } });
const answer = (version: string, title: string, sentAt: number, receivedAt: number) => ({
  query: 'q',
  status: 200,
  body: body(version, title),
  sentAt,
  receivedAt,
});

describe('version audit', () => {
  it('accepts answers of the version current while they were in flight', () => {
    const a = audit();
    a.observe(answer('v1', 'old title', 10, 20));
    a.observe(answer('v1', 'old title', 90, 110));
    a.observe(answer('v2', 'new title', 90, 110));
    a.observe(answer('v2', 'new title', 120, 130));
    expect(a.problems).toEqual({ count: 0, first: [] });
    expect(a.versionsAnswered).toBe(2);
  });

  it('flags an old version served for a request sent after the swap, as a cache that was not emptied would', () => {
    const a = audit();
    a.observe(answer('v1', 'old title', 10, 20));
    a.observe(answer('v1', 'old title', 120, 130));
    expect(a.problems.first).toEqual(['q: stale answer: version v1 was replaced by v2 before the request was sent']);
  });

  it('flags a version that answered before it existed', () => {
    const a = audit();
    a.observe(answer('v2', 'new title', 10, 20));
    expect(a.problems.count).toBe(1);
  });

  it('flags two different answers naming one version', () => {
    const a = audit();
    a.observe(answer('v2', 'new title', 120, 130));
    a.observe({ ...answer('v2', 'new title', 120, 130), body: body('v2', 'new title').replace('}}', ',"extra":1}}') });
    expect(a.problems.count).toBe(1);
    expect(a.problems.first[0]).toMatch(/two different answers for version v2/);
  });

  it('flags an answer whose facts belong to another version than the one it names', () => {
    const a = audit();
    a.observe(answer('v2', 'old title', 120, 130));
    expect(a.problems.first).toEqual(['q: title old title, version has new title']);
  });

  it('flags errors, other statuses, unknown or missing versions and bytes it cannot compare', () => {
    const a = audit();
    a.observe({ ...answer('v2', 'x', 120, 130), body: JSON.stringify({ errors: [{ message: 'boom' }], data: { contentVersion: 'v2' } }) });
    a.observe({ ...answer('v2', 'new title', 120, 130), status: 500 });
    a.observe(answer('v9', 'new title', 120, 130));
    a.observe({ ...answer('v2', 'new title', 120, 130), body: '{"data":{}}' });
    a.observe(answer('v2', '新', 120, 130));
    expect(a.problems.count).toBe(5);
  });
});
