// cytoscape-svg ships no types; it is a Cytoscape extension registered with `cytoscape.use`,
// adding `cy.svg(options)`, which returns the drawing as SVG markup.
declare module 'cytoscape-svg' {
  import type { Ext } from 'cytoscape';

  const svg: Ext;
  export default svg;
}
