import { describe, expect, it } from 'vitest';
import { kindOfUrl, projectOf } from '../src/extract/links.js';

describe('projectOf', () => {
  it.each([
    ['https://github.com/sofastack/sofa-registry/projects/5', 'sofastack/sofa-registry'],
    ['https://github.com/SOFAStack/SOFA-Tracer', 'sofastack/sofa-tracer'],
    ['https://github.com/mosn/mosn.git', 'mosn/mosn'],
    ['https://github.com/sofastack', 'sofastack'],
    ['https://github.com/orgs/sofastack/people', 'sofastack'],
    ['https://www.github.com/a/b/tree/main/docs', 'a/b'],
    ['https://gitee.com/Owner/Repo/blob/x', 'gitee.com/owner/repo'],
    ['https://gitlab.com/group/project', 'gitlab.com/group/project'],
  ])('%s → %s', (url, slug) => {
    expect(projectOf(url)?.slug).toBe(slug);
  });

  it('ignores links that are not code-hosting projects', () => {
    expect(projectOf('https://example.com/a/b')).toBeNull();
    expect(projectOf('https://github.com/topics/service-mesh')).toBeNull();
    expect(projectOf('not a url')).toBeNull();
  });
});

describe('kindOfUrl', () => {
  it('tells live rooms, videos and decks by their address', () => {
    expect(kindOfUrl('http://live.bilibili.com/21954520', '')).toBe('LIVESTREAM');
    expect(kindOfUrl('https://www.bilibili.com/video/BV1xx', '')).toBe('VIDEO');
    expect(kindOfUrl('https://www.youtube.com/watch?v=1', '')).toBe('VIDEO');
    expect(kindOfUrl('https://cdn.example.com/deck.pdf', '')).toBe('SLIDES');
    expect(kindOfUrl('https://example.com/page', '')).toBeNull();
  });
});
