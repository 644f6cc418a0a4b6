/**
 * French-flavoured vocabularies and name builders for the synthetic archipelago. The words are
 * chosen so that names collide now and then (as real ones do) and full-text search has realistic
 * hit counts: common words ("association", "libre") match thousands, rare ones a handful.
 */
import type { OrganisationCategory, ProjectCategory } from '../model/vocabulary.js';
import type { Rng } from './prng.js';

/** Vocabularies are `|`-separated strings: compact to read and to diff. */
const list = (text: string): readonly string[] => text.split('|');

export const PLACES = list(
  'Lyon|Paris|Marseille|Toulouse|Nantes|Lille|Rennes|Grenoble|Strasbourg|Montpellier|Bordeaux|' +
    'Dijon|Besançon|Brest|Caen|Rouen|Tours|Angers|Poitiers|Limoges|Clermont-Ferrand|Saint-Étienne|' +
    'Nancy|Metz|Reims|Amiens|Orléans|Le Mans|Nîmes|Avignon|Perpignan|Pau|Bayonne|La Rochelle|' +
    'Quimper|Lorient|Vannes|Chambéry|Annecy|Valence|Compiègne|Troyes|Mulhouse|Colmar|Albi|Rodez|' +
    'Aurillac|Gap|Digne|Bastia|Bruxelles|Liège|Namur|Genève|Lausanne|Montréal|Québec|Dakar|Abidjan|' +
    'Tunis',
);

const REGIONS = list(
  'Auvergne-Rhône-Alpes|Bretagne|Occitanie|Grand Est|Hauts-de-France|Normandie|Nouvelle-Aquitaine|' +
    'Pays de la Loire|Bourgogne-Franche-Comté|Île-de-France|Wallonie|Romandie',
);

const THEMES = list(
  'numérique libre|logiciel libre|éducation populaire|culture libre|communs numériques|vie privée|' +
    'inclusion numérique|médiation numérique|données ouvertes|low-tech|réemploi|' +
    'économie sociale et solidaire|autohébergement|accessibilité|cartographie libre|radio libre|' +
    'archives ouvertes|sciences participatives|jardins partagés|transition écologique',
);

const ORG_WORDS = list(
  'Libre|Commun|Ouvert|Partage|Lien|Toile|Ruche|Fabrique|Atelier|Grappe|Maillon|Réseau|Passerelle|' +
    'Racine|Chantier|Forge|Rhizome|Archipel|Îlot|Brin|Pixel|Octet|Clavier|Sillon|Vague|Ressac|' +
    'Boussole|Lanterne|Ricochet|Hêtre',
);

const ADJECTIVES = list(
  'libre|solidaire|ouvert|partagé|citoyen|populaire|coopératif|éthique|décentralisé|collectif|' +
    'nomade|numérique|autonome|fédéré|local',
);

const FIRST_NAMES = list(
  'Camille|Dominique|Claude|Alix|Sacha|Morgane|Yann|Gaëlle|Maël|Léa|Hugo|Chloé|Lucas|Manon|Théo|' +
    'Inès|Louis|Jade|Nathan|Zoé|Gabriel|Louise|Arthur|Lina|Jules|Emma|Raphaël|Alice|Paul|Juliette|' +
    'Noé|Margaux|Élise|Benoît|Hélène|Pierre-Yves|Marie-Claire|Jean-Baptiste|Anne-Sophie|Frédéric|' +
    'Stéphanie|Sébastien|Aurélie|Mathieu|Cécile|Nicolas|Sophie|Thomas|Isabelle|Gwendal|Soizic|Ewen|' +
    'Nolwenn|Karim|Yasmine|Mamadou|Aïcha|Mehdi|Fatou|Tiphaine|Quentin|Armelle|Bastien',
);

const LAST_NAMES = list(
  'Martin|Bernard|Dubois|Thomas|Robert|Richard|Petit|Durand|Leroy|Moreau|Simon|Laurent|Lefebvre|' +
    'Michel|Garcia|David|Bertrand|Roux|Vincent|Fournier|Morel|Girard|André|Lefèvre|Mercier|Dupont|' +
    'Lambert|Bonnet|François|Martinez|Legrand|Garnier|Faure|Rousseau|Blanc|Guérin|Muller|Henry|' +
    'Roussel|Nicolas|Perrin|Morin|Mathieu|Clément|Gauthier|Dumont|Lopez|Fontaine|Chevalier|Robin|' +
    'Le Gall|Le Goff|Kerbrat|Tanguy|Diallo|Ndiaye|Benali|Haddad|Nguyen|Tremblay|Gagnon|Côté|' +
    'Bouchard|Pelletier|Lévesque|Caron|Marchand|Barbier|Brun|Schmitt|Colin',
);

const PSEUDONYM_PARTS = list('pouh|stph|tcit|gee|lyn|kaz|zil|mrflos|nono|pyg|ju|max');

/** Famous free-software projects: the first projects generated, hence the most connected. */
export const REAL_SOFTWARE = list(
  'PeerTube|Mobilizon|Etherpad|Nextcloud|Jitsi Meet|BigBlueButton|Mastodon|Discourse|Framadate|' +
    'Lufi|Wallabag|Loomio|Dolibarr|Galette|Gitea|GitLab|Mattermost|Rocket.Chat|Matrix|Element|' +
    'Zammad|WordPress|Dokuwiki|Mediawiki|Lstu|Yunohost|Scribouilli|Zourit|Nubo|Pixelfed|Funkwhale|' +
    'Kresus|OnlyOffice|Collabora Online|Grist|Cryptpad|Sympa|Pytition|Lemmy|Plume',
);

/** Famous organisations of the French free-software world, the next hubs after Framasoft. */
export const REAL_ORGANISATIONS = list(
  'CHATONS|La Quadrature du Net|April|Wikimédia France|CÉMÉA|Tela Botanica|LA Coalition|Mozilla|' +
    'Free Software Foundation|Picasoft|Zaclys|Exodus Privacy|Open Food Facts|OpenStreetMap France|' +
    'Sésamath|La Mouette|Ritimo|Emmabuntüs|Libre Office France|AFUL',
);

const ACRONYM_LETTERS = 'ABCDEFGHIJLMNOPRSTV';

function acronym(rng: Rng): string {
  let text = '';
  for (let i = rng.between(3, 5); i > 0; i--) text += rng.pick([...ACRONYM_LETTERS]);
  return text;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export interface NamedThing {
  name: string;
  aliases: string[];
  summary: string;
}

export function organisationName(rng: Rng, category: OrganisationCategory, place: string): NamedThing {
  const theme = rng.pick(THEMES);
  const word = rng.pick(ORG_WORDS);
  const abbr = acronym(rng);
  const byCategory: Record<OrganisationCategory, () => string> = {
    association: () =>
      rng.pick([
        `Association ${word} ${place}`,
        `${abbr} ${place}`,
        `Les Amis du ${word} de ${place}`,
        `${word} & ${rng.pick(ORG_WORDS)}`,
      ]),
    collective: () => rng.pick([`Collectif ${word} ${place}`, `Collectif ${theme} de ${place}`]),
    company: () =>
      rng.pick([`${word}${rng.pick(['Tech', 'Lab', 'Soft', 'Net'])}`, `${abbr} Conseil`, `${word} Informatique`]),
    cooperative: () => rng.pick([`SCIC ${word}`, `Coopérative ${word} ${place}`, `SCOP ${abbr}`]),
    foundation: () => `Fondation ${rng.pick(LAST_NAMES)}`,
    'public-body': () =>
      rng.pick([
        `Mairie de ${place}`,
        `Médiathèque de ${place}`,
        `Région ${rng.pick(REGIONS)}`,
        `Métropole de ${place}`,
      ]),
    university: () => rng.pick([`Université de ${place}`, `Université ${rng.pick(LAST_NAMES)} ${place}`]),
    'research-institute': () => `Laboratoire ${abbr} de ${place}`,
    school: () =>
      rng.pick([
        `Lycée ${rng.pick(LAST_NAMES)} de ${place}`,
        `Collège ${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
      ]),
    media: () =>
      rng.pick([`${word} Magazine`, `Radio ${word} ${place}`, `Le ${word} ${capitalise(rng.pick(ADJECTIVES))}`]),
    'political-party': () => `Parti ${rng.pick(ADJECTIVES)} ${place}`,
    network: () => rng.pick([`Réseau ${theme}`, `Réseau ${word} ${rng.pick(REGIONS)}`]),
    'informal-group': () => rng.pick([`Groupe ${word} ${place}`, `Apéro ${word} ${place}`]),
  };
  const name = byCategory[category]();
  return {
    name,
    aliases: rng.chance(0.1) ? [abbr] : [],
    summary: `${capitalise(category.replace('-', ' '))} de ${place} engagée pour le ${theme}.`,
  };
}

export function projectName(rng: Rng, category: ProjectCategory, software: readonly string[]): NamedThing {
  const word = rng.pick(ORG_WORDS);
  const theme = rng.pick(THEMES);
  const place = rng.pick(PLACES);
  const based = rng.pick(software);
  const byCategory: Record<ProjectCategory, () => NamedThing> = {
    software: () => ({
      name: rng.pick([
        `Frama${word.toLowerCase()}`,
        `${word}${rng.pick(['Tube', 'Pad', 'Date', 'Cloud', 'Forms'])}`,
        `Open${word}`,
      ]),
      aliases: [],
      summary: `Logiciel libre de ${theme}.`,
    }),
    'online-service': () => ({
      name: rng.pick([`${based} ${place}`, `${based} de ${word}`, `Frama${word.toLowerCase()} ${place}`]),
      aliases: [],
      summary: `Service en ligne basé sur ${based}, ouvert aux associations de ${place}.`,
    }),
    book: () => ({
      name: `${capitalise(rng.pick(ADJECTIVES))} comme ${word.toLowerCase()}`,
      aliases: [],
      summary: `Livre sur le ${theme}.`,
    }),
    guide: () => ({ name: `Guide du ${theme}`, aliases: [], summary: `Guide pratique du ${theme} à ${place}.` }),
    course: () => ({ name: `MOOC ${capitalise(theme)}`, aliases: [], summary: `Formation en ligne au ${theme}.` }),
    'research-project': () => ({ name: `Projet ${acronym(rng)}`, aliases: [], summary: `Recherche sur le ${theme}.` }),
    campaign: () => ({
      name: `Campagne ${word} ${rng.between(2012, 2021)}`,
      aliases: [],
      summary: `Campagne pour le ${theme}.`,
    }),
    'event-series': () => ({
      name: `Rencontres ${word} de ${place}`,
      aliases: [],
      summary: `Rencontres annuelles du ${theme}.`,
    }),
    website: () => ({ name: `Site ${word} ${place}`, aliases: [], summary: `Site web consacré au ${theme}.` }),
    newsletter: () => ({ name: `Lettre ${word}`, aliases: [], summary: `Lettre d'information du ${theme}.` }),
    directory: () => ({ name: `Annuaire ${word} ${place}`, aliases: [], summary: `Annuaire des acteurs du ${theme}.` }),
    'open-letter': () => ({
      name: `Tribune « Pour un ${theme} ${rng.pick(ADJECTIVES)} »`,
      aliases: [],
      summary: `Tribune publique sur le ${theme}.`,
    }),
    video: () => ({
      name: `Vidéo « ${word} ${rng.pick(ADJECTIVES)} »`,
      aliases: [],
      summary: `Vidéo publiée sur ${based}.`,
    }),
    podcast: () => ({
      name: `Podcast ${word}`,
      aliases: [],
      summary: `Podcast sur le ${theme}, diffusé sur ${based}.`,
    }),
    programme: () => ({
      name: `Programme ${word} ${place}`,
      aliases: [],
      summary: `Programme d'accompagnement au ${theme}.`,
    }),
  };
  return byCategory[category]();
}

export function personName(rng: Rng): NamedThing {
  if (rng.chance(0.08)) {
    const nick = `${rng.pick(PSEUDONYM_PARTS)}${rng.pick(PSEUDONYM_PARTS)}${rng.int(100)}`;
    return { name: nick, aliases: [], summary: 'Contributeur·ice bénévole (pseudonyme).' };
  }
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  return {
    name: `${first} ${last}`,
    aliases: rng.chance(0.05) ? [`${first.charAt(0)}. ${last}`] : [],
    summary: rng.pick(['Salarié·e associatif·ve.', 'Bénévole.', 'Chercheur·se.', 'Développeur·se.', 'Formateur·ice.']),
  };
}

export const EVENT_FORMATS = list('conférence|table ronde|atelier|install party|webinaire|stand|hackathon');

export function eventName(rng: Rng, format: string, place: string, year: number): NamedThing {
  const theme = rng.pick(THEMES);
  return {
    name: `${capitalise(format)} ${rng.pick(ORG_WORDS)} ${place} ${year}`,
    aliases: [],
    summary: `${capitalise(format)} sur le ${theme} à ${place}.`,
  };
}

export const SOURCE_SECTIONS = list(
  'Interventions publiques|Interventions dans les médias|Collectif CHATONS|LA. Coalition|' +
    'Framablog|Autres services|Équipe opérationnelle salariée|Prestataires|Partenariats|' +
    'Accompagnements|Conventions|Contributopia|Dégooglisons Internet|Perspectives|Produits',
);

/** A plausible quote of at most ~150 characters (the seed format caps quotes at 250). */
export function sourceQuote(rng: Rng, fromName: string, toName: string, verb: string): string {
  return `${fromName} ${verb} ${toName} ${rng.pick([
    'depuis plusieurs années.',
    'dans le cadre de nos actions en 2020.',
    'avec le soutien de nos donateur·ices.',
    'pour un numérique émancipateur.',
    'comme annoncé sur le Framablog.',
  ])}`.slice(0, 240);
}

export const ROLES = list('salarié·e|stagiaire|bénévole|présidence|trésorerie|intervenant·e|animation');
