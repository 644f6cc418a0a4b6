/**
 * The details panel: an entity (summary, relations grouped by type, source quotes) or a single
 * relation. Every entity named in it is a button that moves the focus there.
 */
import type { RelationType } from '../../model/vocabulary.js';
import { type Child, h } from './dom.js';
import {
  categoryLabel,
  formatAmount,
  formatPartialDate,
  kindLabel,
  type Lang,
  labelled,
  relationLabel,
  type Translate,
} from './i18n.js';
import type { Measures } from './network.js';
import type { EntityDetails, EntityRef, RelationDetails, RelationGroupDetails, Source } from './queries.js';
import { periodText } from './relation-table.js';
import { communityColor } from './style.js';

export interface DetailsHandlers {
  onEntity(slug: string): void;
  onRelation(id: string): void;
  onClose(): void;
  onNeighbourhood(only: boolean): void;
  onPathFrom(entity: EntityRef): void;
  /** Read the rest of one type of the entity's relations. */
  onShowAll(type: RelationType): void;
  /** The staff's edit controls for what the panel shows (staff/index.ts); null for visitors. */
  staffControls?(content: DetailsContent): HTMLElement | null;
}

/** An entity's place in the loaded network (network.ts), with its community if it has one. */
export interface EntityMeasures extends Measures {
  community: { index: number; lead: string; size: number } | null;
}

/** The rest of a relation group, once the visitor asked for it. */
export type GroupRest =
  | { status: 'loading' }
  | { status: 'ok'; relations: readonly RelationDetails[] }
  | { status: 'error'; message: string };

export type DetailsContent =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'not-found'; slug: string }
  | { kind: 'relation-not-found' }
  | {
      kind: 'entity';
      entity: EntityDetails;
      neighbourhoodOnly: boolean;
      /** Groups whose every relation was asked for, by type. */
      expanded: ReadonlyMap<RelationType, GroupRest>;
      /** Computed in the browser from the loaded graph; absent while it is not there. */
      measures?: EntityMeasures;
    }
  | { kind: 'relation'; relation: RelationDetails };

interface Ctx {
  lang: Lang;
  t: Translate;
  on: DetailsHandlers;
}

export function renderDetails(content: DetailsContent, lang: Lang, t: Translate, on: DetailsHandlers): HTMLElement {
  const ctx: Ctx = { lang, t, on };
  const close = h(
    'button',
    { type: 'button', class: 'close', 'aria-label': t('close'), title: t('close'), onclick: () => on.onClose() },
    '×',
  );
  switch (content.kind) {
    case 'loading':
      return h('div', { class: 'details-body', 'aria-busy': 'true' }, close, h('p', {}, t('loadingDetails')));
    case 'error':
      return h('div', { class: 'details-body' }, close, h('p', { class: 'error' }, content.message));
    case 'not-found':
      return h('div', { class: 'details-body' }, close, h('p', {}, t('notFound', { slug: content.slug })));
    case 'relation-not-found':
      return h('div', { class: 'details-body' }, close, h('p', {}, t('relationNotFound')));
    case 'entity':
      return h('div', { class: 'details-body' }, close, on.staffControls?.(content), entityView(content, ctx));
    case 'relation':
      return h(
        'div',
        { class: 'details-body' },
        close,
        on.staffControls?.(content),
        relationView(content.relation, ctx),
      );
  }
}

function entityButton(entity: EntityRef, ctx: Ctx): HTMLElement {
  return h(
    'button',
    { type: 'button', class: 'entity-link', 'data-slug': entity.slug, onclick: () => ctx.on.onEntity(entity.slug) },
    entity.name,
  );
}

function facts(entity: EntityDetails, ctx: Ctx): string {
  const parts = [kindLabel(entity.kind, ctx.lang)];
  if (entity.category) parts.push(categoryLabel(entity.category, ctx.lang));
  if (entity.location) parts.push(entity.location);
  if (entity.date) parts.push(formatPartialDate(entity.date, ctx.lang));
  if (entity.place) parts.push(entity.place);
  if (entity.format) parts.push(entity.format);
  return parts.join(' · ');
}

/** Ties, neighbours, betweenness (with its rank) and community, as a description list. */
function measuresView(measures: EntityMeasures, ctx: Ctx): HTMLElement {
  const { t, lang } = ctx;
  const number = new Intl.NumberFormat(lang, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const row = (name: string, key: string, value: Child, extra?: Child) =>
    h('div', {}, h('dt', {}, name), h('dd', { 'data-measure': key }, value), extra);
  return h(
    'section',
    { class: 'measures' },
    h('h3', {}, t('measures')),
    h(
      'dl',
      {},
      row(t('measureTies'), 'ties', String(measures.ties)),
      row(t('measureNeighbours'), 'neighbours', String(measures.neighbours)),
      row(
        t('measureBetweenness'),
        'betweenness',
        number.format(measures.betweenness),
        h('dd', { class: 'rank' }, t('measureRank', { rank: measures.rank, of: measures.of })),
      ),
      measures.community &&
        row(
          t('measureCommunity'),
          'community',
          h('span', { class: 'swatch', style: `background:${communityColor(measures.community.index)}` }),
          h('dd', { class: 'community' }, t('communityMembers', { count: measures.community.size })),
        ),
    ),
  );
}

function entityView(
  { entity, neighbourhoodOnly, expanded, measures }: Extract<DetailsContent, { kind: 'entity' }>,
  ctx: Ctx,
): HTMLElement {
  const { t } = ctx;
  const instances = entity.hostedInstances;
  return h(
    'article',
    { class: 'entity', 'data-slug': entity.slug },
    h('h2', { id: 'details-title', tabindex: -1 }, entity.name),
    h('p', { class: 'facts' }, facts(entity, ctx)),
    entity.aliases.length > 0 &&
      h('p', { class: 'aliases' }, `${labelled(t('aliases'), ctx.lang)}${entity.aliases.join(', ')}`),
    entity.summary && h('p', { class: 'summary' }, entity.summary),
    safeUrl(entity.url) &&
      h('p', { class: 'url' }, h('a', { href: safeUrl(entity.url), rel: 'noopener', target: '_blank' }, entity.url)),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', onclick: () => ctx.on.onNeighbourhood(!neighbourhoodOnly) },
        neighbourhoodOnly ? t('wholeMap') : t('neighbourhoodOnly'),
      ),
      h('button', { type: 'button', onclick: () => ctx.on.onPathFrom(entity) }, t('pathFromHere')),
    ),
    instances &&
      instances.totalCount > 0 &&
      h(
        'section',
        { class: 'relation-group instances', 'data-type': 'INSTANCES' },
        h('h3', {}, `${t('instancesHosted')} (${instances.totalCount})`),
        h(
          'ul',
          {},
          instances.edges.map(({ node }) => instanceItem(node, entity, ctx)),
        ),
      ),
    measures && measuresView(measures, ctx),
    h('h3', {}, `${t('relations')} (${entity.relations.totalCount})`),
    entity.relationGroups.length === 0 && h('p', {}, t('noRelations')),
    entity.relationGroups.map((group) => groupView(group, entity, expanded.get(group.type), ctx)),
  );
}

/**
 * One type of relations: its count, its first page, and, when that page is not all of it, a
 * button that reads the rest (nothing is left out without saying so).
 */
function groupView(
  group: RelationGroupDetails,
  entity: EntityDetails,
  rest: GroupRest | undefined,
  ctx: Ctx,
): HTMLElement {
  const first = group.relations.edges.map((e) => e.node);
  const relations = rest?.status === 'ok' ? [...first, ...rest.relations] : first;
  const more = group.totalCount - relations.length;
  return h(
    'section',
    { class: 'relation-group', 'data-type': group.type, 'data-total': String(group.totalCount) },
    h('h4', {}, `${relationLabel(group.type, ctx.lang)} (${group.totalCount})`),
    h(
      'ul',
      {},
      relations.map((relation) => relationItem(relation, entity, ctx)),
    ),
    more > 0 &&
      (rest?.status === 'loading'
        ? h('p', { class: 'more', 'aria-busy': 'true' }, ctx.t('loadingRelations'))
        : h(
            'button',
            { type: 'button', class: 'show-all', onclick: () => ctx.on.onShowAll(group.type) },
            ctx.t('showAllRelations', { count: group.totalCount, shown: relations.length }),
          )),
    rest?.status === 'error' && h('p', { class: 'error' }, rest.message),
  );
}

/** An instance of the software: who hosts it for whom, since when. */
function instanceItem(relation: RelationDetails, software: EntityDetails, ctx: Ctx): HTMLElement {
  return h(
    'li',
    { class: 'relation instance', 'data-relation': relation.id },
    h(
      'p',
      { class: 'relation-line' },
      ...sentence(ctx.t('instanceLine'), {
        host: entityButton(relation.from, ctx),
        client: entityButton(relation.to, ctx),
      }),
      ' ',
      infoButton(relation, ctx),
    ),
    relationFacts({ ...relation, software: null }, eventDateOf(relation, software), ctx),
    sources(relation.sources, ctx),
  );
}

/** A translated sentence whose `{placeholders}` are elements (entity buttons), not text. */
function sentence(template: string, parts: Record<string, HTMLElement>): Child[] {
  return template.split(/\{(\w+)\}/).map((piece, i) => (i % 2 === 1 ? (parts[piece] ?? piece) : piece));
}

/** The date of the event a relation is about, if either end (or the entity shown) is an event. */
function eventDateOf(relation: RelationDetails, entity: Pick<EntityDetails, 'date'>): string | null {
  return relation.from.date ?? relation.to.date ?? entity.date ?? null;
}

/** Only web links: a `javascript:` URL in the data must not become a clickable script. */
function safeUrl(url: string | null | undefined): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

function otherEnd(relation: RelationDetails, slug: string): EntityRef {
  return relation.from.slug === slug ? relation.to : relation.from;
}

function infoButton(relation: RelationDetails, ctx: Ctx): HTMLElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'relation-link info',
      'aria-label': ctx.t('showRelation'),
      title: ctx.t('showRelation'),
      onclick: () => ctx.on.onRelation(relation.id),
    },
    'i',
  );
}

function relationItem(relation: RelationDetails, entity: EntityDetails, ctx: Ctx): HTMLElement {
  const outgoing = relation.from.slug === entity.slug;
  return h(
    'li',
    { class: 'relation', 'data-relation': relation.id },
    h(
      'p',
      { class: 'relation-line' },
      h('span', { class: 'direction', 'aria-hidden': 'true' }, outgoing ? '→' : '←'),
      ' ',
      entityButton(otherEnd(relation, entity.slug), ctx),
      ' ',
      infoButton(relation, ctx),
    ),
    relationFacts(relation, eventDateOf(relation, entity), ctx),
    sources(relation.sources, ctx),
  );
}

function relationFacts(relation: RelationDetails, eventDate: string | null, ctx: Ctx): HTMLElement {
  const { t, lang } = ctx;
  const items: Child[] = [];
  const fact = (name: string, value: Child) =>
    items.push(h('li', {}, h('span', { class: 'fact-name' }, labelled(name, lang)), value));
  items.push(
    h(
      'li',
      { class: 'period' },
      periodText({ since: relation.since ?? null, until: relation.until ?? null }, eventDate, lang),
    ),
  );
  if (relation.role) fact(t('role'), relation.role);
  if (relation.software) fact(t('software'), entityButton({ ...relation.software, kind: 'PROJECT' }, ctx));
  if (relation.resource) fact(t('resource'), relation.resource);
  if (relation.amount !== null && relation.amount !== undefined) {
    const amount = formatAmount(relation.amount, relation.currency, lang);
    fact(t('amount'), relation.period ? `${amount} ${t(`period${relation.period}`)}` : amount);
  }
  if (relation.description) items.push(h('li', { class: 'description' }, relation.description));
  if (relation.note) fact(t('note'), h('span', { class: 'note' }, relation.note));
  return h('ul', { class: 'relation-facts' }, items);
}

function sources(list: readonly Source[], ctx: Ctx): HTMLElement | null {
  if (list.length === 0) return null;
  return h(
    'div',
    { class: 'sources' },
    list.map((source) =>
      h(
        'figure',
        { class: 'source' },
        h('blockquote', { lang: 'fr' }, source.quote),
        h('figcaption', {}, ctx.t('sourceSection', { section: source.section })),
      ),
    ),
  );
}

function relationView(relation: RelationDetails, ctx: Ctx): HTMLElement {
  return h(
    'article',
    { class: 'relation-details', 'data-relation': relation.id },
    h('p', { class: 'facts' }, ctx.t('relationHeading')),
    h(
      'h2',
      { id: 'details-title', tabindex: -1 },
      entityButton(relation.from, ctx),
      ` — ${relationLabel(relation.type, ctx.lang)} → `,
      entityButton(relation.to, ctx),
    ),
    relationFacts(relation, relation.from.date ?? relation.to.date ?? null, ctx),
    sources(relation.sources, ctx),
  );
}
