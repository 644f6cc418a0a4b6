/**
 * Interface strings in French and English. The data itself stays in French.
 *
 * Pure: the language is passed in, never read from globals, so tests need no browser.
 */
import {
  type EntityKind,
  type OrganisationCategory,
  type ProjectCategory,
  RELATION_TYPES,
  type RelationType,
} from '../../model/vocabulary.js';

export const LANGUAGES = ['fr', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

export function isLang(value: unknown): value is Lang {
  return value === 'fr' || value === 'en';
}

/**
 * The first of the browser's preferred languages that we speak; English for everyone else,
 * since a visitor who reads neither is likelier to get by in English.
 */
export function pickLanguage(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'en';
}

const EN = {
  appTitle: 'Archipel',
  tagline: "Framasoft's archipelago, from its 2020 activity report",
  skipToList: 'Skip to the list view (tables)',
  searchLabel: 'Search an entity',
  searchPlaceholder: 'Organisation, project, person, event…',
  searchNoMatch: 'No match',
  searchFailed: 'Search is unavailable',
  viewSwitch: 'View',
  viewMap: 'Map',
  viewList: 'List',
  graphqlLink: 'GraphQL',
  graphqlLinkTitle: 'Open the GraphQL operation behind this view in GraphiQL',
  exportPng: 'PNG',
  exportPngTitle: 'Download the current view as a PNG image, with its legend',
  exportMenu: 'Export',
  exportMenuTitle: 'The current view as files for other tools (Gephi, spreadsheets, notebooks)',
  exportGexf: 'GEXF (Gephi)',
  exportGraphml: 'GraphML',
  exportEntitiesCsv: 'CSV: entities',
  exportRelationsCsv: 'CSV: relations',
  exportJson: 'JSON (nodes and links)',
  openInGephiLite: 'Open in Gephi Lite',
  openInGephiLiteTitle: 'Explore the current view in Gephi Lite, which reads its GEXF export from this site',
  language: 'Language',
  filters: 'Filters',
  relationTypes: 'Relations',
  entityKinds: 'Entities',
  categories: 'Categories',
  uncategorised: 'No category',
  showAll: 'All',
  showNone: 'None',
  year: 'Year',
  yearFilter: 'Filter by year',
  allYears: 'all years',
  yearMode: 'Which relations of the year',
  yearActive: 'Active that year',
  yearChanges: 'Started or ended that year',
  changesStarted_one: '{count} relation started',
  changesStarted_other: '{count} relations started',
  changesEnded_one: '{count} relation ended',
  changesEnded_other: '{count} relations ended',
  changesBoth_one: 'of which {count} started and ended',
  changesBoth_other: 'of which {count} started and ended',
  pathFinder: 'How are they connected?',
  pathFrom: 'From',
  pathTo: 'To',
  pathFind: 'Find the path',
  pathClear: 'Clear',
  pathPickBoth: 'Choose two entities first.',
  pathMaxLength: 'Steps at most',
  pathAvoidHub: 'Avoid Framasoft',
  pathNone_one: 'No chain within {count} step.',
  pathNone_other: 'No chain within {count} steps.',
  pathNoneAvoiding: 'Chains through Framasoft were left out.',
  pathSame: 'Both ends are the same entity: {name}.',
  pathTies_one: '{count} equally short chain',
  pathTies_other: '{count} equally short chains',
  pathChoice: '{index} of {count}',
  pathPrevious: 'Previous chain',
  pathNext: 'Next chain',
  pathFound_one: '{count} relation links them:',
  pathFound_other: 'A chain of {count} relations links them:',
  loading: 'Loading the archipelago…',
  arranging: 'Placing {count} entities on the map…',
  apiDown: 'The Archipel API cannot be reached.',
  apiDownHint: 'Check your connection, or try again in a moment.',
  apiError: 'The API answered with an error: {message}',
  retry: 'Retry',
  empty: 'Nothing matches these filters.',
  emptyGraph: 'The graph is empty.',
  resetFilters: 'Reset the filters',
  close: 'Close',
  loadingDetails: 'Loading…',
  notFound: 'There is no entity “{slug}”.',
  relationNotFound: 'This relation is not in the graph (any more).',
  aliases: 'Also known as',
  relations: 'Relations',
  noRelations: 'No relation recorded.',
  showAllRelations: 'Show all {count} ({shown} shown)',
  loadingRelations: 'Loading the others…',
  instancesHosted: 'Instances hosted with it',
  instanceLine: '{host} hosts it for {client}',
  software: 'Software',
  resource: 'Resource',
  role: 'Role',
  amount: 'Amount',
  periodONE_OFF: 'once',
  periodPER_YEAR: 'per year',
  periodTOTAL: 'in all',
  note: 'Note',
  sourceSection: 'Report, section “{section}”',
  since: 'since {date}',
  until: 'until {date}',
  neighbourhoodOnly: 'Show only its neighbourhood',
  wholeMap: 'Show the whole map',
  pathFromHere: 'Find a path from here',
  relationHeading: 'Relation',
  entitiesTable: 'Entities',
  relationsTable: 'Relations',
  entitiesCaption_one: '{count} entity shown',
  entitiesCaption_other: '{count} entities shown',
  relationsCaption_one: '{count} relation shown',
  relationsCaption_other: '{count} relations shown',
  colName: 'Name',
  colKind: 'Kind',
  colCategory: 'Category',
  colRelations: 'Relations',
  colFrom: 'From',
  colType: 'Relation',
  colTo: 'To',
  colPeriod: 'Period',
  colSoftwareResource: 'Software / resource',
  colDescription: 'Description',
  colSources: 'Report section',
  colCurrency: 'Currency',
  colSince: 'Since',
  colUntil: 'Until',
  colSlug: 'Slug',
  colSlugOf: '{column} (slug)',
  colId: 'ID',
  periodAttested: 'undated, attested {year}',
  periodEvent: '{year} (event)',
  ofTotal: '(of {total})',
  amountTotal: 'Total: {amounts}',
  sortHint: 'Column headings sort the table.',
  tableFilter: 'Filter',
  tableFilterPlaceholder: 'Text in any column…',
  tableNoMatch: 'No row contains “{text}”.',
  downloadCsv: 'Download CSV',
  downloadCsvTitle: 'Download the rows shown, in this order, as a CSV file',
  showRelation: 'Details of this relation',
  mapLabel: 'Map of the archipelago. The list view shows the same content as tables.',
  openFullMap: 'Open in Archipel',
  mapKeys: 'Arrow keys move between neighbours, Enter opens one, + and − zoom, 0 fits the map.',
  ties_one: '{count} tie on the map',
  ties_other: '{count} ties on the map',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  fitMap: 'Fit the map to the screen',
  arrangeAround: 'Arrange around {name}',
  mapControls: 'Map view',
  structure: 'Structure',
  hideHub: 'Set Framasoft aside',
  hideHubHint: 'Hides Framasoft and its ties and lays out the rest on its own.',
  colourGroups: 'Colour by community',
  communitiesHint: 'Communities (Louvain), found without Framasoft:',
  communityName: '{lead} and others',
  communityMembers: '{count} entities',
  foldGroup: 'Fold',
  foldGroupLabel: 'Fold {name} into one node',
  foldName: '{lead} and others ({count})',
  noCommunity: 'Small groups and loners',
  sizeBy: 'Node size',
  sizeByTies: 'ties',
  sizeByBetweenness: 'betweenness',
  keyConnectors: 'Key connectors besides Framasoft',
  keyConnectorsHint: 'Who most links the others once Framasoft is set aside (betweenness).',
  measures: 'In the network shown',
  measureTies: 'Ties',
  measureNeighbours: 'Neighbours',
  measureBetweenness: 'Betweenness',
  measureRank: 'rank {rank} of {of}',
  measureCommunity: 'Community',
  announceEntity_one: '{name}: {kind}, {count} relation',
  announceEntity_other: '{name}: {kind}, {count} relations',
  exportSvg: 'SVG image, with its key',
  exportSvgTitle: 'Download the current view as an SVG image, with its legend',
  pictureWhole: 'Archipel — the whole archipelago',
  pictureFocus: '{where} — {name}’s neighbourhood',
  picturePath: '{where} — from {from} to {to}',
  pictureYear: '{title}, {year}',
  pictureLegend: 'Key',
  playYears: 'Play through the years',
  pauseYears: 'Pause the years',
  yearNow: 'Year {year}',
  staffSignIn: 'Staff sign-in',
} as const;

type Key = keyof typeof EN;

const FR: Record<Key, string> = {
  appTitle: 'Archipel',
  tagline: "L'archipel de Framasoft, d'après son rapport d'activité 2020",
  skipToList: 'Aller à la vue liste (tableaux)',
  searchLabel: 'Chercher une entité',
  searchPlaceholder: 'Organisation, projet, personne, événement…',
  searchNoMatch: 'Aucun résultat',
  searchFailed: 'La recherche est indisponible',
  viewSwitch: 'Vue',
  viewMap: 'Carte',
  viewList: 'Liste',
  graphqlLink: 'GraphQL',
  graphqlLinkTitle: "Ouvrir dans GraphiQL l'opération GraphQL derrière cette vue",
  exportPng: 'PNG',
  exportPngTitle: 'Télécharger la vue actuelle en image PNG, avec sa légende',
  exportMenu: 'Exporter',
  exportMenuTitle: "La vue actuelle en fichiers pour d'autres outils (Gephi, tableurs, carnets)",
  exportGexf: 'GEXF (Gephi)',
  exportGraphml: 'GraphML',
  exportEntitiesCsv: 'CSV : entités',
  exportRelationsCsv: 'CSV : relations',
  exportJson: 'JSON (nœuds et liens)',
  openInGephiLite: 'Ouvrir dans Gephi Lite',
  openInGephiLiteTitle: 'Explorer la vue actuelle dans Gephi Lite, qui lit son export GEXF sur ce site',
  language: 'Langue',
  filters: 'Filtres',
  relationTypes: 'Relations',
  entityKinds: 'Entités',
  categories: 'Catégories',
  uncategorised: 'Sans catégorie',
  showAll: 'Toutes',
  showNone: 'Aucune',
  year: 'Année',
  yearFilter: 'Filtrer par année',
  allYears: 'toutes les années',
  yearMode: "Quelles relations de l'année",
  yearActive: 'Actives cette année-là',
  yearChanges: 'Commencées ou terminées cette année-là',
  changesStarted_one: '{count} relation commencée',
  changesStarted_other: '{count} relations commencées',
  changesEnded_one: '{count} relation terminée',
  changesEnded_other: '{count} relations terminées',
  changesBoth_one: 'dont {count} commencée et terminée',
  changesBoth_other: 'dont {count} commencées et terminées',
  pathFinder: 'Quel lien entre eux ?',
  pathFrom: 'De',
  pathTo: 'À',
  pathFind: 'Trouver le chemin',
  pathClear: 'Effacer',
  pathPickBoth: "Choisissez d'abord deux entités.",
  pathMaxLength: 'Étapes au plus',
  pathAvoidHub: 'Éviter Framasoft',
  pathNone_one: 'Aucune chaîne en {count} étape ou moins.',
  pathNone_other: 'Aucune chaîne en {count} étapes ou moins.',
  pathNoneAvoiding: 'Les chaînes qui passent par Framasoft ont été écartées.',
  pathSame: 'Les deux bouts sont la même entité : {name}.',
  pathTies_one: '{count} chaîne aussi courte',
  pathTies_other: '{count} chaînes aussi courtes',
  pathChoice: '{index} sur {count}',
  pathPrevious: 'Chaîne précédente',
  pathNext: 'Chaîne suivante',
  pathFound_one: 'Une relation les relie :',
  pathFound_other: 'Une chaîne de {count} relations les relie :',
  loading: "Chargement de l'archipel…",
  arranging: 'Placement de {count} entités sur la carte…',
  apiDown: "Impossible de joindre l'API d'Archipel.",
  apiDownHint: 'Vérifiez votre connexion ou réessayez dans un instant.',
  apiError: "L'API a répondu par une erreur : {message}",
  retry: 'Réessayer',
  empty: 'Rien ne correspond à ces filtres.',
  emptyGraph: 'Le graphe est vide.',
  resetFilters: 'Réinitialiser les filtres',
  close: 'Fermer',
  loadingDetails: 'Chargement…',
  notFound: "Il n'y a pas d'entité « {slug} ».",
  relationNotFound: "Cette relation n'est pas (ou plus) dans le graphe.",
  aliases: 'Aussi appelé',
  relations: 'Relations',
  noRelations: 'Aucune relation enregistrée.',
  showAllRelations: 'Afficher les {count} ({shown} affichées)',
  loadingRelations: 'Chargement des autres…',
  instancesHosted: 'Instances hébergées',
  instanceLine: '{host} l’héberge pour {client}',
  software: 'Logiciel',
  resource: 'Ressource',
  role: 'Rôle',
  amount: 'Montant',
  periodONE_OFF: 'une fois',
  periodPER_YEAR: 'par an',
  periodTOTAL: 'au total',
  note: 'Note',
  sourceSection: 'Rapport, section « {section} »',
  since: 'depuis {date}',
  until: "jusqu'à {date}",
  neighbourhoodOnly: "N'afficher que son voisinage",
  wholeMap: 'Afficher toute la carte',
  pathFromHere: 'Chercher un chemin depuis ici',
  relationHeading: 'Relation',
  entitiesTable: 'Entités',
  relationsTable: 'Relations',
  entitiesCaption_one: '{count} entité affichée',
  entitiesCaption_other: '{count} entités affichées',
  relationsCaption_one: '{count} relation affichée',
  relationsCaption_other: '{count} relations affichées',
  colName: 'Nom',
  colKind: 'Type',
  colCategory: 'Catégorie',
  colRelations: 'Relations',
  colFrom: 'De',
  colType: 'Relation',
  colTo: 'Vers',
  colPeriod: 'Période',
  colSoftwareResource: 'Logiciel / ressource',
  colDescription: 'Description',
  colSources: 'Section du rapport',
  colCurrency: 'Devise',
  colSince: 'Depuis',
  colUntil: "Jusqu'à",
  colSlug: 'Identifiant',
  colSlugOf: '{column} (identifiant)',
  colId: 'ID',
  periodAttested: 'non daté, attesté en {year}',
  periodEvent: '{year} (événement)',
  ofTotal: '(sur {total})',
  amountTotal: 'Total : {amounts}',
  sortHint: 'Les en-têtes de colonnes trient le tableau.',
  tableFilter: 'Filtrer',
  tableFilterPlaceholder: 'Texte dans une colonne…',
  tableNoMatch: 'Aucune ligne ne contient « {text} ».',
  downloadCsv: 'Télécharger en CSV',
  downloadCsvTitle: 'Télécharger les lignes affichées, dans cet ordre, en fichier CSV',
  showRelation: 'Détails de cette relation',
  mapLabel: "Carte de l'archipel. La vue liste présente le même contenu sous forme de tableaux.",
  openFullMap: 'Ouvrir dans Archipel',
  mapKeys: 'Les flèches passent d’un voisin à l’autre, Entrée en ouvre un, + et − zooment, 0 cadre la carte.',
  ties_one: '{count} lien sur la carte',
  ties_other: '{count} liens sur la carte',
  zoomIn: 'Zoomer',
  zoomOut: 'Dézoomer',
  fitMap: 'Cadrer la carte à l’écran',
  arrangeAround: 'Disposer autour de {name}',
  mapControls: 'Vue de la carte',
  structure: 'Structure',
  hideHub: 'Mettre Framasoft de côté',
  hideHubHint: 'Masque Framasoft et ses liens et dispose le reste pour lui-même.',
  colourGroups: 'Colorer par communauté',
  communitiesHint: 'Communautés (Louvain), trouvées sans Framasoft :',
  communityName: '{lead} et d’autres',
  communityMembers: '{count} entités',
  foldGroup: 'Replier',
  foldGroupLabel: 'Replier {name} en un seul nœud',
  foldName: '{lead} et d’autres ({count})',
  noCommunity: 'Petits groupes et isolés',
  sizeBy: 'Taille des nœuds',
  sizeByTies: 'liens',
  sizeByBetweenness: 'intermédiarité',
  keyConnectors: 'Passeurs clés, hors Framasoft',
  keyConnectorsHint: 'Qui relie le plus les autres une fois Framasoft mis de côté (intermédiarité).',
  measures: 'Dans le réseau affiché',
  measureTies: 'Liens',
  measureNeighbours: 'Voisins',
  measureBetweenness: 'Intermédiarité',
  measureRank: '{rank}e sur {of}',
  measureCommunity: 'Communauté',
  announceEntity_one: '{name} : {kind}, {count} relation',
  announceEntity_other: '{name} : {kind}, {count} relations',
  exportSvg: 'Image SVG, avec sa légende',
  exportSvgTitle: 'Télécharger la vue en image SVG, avec sa légende',
  pictureWhole: 'Archipel — tout l’archipel',
  pictureFocus: '{where} — le voisinage de {name}',
  picturePath: '{where} — de {from} à {to}',
  pictureYear: '{title}, {year}',
  pictureLegend: 'Légende',
  playYears: 'Faire défiler les années',
  pauseYears: 'Mettre en pause le défilement des années',
  yearNow: 'Année {year}',
  staffSignIn: 'Connexion équipe',
};

const STRINGS: Record<Lang, Record<Key, string>> = { en: EN, fr: FR };

/** Keys that have `_one`/`_other` variants, chosen by the `count` parameter. */
type BaseOf<K> = K extends `${infer Base}_one` ? Base : never;
type PluralKey = BaseOf<Key>;
export type MessageKey = Exclude<Key, `${string}_${'one' | 'other'}`> | PluralKey;
type Params = Record<string, string | number>;

export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(lang: Lang): Translate {
  const table = STRINGS[lang];
  const plurals = new Intl.PluralRules(lang);
  return (key, params = {}) => {
    const count = params.count;
    const variant = typeof count === 'number' ? `${key}_${plurals.select(count) === 'one' ? 'one' : 'other'}` : key;
    const template = table[variant as Key] ?? table[key as Key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

const KIND_LABELS: Record<EntityKind, Record<Lang, string>> = {
  ORGANISATION: { en: 'Organisation', fr: 'Organisation' },
  PROJECT: { en: 'Project', fr: 'Projet' },
  PERSON: { en: 'Person', fr: 'Personne' },
  EVENT: { en: 'Event', fr: 'Événement' },
};

export function kindLabel(kind: EntityKind, lang: Lang): string {
  return KIND_LABELS[kind][lang];
}

// Full records: adding a category to the vocabulary fails the type check here until it is translated.
const CATEGORY_LABELS: Record<OrganisationCategory | ProjectCategory, Record<Lang, string>> = {
  association: { en: 'Association', fr: 'Association' },
  collective: { en: 'Collective', fr: 'Collectif' },
  company: { en: 'Company', fr: 'Entreprise' },
  cooperative: { en: 'Cooperative', fr: 'Coopérative' },
  foundation: { en: 'Foundation', fr: 'Fondation' },
  'public-body': { en: 'Public body', fr: 'Organisme public' },
  university: { en: 'University', fr: 'Université' },
  'research-institute': { en: 'Research institute', fr: 'Institut de recherche' },
  school: { en: 'School', fr: 'École' },
  media: { en: 'Media', fr: 'Média' },
  'political-party': { en: 'Political party', fr: 'Parti politique' },
  network: { en: 'Network', fr: 'Réseau' },
  'informal-group': { en: 'Informal group', fr: 'Groupe informel' },
  software: { en: 'Software', fr: 'Logiciel' },
  'online-service': { en: 'Online service', fr: 'Service en ligne' },
  book: { en: 'Book', fr: 'Livre' },
  guide: { en: 'Guide', fr: 'Guide' },
  course: { en: 'Course', fr: 'Formation' },
  'research-project': { en: 'Research project', fr: 'Projet de recherche' },
  campaign: { en: 'Campaign', fr: 'Campagne' },
  'event-series': { en: 'Event series', fr: "Série d'événements" },
  website: { en: 'Website', fr: 'Site web' },
  newsletter: { en: 'Newsletter', fr: 'Lettre d’information' },
  directory: { en: 'Directory', fr: 'Annuaire' },
  'open-letter': { en: 'Open letter', fr: 'Lettre ouverte' },
  video: { en: 'Video', fr: 'Vidéo' },
  podcast: { en: 'Podcast', fr: 'Podcast' },
  programme: { en: 'Programme', fr: 'Programme' },
};

/** Unknown categories (an API newer than this build) still read well: "foo-bar" → "foo bar". */
export function categoryLabel(category: string, lang: Lang): string {
  return CATEGORY_LABELS[category as keyof typeof CATEGORY_LABELS]?.[lang] ?? category.replace(/-/g, ' ');
}

export function relationLabel(type: RelationType, lang: Lang): string {
  return RELATION_TYPES[type]?.label[lang] ?? type;
}

/** "2014" → "2014", "2019-12" → "December 2019", "2020-10-27" → "27 October 2020". */
export function formatPartialDate(date: string, lang: Lang): string {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || Number.isNaN(year)) return date;
  if (month === undefined) return String(year);
  const at = new Date(Date.UTC(year, month - 1, day ?? 1));
  const format: Intl.DateTimeFormatOptions =
    day === undefined ? { year: 'numeric', month: 'long' } : { year: 'numeric', month: 'long', day: 'numeric' };
  return new Intl.DateTimeFormat(lang, { ...format, timeZone: 'UTC' }).format(at);
}

/** "2018 – March 2020", "since 2018", "until 2020", or "" when the relation has no dates. */
export function formatPeriod(since: string | null | undefined, until: string | null | undefined, lang: Lang): string {
  const t = translator(lang);
  if (since && until) {
    return since === until
      ? formatPartialDate(since, lang)
      : `${formatPartialDate(since, lang)} – ${formatPartialDate(until, lang)}`;
  }
  if (since) return t('since', { date: formatPartialDate(since, lang) });
  if (until) return t('until', { date: formatPartialDate(until, lang) });
  return '';
}

/** "Role: x" in English, "Rôle : x" in French (a space before the colon). */
export function labelled(name: string, lang: Lang): string {
  return lang === 'fr' ? `${name} : ` : `${name}: `;
}

export function formatAmount(amount: number, currency: string | null | undefined, lang: Lang): string {
  if (!currency) return new Intl.NumberFormat(lang).format(amount);
  // Whole amounts read best without ",00"; cents, where there are some, must not be rounded away.
  const digits = Number.isInteger(amount) ? 0 : 2;
  return new Intl.NumberFormat(lang, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount);
}
