import { describe, expect, it } from 'vitest';
import { RELATION_TYPE_NAMES } from '../../model/vocabulary.js';
import {
  categoryLabel,
  formatAmount,
  formatPartialDate,
  formatPeriod,
  kindLabel,
  labelled,
  pickLanguage,
  relationLabel,
  translator,
} from '../../viz/src/i18n.js';

describe('pickLanguage', () => {
  it('takes the first preferred language we speak, else English', () => {
    expect(pickLanguage(['fr-CA', 'en'])).toBe('fr');
    expect(pickLanguage(['de-DE', 'en-US', 'fr'])).toBe('en');
    expect(pickLanguage(['de'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
    expect(pickLanguage(['FR'])).toBe('fr');
  });
});

describe('translator', () => {
  it('speaks both languages', () => {
    expect(translator('fr')('viewList')).toBe('Liste');
    expect(translator('en')('viewList')).toBe('List');
  });

  it('fills parameters and picks plural forms', () => {
    const en = translator('en');
    expect(en('notFound', { slug: 'x' })).toBe('There is no entity “x”.');
    expect(en('entitiesCaption', { count: 1 })).toBe('1 entity shown');
    expect(en('entitiesCaption', { count: 3 })).toBe('3 entities shown');
    // French counts 0 and 1 as singular.
    expect(translator('fr')('entitiesCaption', { count: 0 })).toBe('0 entité affichée');
  });
});

describe('vocabulary labels', () => {
  it('names every relation type in both languages', () => {
    const labels = Object.fromEntries(
      RELATION_TYPE_NAMES.map((type) => [type, [relationLabel(type, 'en'), relationLabel(type, 'fr')]]),
    );
    expect(labels).toEqual({
      RHIZOME: ['Rhizome (co-created)', 'Rhizome (co-créé)'],
      ARCHIPELAGO: ['Archipelago (partnership)', 'Archipel (partenariat)'],
      FRIENDSHIP_CONVENTION: ['Friendship convention', "Convention d'amitié"],
      SUPPORT_CONVENTION: ['Support convention', "Convention d'accompagnement"],
      HOSTING: ['Hosting', 'Hébergement'],
      FUNDING: ['Funding', 'Financement'],
      MEMBERSHIP: ['Membership', 'Adhésion'],
      COLLABORATION: ['Collaboration', 'Collaboration'],
      WORKS_FOR: ['Works for', 'Travaille pour'],
      CONTRACTS_FOR: ['Contractor', 'Prestataire'],
      DEVELOPS: ['Develops', 'Développe'],
      CONTRIBUTES_TO: ['Contributes to', 'Contribue à'],
      AUTHORED: ['Authored', 'Auteur·ice de'],
      PUBLISHES: ['Publishes', 'Publie'],
      PART_OF: ['Part of', 'Fait partie de'],
      ORGANISES: ['Organises', 'Organise'],
      SPEAKS_AT: ['Speaks at', 'Intervient à'],
      INTERVIEWS: ['Media coverage', 'Couverture médiatique'],
      SIGNS: ['Signed', 'Signataire'],
      USES: ['Uses', 'Utilise'],
    });
  });

  it('names kinds and categories, and copes with a category it does not know', () => {
    expect(kindLabel('EVENT', 'fr')).toBe('Événement');
    expect(categoryLabel('public-body', 'en')).toBe('Public body');
    expect(categoryLabel('brand-new-thing', 'fr')).toBe('brand new thing');
  });
});

describe('formatting', () => {
  it('writes partial dates at their precision', () => {
    expect(formatPartialDate('2014', 'fr')).toBe('2014');
    expect(formatPartialDate('2019-12', 'en')).toBe('December 2019');
    expect(formatPartialDate('2019-12', 'fr')).toBe('décembre 2019');
    expect(formatPartialDate('2020-10-27', 'fr')).toBe('27 octobre 2020');
  });

  it('writes periods, open or closed', () => {
    expect(formatPeriod('2018', '2020-03', 'en')).toBe('2018 – March 2020');
    expect(formatPeriod('2018', null, 'fr')).toBe('depuis 2018');
    expect(formatPeriod(null, '2019', 'en')).toBe('until 2019');
    expect(formatPeriod('2020', '2020', 'en')).toBe('2020');
    expect(formatPeriod(null, undefined, 'en')).toBe('');
  });

  it('writes amounts in their currency and labels with each language’s colon', () => {
    expect(formatAmount(5000, 'EUR', 'en')).toBe('€5,000');
    expect(formatAmount(5000, 'EUR', 'fr').replace(/\s/g, ' ')).toBe('5 000 €');
    expect(formatAmount(12.5, null, 'en')).toBe('12.5');
    expect(labelled('Rôle', 'fr')).toBe('Rôle : ');
    expect(labelled('Role', 'en')).toBe('Role: ');
  });
});
