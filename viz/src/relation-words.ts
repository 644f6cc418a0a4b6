/**
 * Relations in words. The legend's labels are nouns ("Hosting"); a path is read as sentences
 * ("Framasoft hosts Picasoft"), and a chain walked against a relation's direction needs the other
 * voice ("Picasoft is hosted by Framasoft"), so each type has both.
 *
 * Pure, like i18n.ts: the language is passed in.
 */
import type { RelationType } from '../../model/vocabulary.js';
import { type Lang, relationLabel } from './i18n.js';

interface Phrases {
  /** Between the relation's `from` and its `to`: "{from} hosts {to}". */
  forward: string;
  /** Between its `to` and its `from`: "{to} is hosted by {from}". */
  backward: string;
}

const both = (phrase: string): Phrases => ({ forward: phrase, backward: phrase });

// A full record: adding a relation type to the vocabulary fails the type check here until it is worded.
const PHRASES: Record<RelationType, Record<Lang, Phrases>> = {
  RHIZOME: {
    en: { forward: 'co-created', backward: 'was co-created by' },
    fr: { forward: 'a co-créé', backward: 'a été co-créé par' },
  },
  ARCHIPELAGO: { en: both('partners with'), fr: both('est partenaire de') },
  FRIENDSHIP_CONVENTION: {
    en: both('has a friendship convention with'),
    fr: both("a une convention d'amitié avec"),
  },
  SUPPORT_CONVENTION: {
    en: { forward: 'supports (by convention)', backward: 'is supported (by convention) by' },
    fr: { forward: 'accompagne (par convention)', backward: 'est accompagné (par convention) par' },
  },
  HOSTING: {
    en: { forward: 'hosts', backward: 'is hosted by' },
    fr: { forward: 'héberge', backward: 'est hébergé par' },
  },
  FUNDING: {
    en: { forward: 'funds', backward: 'is funded by' },
    fr: { forward: 'finance', backward: 'est financé par' },
  },
  MEMBERSHIP: {
    en: { forward: 'is a member of', backward: 'has as a member' },
    fr: { forward: 'est membre de', backward: 'a pour membre' },
  },
  COLLABORATION: { en: both('collaborates with'), fr: both('collabore avec') },
  WORKS_FOR: {
    en: { forward: 'works for', backward: 'employs' },
    fr: { forward: 'travaille pour', backward: 'emploie' },
  },
  CONTRACTS_FOR: {
    en: { forward: 'is a contractor for', backward: 'hires as a contractor' },
    fr: { forward: 'est prestataire de', backward: 'a pour prestataire' },
  },
  DEVELOPS: {
    en: { forward: 'develops', backward: 'is developed by' },
    fr: { forward: 'développe', backward: 'est développé par' },
  },
  CONTRIBUTES_TO: {
    en: { forward: 'contributes to', backward: 'has a contribution from' },
    fr: { forward: 'contribue à', backward: 'reçoit une contribution de' },
  },
  AUTHORED: {
    en: { forward: 'authored', backward: 'was written by' },
    fr: { forward: 'est auteur·ice de', backward: 'a pour auteur·ice' },
  },
  PUBLISHES: {
    en: { forward: 'publishes', backward: 'is published by' },
    fr: { forward: 'publie', backward: 'est publié par' },
  },
  PART_OF: {
    en: { forward: 'is part of', backward: 'includes' },
    fr: { forward: 'fait partie de', backward: 'comprend' },
  },
  ORGANISES: {
    en: { forward: 'organises', backward: 'is organised by' },
    fr: { forward: 'organise', backward: 'est organisé par' },
  },
  SPEAKS_AT: {
    en: { forward: 'speaks at', backward: 'has as a speaker' },
    fr: { forward: 'intervient à', backward: 'a pour intervenant·e' },
  },
  INTERVIEWS: {
    en: { forward: 'covered', backward: 'was covered by' },
    fr: { forward: 'a parlé de', backward: 'a été évoqué par' },
  },
  SIGNS: {
    en: { forward: 'signed', backward: 'was signed by' },
    fr: { forward: 'a signé', backward: 'a été signé par' },
  },
  USES: {
    en: { forward: 'uses', backward: 'is used by' },
    fr: { forward: 'utilise', backward: 'est utilisé par' },
  },
};

/**
 * The words between two entities of a relation: `forward` reads from its `from` to its `to`
 * ("hosts"), backward the other way ("is hosted by"). An unknown type (an API newer than this
 * build) falls back on its legend label between dashes.
 */
export function relationPhrase(type: RelationType, forward: boolean, lang: Lang): string {
  const phrases = PHRASES[type]?.[lang];
  if (!phrases) return `— ${relationLabel(type, lang)} —`;
  return forward ? phrases.forward : phrases.backward;
}

/** "Framasoft hosts Picasoft": a relation in words, in its own direction. */
export function relationSentence(type: RelationType, from: string, to: string, lang: Lang): string {
  return `${from} ${relationPhrase(type, true, lang)} ${to}`;
}
