import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/content/markdown.js';
import { kindOfUrl, projectOf } from '../src/extract/links.js';
import { linksIn } from '../src/extract/mdast.js';

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

  it('takes an event page on a sign-up platform for the sign-up, but not the group home', () => {
    expect(kindOfUrl('https://www.meetup.com/example-js/events/300100200/', '')).toBe('SIGNUP');
    expect(kindOfUrl('https://www.eventbrite.com/e/frontend-night-tickets-1234', '')).toBe('SIGNUP');
    expect(kindOfUrl('https://lu.ma/abc123', '')).toBe('SIGNUP');
    expect(kindOfUrl('https://www.meetup.com/example-js/', '')).toBeNull();
  });
});

describe('embedded players', () => {
  it('are videos, written protocol-relative or not, and a channel home is not one', () => {
    expect(kindOfUrl('//player.bilibili.com/player.html?aid=1&bvid=BV1', '')).toBe('VIDEO');
    expect(kindOfUrl('https://player.bilibili.com/player.html?aid=1', '')).toBe('VIDEO');
    expect(kindOfUrl('https://www.youtube-nocookie.com/embed/abc', '')).toBe('VIDEO');
    expect(kindOfUrl('https://space.bilibili.com/438908638', '')).toBeNull();
  });

  it('a channel, a user page or a video site home is no recording, whatever its text says', () => {
    expect(kindOfUrl('https://www.youtube.com/c/ExampleChannel', 'our recordings')).toBeNull();
    expect(kindOfUrl('https://www.youtube.com/channel/UC0123456789', '')).toBeNull();
    expect(kindOfUrl('https://www.youtube.com/@example', 'video')).toBeNull();
    expect(kindOfUrl('https://vimeo.com/examplegroup', '')).toBeNull();
    expect(kindOfUrl('https://vimeo.com/123456789', '')).toBe('VIDEO');
    expect(kindOfUrl('https://www.youtube.com/watch?v=abc123def45', '')).toBe('VIDEO');
  });

  it('are found in raw HTML as links of the block that holds them, kept as written', () => {
    const tree = parseMarkdown('## 题目\n\n<iframe width="760" src="//player.bilibili.com/player.html?aid=7&page=1" allowfullscreen="true"> </iframe>\n');
    expect(linksIn(tree).map((l) => [l.url, l.line])).toEqual([['//player.bilibili.com/player.html?aid=7&page=1', 3]]);
  });
});
