/**
 * Answers the report gives, written out once for every test that pins them (read from seeds/*.yaml
 * by hand, never computed by the code under test).
 */

/** Picasoft's neighbourhood (`graph(focus: "picasoft", depth: 1)`): its entities and the relations among them. */
export const PICASOFT_VIEW = {
  nodes: ['chatons', 'framasoft', 'picasoft', 'resolu'],
  relations: [
    'archipelago--framasoft--picasoft',
    'authored--framasoft--resolu',
    'collaboration--framasoft--picasoft',
    'contributes-to--picasoft--resolu',
    'funding--framasoft--chatons',
    'membership--picasoft--chatons',
    'rhizome--framasoft--chatons',
  ],
} as const;
