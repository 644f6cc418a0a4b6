/**
 * Words and name templates of the synthetic archipelago, French like the report. The vocabularies
 * are small so that names collide now and then, as real ones do, and a search word matches from a
 * handful of entities ("Sillon") to thousands ("Association").
 *
 * A template is a `|`-separated list of patterns; `{key}` is filled from the vocabulary of that
 * key, once per entity (a place in a name is the same place in its summary).
 *
 * Usage: `named(rng, 'Association {w} {p}|{a} {p}', 'Association de {p}.', { p: 'Lyon' })`.
 */
import type { OrganisationCategory, ProjectCategory } from '../model/vocabulary.js';
import type { Rng } from './prng.js';

/** Vocabularies are `|`-separated strings: compact to read and to diff. */
const list = (text: string): readonly string[] => text.split('|');

export const PLACES = list(
  'Lyon|Paris|Marseille|Toulouse|Nantes|Lille|Rennes|Grenoble|Strasbourg|Montpellier|Bordeaux|Dijon|Besançon|' +
    'Brest|Caen|Rouen|Tours|Angers|Poitiers|Limoges|Clermont-Ferrand|Saint-Étienne|Nancy|Metz|Reims|Amiens|' +
    'Orléans|Le Mans|Nîmes|Avignon|Perpignan|Pau|Bayonne|La Rochelle|Quimper|Lorient|Vannes|Chambéry|Annecy|' +
    'Valence|Troyes|Mulhouse|Albi|Rodez|Gap|Bastia|Bruxelles|Liège|Namur|Genève|Lausanne|Montréal|Québec|Dakar|Tunis',
);

/** Famous free-software projects: the first projects generated, hence the most connected. */
export const REAL_SOFTWARE = list(
  'PeerTube|Mobilizon|Etherpad|Nextcloud|Jitsi Meet|BigBlueButton|Mastodon|Discourse|Framadate|Lufi|Wallabag|' +
    'Loomio|Dolibarr|Galette|Gitea|GitLab|Mattermost|Rocket.Chat|Matrix|Element|Zammad|WordPress|Dokuwiki|' +
    'Mediawiki|Lstu|Yunohost|Scribouilli|Zourit|Nubo|Pixelfed|Funkwhale|Kresus|OnlyOffice|Collabora Online|Grist|' +
    'Cryptpad|Sympa|Pytition|Lemmy|Plume',
);

/** Famous organisations of the French free-software world, the next hubs after Framasoft. */
export const REAL_ORGANISATIONS = list(
  'CHATONS|La Quadrature du Net|April|Wikimédia France|CÉMÉA|Tela Botanica|LA Coalition|Mozilla|' +
    'Free Software Foundation|Picasoft|Zaclys|Exodus Privacy|Open Food Facts|OpenStreetMap France|Sésamath|' +
    'La Mouette|Ritimo|Emmabuntüs|Libre Office France|AFUL',
);

export const EVENT_FORMATS = list('conférence|table ronde|atelier|install party|webinaire|stand|hackathon');
export const ROLES = list('salarié·e|stagiaire|bénévole|présidence|trésorerie|intervenant·e|animation');
export const SOURCE_SECTIONS = list(
  'Interventions publiques|Interventions dans les médias|Collectif CHATONS|Framablog|Autres services|Prestataires|' +
    'Partenariats|Accompagnements|Conventions|Contributopia|Dégooglisons Internet|Perspectives',
);
export const QUOTE_ENDINGS = list(
  'depuis plusieurs années.|dans le cadre de nos actions en 2020.|avec le soutien de nos donateur·ices.|' +
    'pour un numérique émancipateur.|comme annoncé sur le Framablog.',
);

const WORDS = list(
  'Libre|Commun|Ouvert|Partage|Lien|Toile|Ruche|Fabrique|Atelier|Grappe|Maillon|Réseau|Passerelle|Racine|' +
    'Chantier|Forge|Rhizome|Archipel|Îlot|Brin|Pixel|Octet|Clavier|Sillon|Vague|Ressac|Boussole|Lanterne|Ricochet',
);
const FIRST_NAMES = list(
  'Camille|Dominique|Claude|Alix|Sacha|Morgane|Yann|Gaëlle|Maël|Léa|Hugo|Chloé|Lucas|Manon|Théo|Inès|Louis|Jade|' +
    'Nathan|Zoé|Gabriel|Louise|Arthur|Lina|Jules|Emma|Raphaël|Alice|Paul|Élise|Gwendal|Soizic|Karim|Aïcha|Fatou',
);
const LAST_NAMES = list(
  'Martin|Bernard|Dubois|Thomas|Robert|Richard|Petit|Durand|Leroy|Moreau|Simon|Laurent|Lefebvre|Michel|Garcia|' +
    'David|Bertrand|Roux|Vincent|Fournier|Morel|Girard|André|Mercier|Dupont|Lambert|Bonnet|François|Legrand|' +
    'Le Gall|Le Goff|Kerbrat|Tanguy|Diallo|Ndiaye|Benali|Haddad|Nguyen|Tremblay|Gagnon|Côté|Bouchard|Caron|Brun',
);
const acronym = (rng: Rng) =>
  Array.from({ length: rng.between(3, 5) }, () => rng.pick([...'ABCDEFGIJLMNOPRSTV'])).join('');

/** What each `{key}` of a template draws from (`{v}`: a second word beside `{w}`). */
const VOCABULARY: Record<string, readonly string[] | ((rng: Rng) => string)> = {
  w: WORDS,
  v: WORDS,
  p: PLACES,
  f: FIRST_NAMES,
  n: LAST_NAMES,
  s: REAL_SOFTWARE,
  a: acronym,
  y: (rng) => String(rng.between(2012, 2021)),
  adj: list('libre|solidaire|ouvert|partagé|citoyen|populaire|coopératif|éthique|décentralisé|fédéré|local'),
  r: list('Bretagne|Occitanie|Grand Est|Normandie|Nouvelle-Aquitaine|Île-de-France|Wallonie|Romandie'),
  t: list(
    'numérique libre|logiciel libre|éducation populaire|culture libre|communs numériques|vie privée|' +
      'inclusion numérique|médiation numérique|données ouvertes|low-tech|réemploi|économie sociale et solidaire|' +
      'autohébergement|accessibilité|cartographie libre|radio libre|sciences participatives|transition écologique',
  ),
};

/** Weight of each organisation category and its name patterns. */
export const ORGANISATIONS: Record<OrganisationCategory, [number, string]> = {
  association: [40, 'Association {w} {p}|{a} {p}|Les Amis du {w} de {p}|{w} & {v}'],
  collective: [10, 'Collectif {w} {p}|Collectif {t} de {p}'],
  company: [12, '{w}Tech|{w}Lab|{w}Soft|{a} Conseil|{w} Informatique'],
  cooperative: [5, 'SCIC {w}|Coopérative {w} {p}|SCOP {a}'],
  foundation: [2, 'Fondation {n}'],
  'public-body': [5, 'Mairie de {p}|Médiathèque de {p}|Région {r}|Métropole de {p}'],
  university: [3, 'Université de {p}|Université {n} {p}'],
  'research-institute': [2, 'Laboratoire {a} de {p}'],
  school: [4, 'Lycée {n} de {p}|Collège {f} {n}'],
  media: [6, '{w} Magazine|Radio {w} {p}|Le {w} {adj}'],
  'political-party': [1, 'Parti {adj} {p}'],
  network: [3, 'Réseau {t}|Réseau {w} {r}'],
  'informal-group': [7, 'Groupe {w} {p}|Apéro {w} {p}'],
};
export const ORGANISATION_SUMMARY = 'Structure de {p} engagée pour le {t}.';

/** Weight of each project category, its name patterns and its summary (`{s}`: a software it builds on). */
export const PROJECTS: Record<ProjectCategory, [number, string, string]> = {
  software: [12, 'Frama{w}|{w}Tube|{w}Pad|{w}Cloud|Open{w}', 'Logiciel libre de {t}.'],
  'online-service': [
    20,
    '{s} {p}|{s} de {w}|Frama{w} {p}',
    'Service en ligne basé sur {s}, ouvert aux associations de {p}.',
  ],
  book: [8, '{adj} comme {w}', 'Livre sur le {t}.'],
  guide: [6, 'Guide du {t}', 'Guide pratique du {t} à {p}.'],
  course: [5, 'MOOC {t}', 'Formation en ligne au {t}.'],
  'research-project': [3, 'Projet {a}', 'Recherche sur le {t}.'],
  campaign: [5, 'Campagne {w} {y}', 'Campagne pour le {t}.'],
  'event-series': [4, 'Rencontres {w} de {p}', 'Rencontres annuelles du {t}.'],
  website: [12, 'Site {w} {p}', 'Site web consacré au {t}.'],
  newsletter: [4, 'Lettre {w}', "Lettre d'information du {t}."],
  directory: [3, 'Annuaire {w} {p}', 'Annuaire des acteurs du {t}.'],
  'open-letter': [3, 'Tribune « Pour un {t} {adj} »', 'Tribune publique sur le {t}.'],
  video: [7, 'Vidéo « {w} {adj} »', 'Vidéo publiée sur {s}.'],
  podcast: [5, 'Podcast {w}', 'Podcast sur le {t}, diffusé sur {s}.'],
  programme: [3, 'Programme {w} {p}', "Programme d'accompagnement au {t}."],
};

/** A name drawn from `patterns` and a summary, sharing their `{key}` values (and the `fixed` ones). */
export function named(rng: Rng, patterns: string, summary: string, fixed: Record<string, string> = {}) {
  const values = new Map(Object.entries(fixed));
  const fill = (text: string) =>
    text.replace(/\{(\w+)\}/g, (_, key: string) => {
      const source = VOCABULARY[key]!;
      if (!values.has(key)) values.set(key, typeof source === 'function' ? source(rng) : rng.pick(source));
      return values.get(key)!;
    });
  const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  return { name: capitalised(fill(rng.pick(list(patterns)))), summary: capitalised(fill(summary)) };
}

export function personName(rng: Rng): { name: string; aliases: string[] } {
  if (rng.chance(0.08)) return { name: `${acronym(rng).toLowerCase()}${rng.int(100)}`, aliases: [] };
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  return { name: `${first} ${last}`, aliases: rng.chance(0.05) ? [`${first.charAt(0)}. ${last}`] : [] };
}
