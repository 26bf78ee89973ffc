import type { SpeakerMention } from '../model/records.js';
import { nameKey } from '../model/keys.js';
import { samePerson } from './merge-talks.js';

/**
 * The people of one page. A person named twice (by legal name in one place, by 花名 in
 * another) is kept once, with every name they were given.
 */
export class SpeakerRoster {
  private readonly people: { name: string; aliases: string[]; affiliation: string | null; bio: string | null; source: SpeakerMention['source'] }[] = [];

  /** Adds a mention and returns the index of the person it names. */
  add(mention: SpeakerMention): number {
    const index = this.people.findIndex((p) => samePerson(p, mention));
    if (index === -1) {
      this.people.push({ ...mention, aliases: [...mention.aliases] });
      return this.people.length - 1;
    }
    const person = this.people[index];
    if (!person) return index;
    for (const n of [mention.name, ...mention.aliases]) {
      if (![person.name, ...person.aliases].some((m) => nameKey(m) === nameKey(n))) person.aliases.push(n);
    }
    person.affiliation ??= mention.affiliation;
    person.bio ??= mention.bio;
    return index;
  }

  mentions(): SpeakerMention[] {
    return this.people.map((p) => ({ ...p, aliases: [...p.aliases] }));
  }
}
