/** A small graph shaped like the `graph` query's answer, for the pure-module tests. */
import type { GraphData } from '../../viz/src/queries.js';

export const GRAPH: GraphData = {
  nodes: [
    { id: 'E1', slug: 'framasoft', name: 'Framasoft', kind: 'ORGANISATION', category: 'association' },
    { id: 'E2', slug: 'chatons', name: 'CHATONS', kind: 'ORGANISATION', category: 'collective' },
    { id: 'E3', slug: 'picasoft', name: 'Picasoft', kind: 'ORGANISATION', category: null },
    { id: 'E4', slug: 'peertube', name: 'PeerTube', kind: 'PROJECT', category: 'software' },
    { id: 'E5', slug: 'pouhiou', name: 'Pouhiou', kind: 'PERSON' },
    { id: 'E6', slug: 'lonely', name: 'Lonely', kind: 'EVENT', date: '2020-10-27' },
  ],
  edges: [
    { id: 'r1', type: 'RHIZOME', since: '2016', until: null, from: { slug: 'framasoft' }, to: { slug: 'chatons' } },
    {
      id: 'r2',
      type: 'MEMBERSHIP',
      since: '2019-03',
      until: null,
      from: { slug: 'picasoft' },
      to: { slug: 'chatons' },
    },
    {
      id: 'r3',
      type: 'DEVELOPS',
      since: '2017',
      until: '2018-06',
      from: { slug: 'framasoft' },
      to: { slug: 'peertube' },
    },
    { id: 'r4', type: 'WORKS_FOR', since: null, until: null, from: { slug: 'pouhiou' }, to: { slug: 'framasoft' } },
  ],
};

/**
 * A graph with time and software in it: Framasoft hosts an Etherpad for Sésamath (since 2014) and
 * for Wikimédia France (2014–2019); Pouhiou works for Framasoft (undated, so attested in 2020) and
 * speaks at an event of 2019 (undated, so bounded by the event); Théo worked there in 2020 only.
 */
export const TIMED: GraphData = {
  nodes: [
    { id: 'E1', slug: 'framasoft', name: 'Framasoft', kind: 'ORGANISATION', category: 'association' },
    { id: 'E2', slug: 'sesamath', name: 'Sésamath', kind: 'ORGANISATION', category: 'association' },
    { id: 'E3', slug: 'wikimedia-france', name: 'Wikimédia France', kind: 'ORGANISATION', category: 'association' },
    { id: 'E4', slug: 'etherpad', name: 'Etherpad', kind: 'PROJECT', category: 'software' },
    { id: 'E5', slug: 'peertube', name: 'PeerTube', kind: 'PROJECT', category: 'software' },
    { id: 'E6', slug: 'pouhiou', name: 'Pouhiou', kind: 'PERSON' },
    { id: 'E7', slug: 'theo', name: 'Théo', kind: 'PERSON' },
    { id: 'E8', slug: 'jdll', name: 'JDLL 2019', kind: 'EVENT', date: '2019-04-06' },
  ],
  edges: [
    {
      id: 'pad-sesamath',
      type: 'HOSTING',
      since: '2014',
      until: null,
      software: { slug: 'etherpad', name: 'Etherpad' },
      from: { slug: 'framasoft' },
      to: { slug: 'sesamath' },
    },
    {
      id: 'pad-wikimedia',
      type: 'HOSTING',
      since: '2014',
      until: '2019-06',
      software: { slug: 'etherpad', name: 'Etherpad' },
      from: { slug: 'framasoft' },
      to: { slug: 'wikimedia-france' },
    },
    {
      id: 'pouhiou-works',
      type: 'WORKS_FOR',
      since: null,
      until: null,
      from: { slug: 'pouhiou' },
      to: { slug: 'framasoft' },
    },
    {
      id: 'pouhiou-speaks',
      type: 'SPEAKS_AT',
      since: null,
      until: null,
      from: { slug: 'pouhiou' },
      to: { slug: 'jdll' },
    },
    {
      id: 'develops',
      type: 'DEVELOPS',
      since: '2017',
      until: null,
      from: { slug: 'framasoft' },
      to: { slug: 'peertube' },
    },
    {
      id: 'theo-works',
      type: 'WORKS_FOR',
      since: '2020-01',
      until: '2020-11',
      from: { slug: 'theo' },
      to: { slug: 'framasoft' },
    },
  ],
};
