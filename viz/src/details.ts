/**
 * The details panel: an entity (summary, relations grouped by type, source quotes) or a single
 * relation. Every entity named in it is a button that moves the focus there.
 */
import { RELATION_TYPE_NAMES } from '../../api/model/vocabulary.js';
import { type Child, h } from './dom.js';
import {
  categoryLabel,
  formatAmount,
  formatPartialDate,
  formatPeriod,
  kindLabel,
  type Lang,
  labelled,
  relationLabel,
  type Translate,
} from './i18n.js';
import type { EntityDetails, EntityRef, RelationDetails, Source } from './queries.js';

export interface DetailsHandlers {
  onEntity(slug: string): void;
  onRelation(id: string): void;
  onClose(): void;
  onNeighbourhood(only: boolean): void;
  onPathFrom(entity: EntityRef): void;
}

export type DetailsContent =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'not-found'; slug: string }
  | { kind: 'relation-not-found' }
  | { kind: 'entity'; entity: EntityDetails; neighbourhoodOnly: boolean }
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
      return h('div', { class: 'details-body' }, close, entityView(content.entity, content.neighbourhoodOnly, ctx));
    case 'relation':
      return h('div', { class: 'details-body' }, close, relationView(content.relation, ctx));
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

function entityView(entity: EntityDetails, neighbourhoodOnly: boolean, ctx: Ctx): HTMLElement {
  const { t } = ctx;
  const relations = entity.relations.edges.map((e) => e.node);
  const total = entity.relations.totalCount ?? relations.length;
  const groups = RELATION_TYPE_NAMES.map((type) => ({
    type,
    items: relations
      .filter((r) => r.type === type)
      .sort((a, b) => otherEnd(a, entity.slug).name.localeCompare(otherEnd(b, entity.slug).name, 'fr')),
  })).filter((g) => g.items.length > 0);

  return h(
    'article',
    { class: 'entity', 'data-slug': entity.slug },
    h('h2', { id: 'details-title' }, entity.name),
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
    h('h3', {}, `${t('relations')} (${total})`),
    groups.length === 0 && h('p', {}, t('noRelations')),
    groups.map((group) =>
      h(
        'section',
        { class: 'relation-group', 'data-type': group.type },
        h('h4', {}, `${relationLabel(group.type, ctx.lang)} (${group.items.length})`),
        h(
          'ul',
          {},
          group.items.map((relation) => relationItem(relation, entity.slug, ctx)),
        ),
      ),
    ),
    total > relations.length && h('p', { class: 'more' }, t('moreRelations', { count: total - relations.length })),
  );
}

/** Only web links: a `javascript:` URL in the data must not become a clickable script. */
function safeUrl(url: string | null | undefined): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

function otherEnd(relation: RelationDetails, slug: string): EntityRef {
  return relation.from.slug === slug ? relation.to : relation.from;
}

function relationItem(relation: RelationDetails, slug: string, ctx: Ctx): HTMLElement {
  const outgoing = relation.from.slug === slug;
  return h(
    'li',
    { class: 'relation', 'data-relation': relation.id },
    h(
      'p',
      { class: 'relation-line' },
      h('span', { class: 'direction', 'aria-hidden': 'true' }, outgoing ? '→' : '←'),
      ' ',
      entityButton(otherEnd(relation, slug), ctx),
      ' ',
      h(
        'button',
        {
          type: 'button',
          class: 'relation-link info',
          'aria-label': ctx.t('showRelation'),
          title: ctx.t('showRelation'),
          onclick: () => ctx.on.onRelation(relation.id),
        },
        'i',
      ),
    ),
    relationFacts(relation, ctx),
    sources(relation.sources, ctx),
  );
}

function relationFacts(relation: RelationDetails, ctx: Ctx): HTMLElement {
  const { t, lang } = ctx;
  const items: Child[] = [];
  const fact = (name: string, value: Child) =>
    items.push(h('li', {}, h('span', { class: 'fact-name' }, labelled(name, lang)), value));
  const period = formatPeriod(relation.since, relation.until, lang);
  if (period) items.push(h('li', { class: 'period' }, period));
  if (relation.role) fact(t('role'), relation.role);
  if (relation.software) fact(t('software'), entityButton({ ...relation.software, kind: 'PROJECT' }, ctx));
  if (relation.resource) fact(t('resource'), relation.resource);
  if (relation.amount !== null && relation.amount !== undefined) {
    fact(t('amount'), formatAmount(relation.amount, relation.currency, lang));
  }
  if (relation.description) items.push(h('li', { class: 'description' }, relation.description));
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
      { id: 'details-title' },
      entityButton(relation.from, ctx),
      ` — ${relationLabel(relation.type, ctx.lang)} → `,
      entityButton(relation.to, ctx),
    ),
    relationFacts(relation, ctx),
    sources(relation.sources, ctx),
  );
}
