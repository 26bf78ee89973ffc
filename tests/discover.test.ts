import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverPages, pathDateOf } from '../src/content/discover.js';
import { tempContent } from './helpers/temp-content.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

describe('discoverPages', () => {
  it('derives slug, language and kind of page from the path, in path order', async () => {
    const t = await tempContent({
      'zh/activities/meetup-1/index.md': '',
      'zh/activities/_index.md': '',
      'en/activities/meetup-1/index.md': '',
      'posts/leaf-page.markdown': '',
      'zh/activities/meetup-1/cover.png': '',
      'notes.txt': '',
      'top.md': '',
    });
    cleanup = t.cleanup;
    const pages = await discoverPages(t.dir);
    expect(pages.map(({ sourcePath, slug, language, isSection }) => ({ sourcePath, slug, language, isSection }))).toEqual([
      { sourcePath: 'en/activities/meetup-1/index.md', slug: 'meetup-1', language: 'en', isSection: false },
      { sourcePath: 'posts/leaf-page.markdown', slug: 'leaf-page', language: null, isSection: false },
      { sourcePath: 'top.md', slug: 'top', language: null, isSection: false },
      { sourcePath: 'zh/activities/_index.md', slug: 'activities', language: 'zh', isSection: true },
      { sourcePath: 'zh/activities/meetup-1/index.md', slug: 'meetup-1', language: 'zh', isSection: false },
    ]);
  });

  it('names a README or a dated post by what it is about, not by its file name or date', async () => {
    const t = await tempContent({
      '2020-06/README.md': '',
      'README.md': '',
      '_posts/2019-11-21-november-meetup.md': '',
      'blog/2021/06/24/hooks-night.md': '',
      'blog/2022-03-01-spring-social/index.md': '',
    });
    cleanup = t.cleanup;
    const pages = await discoverPages(t.dir);
    expect(pages.map((p) => [p.sourcePath, p.slug])).toEqual([
      ['2020-06/README.md', '2020-06'],
      ['README.md', 'readme'],
      ['_posts/2019-11-21-november-meetup.md', 'november-meetup'],
      ['blog/2021/06/24/hooks-night.md', 'hooks-night'],
      ['blog/2022-03-01-spring-social/index.md', 'spring-social'],
    ]);
  });

  it('reads the day a path gives a page, and only real days', () => {
    expect(pathDateOf('_posts/2019-11-21-november-meetup.md')).toBe('2019-11-21');
    expect(pathDateOf('blog/2021/06/24/hooks-night.md')).toBe('2021-06-24');
    expect(pathDateOf('2020-06/README.md')).toBe('2020-06-01');
    expect(pathDateOf('blog/2022-03-01-spring-social/index.md')).toBe('2022-03-01');
    expect(pathDateOf('_posts/2021-13-45-impossible.md')).toBeNull();
    expect(pathDateOf('zh/activities/meetup-1/index.md')).toBeNull();
  });

  it('does not follow symbolic links out of the content folder', async () => {
    const outside = await tempContent({ 'secret/index.md': '---\ntitle: outside\n---\n' });
    const t = await tempContent({ 'inside/index.md': '' });
    cleanup = async () => {
      await t.cleanup();
      await outside.cleanup();
    };
    await symlink(join(outside.dir, 'secret'), join(t.dir, 'linked'));
    await symlink(join(outside.dir, 'secret', 'index.md'), join(t.dir, 'linked.md'));
    const pages = await discoverPages(t.dir);
    expect(pages.map((p) => p.sourcePath)).toEqual(['inside/index.md']);
  });
});
