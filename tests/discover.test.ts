import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverPages } from '../src/content/discover.js';
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
