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
