import type { FrontMatterTalk } from '../content/front-matter-schema.js';
import type { PageRecord, TalkRecord } from '../model/records.js';
import { projectOf } from './links.js';
import { samePerson } from './merge-talks.js';
import { ProjectList } from './projects.js';
import { ResourceList } from './resources.js';
import { SpeakerRoster } from './speaker-roster.js';
import { sameTitle } from './titles.js';

/**
 * Explicit structure wins: when the front matter lists `talks`, those are the page's talks.
 * What the body says about a talk of the same title fills only what the front matter leaves out.
 * A site's own list (`speakers: [{title, name}]`, `complete: false`) is a summary its editors may
 * not have finished: body talks it does not name are kept after it.
 */
export function applyFrontMatterTalks(page: PageRecord, stated: readonly FrontMatterTalk[], complete = true): PageRecord {
  const source = { path: page.sourcePath, line: 1 };
  const roster = new SpeakerRoster();
  const matched = stated.map((t) => page.talks.findIndex((b) => sameTitle(b.title, t.title)));
  const others = complete ? [] : page.talks.flatMap((b, i) => (matched.includes(i) ? [] : [{ talk: b, index: i }]));
  const declared: readonly FrontMatterTalk[] = [...stated, ...others.map(({ talk }) => ({ title: talk.title, speakers: [] }))];
  const fromBody = [...matched, ...others.map(({ index }) => index)];
  const talks: TalkRecord[] = declared.map((t, i) => {
    const body = page.talks[fromBody[i] ?? -1];
    const speakers = t.speakers.length
      ? t.speakers.map((s) => {
          const known = body?.speakers.map((j) => page.speakers[j]).find((p) => p !== undefined && samePerson(p, { name: s.name, aliases: s.aliases }));
          return roster.add({
            name: s.name,
            aliases: s.aliases.length ? s.aliases : (known?.aliases ?? []),
            affiliation: s.affiliation ?? known?.affiliation ?? null,
            bio: s.bio ?? known?.bio ?? null,
            source,
          });
        })
      : (body?.speakers ?? []).flatMap((j) => {
          const p = page.speakers[j];
          return p ? [roster.add(p)] : [];
        });
    return {
      title: t.title,
      abstract: t.abstract ?? body?.abstract ?? null,
      takeaways: t.takeaways ?? body?.takeaways ?? null,
      startTime: t.startTime ?? body?.startTime ?? null,
      endTime: t.endTime ?? body?.endTime ?? null,
      speakers,
      source: body?.source ?? source,
    };
  });

  // Body resources and projects follow their talk to its new index; declared links are added to
  // their talk, before the body's, so the front matter's kind and title win for a link both give.
  const newIndexOf = (bodyIndex: number | null) => {
    const i = bodyIndex === null ? -1 : fromBody.indexOf(bodyIndex);
    return i === -1 ? null : i;
  };
  const resources = new ResourceList();
  declared.forEach((t, i) => {
    for (const link of t.slides ?? []) resources.add(link.url, link.title ?? t.title, 'SLIDES', i, source);
    for (const link of t.video ?? []) resources.add(link.url, link.title ?? t.title, 'VIDEO', i, source);
  });
  for (const r of page.resources) resources.add(r.url, r.title, r.kind, newIndexOf(r.talk), r.source);

  const projects = new ProjectList();
  for (const p of page.projects) projects.add(p, p.talks.flatMap((t) => newIndexOf(t) ?? []), p.source);
  declared.forEach((t, i) => {
    for (const url of t.projects ?? []) {
      const ref = projectOf(url);
      if (ref) projects.add({ slug: ref.slug, url: ref.url, label: ref.name }, [i], source);
    }
  });

  return {
    ...page,
    talks,
    speakers: roster.mentions(),
    resources: resources.list(talks.length),
    projects: projects.list(),
  };
}
