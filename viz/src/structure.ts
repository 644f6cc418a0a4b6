/**
 * The sidebar's "Structure" box: looking past the hub. Set Framasoft aside, colour the
 * communities (with their key), size nodes by ties or betweenness, and the key connectors
 * once Framasoft is set aside. The figures come from network.ts, computed when first shown.
 */
import { h, replaceChildren, svgIcon, uniqueId, whenIdle } from './dom.js';
import type { Translate } from './i18n.js';
import type { Network } from './network.js';
import { communityColor, NO_COMMUNITY_COLOR, SHAPE_PATH } from './style.js';
import { SIZE_BY, type SizeBy, type ViewState } from './url-state.js';

export interface StructureHandlers {
  onHideHub(hidden: boolean): void;
  onGroups(shown: boolean): void;
  onSizeBy(sizeBy: SizeBy): void;
  onEntity(slug: string): void;
  /** Folds a community into one node, or unfolds it. */
  onFold(index: number): void;
}

export interface Structure {
  root: HTMLElement;
  sync(
    state: ViewState,
    network: Network | null,
    nameOf: (slug: string) => string,
    collapsed: ReadonlySet<number>,
  ): void;
}

/** How many key connectors the box lists. */
const CONNECTORS = 5;
/** How many communities the key names; the rest share the last line. */
const NAMED_COMMUNITIES = 12;

export function structure(t: Translate, on: StructureHandlers): Structure {
  const hub = h('input', { type: 'checkbox', class: 'hide-hub' });
  hub.addEventListener('change', () => on.onHideHub(hub.checked));
  const groups = h('input', { type: 'checkbox', class: 'show-groups' });
  groups.addEventListener('change', () => on.onGroups(groups.checked));
  const key = h('ul', { class: 'community-key', hidden: true });
  const name = uniqueId('size-by');
  const sizes = new Map<SizeBy, HTMLInputElement>(
    SIZE_BY.map((value) => [value, h('input', { type: 'radio', name, value, checked: value === 'ties' })]),
  );
  for (const [value, radio] of sizes) radio.addEventListener('change', () => radio.checked && on.onSizeBy(value));
  const connectors = h('ol', { class: 'connector-list' });
  const connectorBox = h(
    'details',
    { class: 'key-connectors' },
    h('summary', { class: 'connectors-title' }, t('keyConnectors')),
    h('p', { class: 'hint' }, t('keyConnectorsHint')),
    connectors,
  );

  let drawn: { network: Network | null; groups: boolean; connectors: boolean } = {
    network: null,
    groups: false,
    connectors: false,
  };
  let last: Parameters<Structure['sync']> | null = null;
  /** The graph whose connectors wait for idle time, if any. */
  let waiting: Network | null = null;
  // The connectors are worked out when the box is opened (betweenness takes seconds on big graphs).
  connectorBox.addEventListener('toggle', () => {
    if (last) sync(...last);
  });

  const listConnectors = (network: Network) => {
    drawn.connectors = true;
    const nameOf = last?.[2] ?? ((slug: string) => slug);
    replaceChildren(
      connectors,
      network
        .keyConnectors(CONNECTORS)
        .map(({ slug }) =>
          h(
            'li',
            {},
            h(
              'button',
              { type: 'button', class: 'entity-link', 'data-slug': slug, onclick: () => on.onEntity(slug) },
              nameOf(slug),
            ),
          ),
        ),
    );
  };

  const sync: Structure['sync'] = (state, network, nameOf, collapsed) => {
    last = [state, network, nameOf, collapsed];
    hub.checked = state.hideHub === true;
    groups.checked = state.groups === true;
    for (const [value, radio] of sizes) radio.checked = value === (state.sizeBy ?? 'ties');
    key.hidden = !state.groups;
    if (network !== drawn.network) {
      drawn = { network, groups: false, connectors: false };
      replaceChildren(key);
      replaceChildren(connectors);
      // Open at first on graphs small enough for the figures to come at once.
      if (network && !connectorBox.dataset.touched) connectorBox.open = network.ends.size < 3000;
    }
    if (!network) return;
    if (state.groups && !drawn.groups) {
      drawn.groups = true;
      replaceChildren(key, communityKey(network, nameOf, t, on));
    }
    for (const button of key.querySelectorAll<HTMLButtonElement>('.fold-group')) {
      button.setAttribute('aria-pressed', String(collapsed.has(Number(button.dataset.community))));
    }
    if (connectorBox.open && !drawn.connectors) {
      // Opened by the visitor: listed at once. Open from the start: listed once the map is drawn,
      // since the first picture does not need the betweenness they come from.
      if (connectorBox.dataset.touched) {
        listConnectors(network);
      } else if (waiting !== network) {
        waiting = network;
        whenIdle(() => {
          waiting = null;
          if (drawn.network === network && connectorBox.open && !drawn.connectors) listConnectors(network);
        });
      }
    }
  };
  connectorBox.querySelector('summary')?.addEventListener('click', () => {
    connectorBox.dataset.touched = '1';
  });

  const root = h(
    'section',
    { class: 'structure', 'aria-label': t('structure') },
    h('h3', {}, t('structure')),
    h('label', { class: 'toggle', title: t('hideHubHint') }, hub, ` ${t('hideHub')}`),
    h('label', { class: 'toggle' }, groups, ` ${t('colourGroups')}`),
    key,
    h(
      'fieldset',
      { class: 'size-by' },
      h('legend', {}, t('sizeBy')),
      h('label', {}, sizes.get('ties'), ` ${t('sizeByTies')}`),
      h('label', {}, sizes.get('betweenness'), ` ${t('sizeByBetweenness')}`),
    ),
    connectorBox,
  );
  return { root, sync };
}

/** The colour key of the communities: each named after its most tied member, which it focuses. */
function communityKey(
  network: Network,
  nameOf: (slug: string) => string,
  t: Translate,
  on: StructureHandlers,
): HTMLElement[] {
  const { groups } = network.communitiesOf();
  const items = groups.slice(0, NAMED_COMMUNITIES).map((group) =>
    h(
      'li',
      { 'data-community': String(group.index) },
      svgIcon(SHAPE_PATH.ellipse, communityColor(group.index)),
      h(
        'button',
        { type: 'button', class: 'entity-link', 'data-slug': group.lead, onclick: () => on.onEntity(group.lead) },
        t('communityName', { lead: nameOf(group.lead) }),
      ),
      h('span', { class: 'count' }, String(group.members.length)),
      h(
        'button',
        {
          type: 'button',
          class: 'fold-group',
          'data-community': String(group.index),
          'aria-pressed': 'false',
          'aria-label': t('foldGroupLabel', { name: t('communityName', { lead: nameOf(group.lead) }) }),
          onclick: () => on.onFold(group.index),
        },
        t('foldGroup'),
      ),
    ),
  );
  items.push(h('li', { class: 'no-community' }, svgIcon(SHAPE_PATH.ellipse, NO_COMMUNITY_COLOR), t('noCommunity')));
  return items;
}
