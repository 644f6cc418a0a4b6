import { describe, expect, it } from 'vitest';
import {
  ENTITY_KINDS,
  ORGANISATION_CATEGORIES,
  PROJECT_CATEGORIES,
  RELATION_TYPE_NAMES,
  type RelationType,
} from '../../model/vocabulary.js';
import {
  CATEGORY_COLORS,
  CHANGE_STYLE,
  DERIVED_EDGE_STYLE,
  edgeLook,
  FALLBACK_EDGE_COLOR,
  HEART,
  KIND_STYLE,
  nodeLook,
  RELATION_STYLE,
  SHAPE_PATH,
  stylesheet,
} from '../../viz/src/style.js';

describe('style as data', () => {
  it('gives every kind a distinct shape with a legend drawing', () => {
    const shapes = ENTITY_KINDS.map((k) => KIND_STYLE[k].shape);
    expect(new Set(shapes).size).toBe(ENTITY_KINDS.length);
    for (const shape of shapes) expect(SHAPE_PATH[shape]).toMatch(/^M/);
  });

  it('gives every category a colour, distinct within its kind', () => {
    for (const categories of [ORGANISATION_CATEGORIES, PROJECT_CATEGORIES]) {
      const colours = categories.map((c) => CATEGORY_COLORS[c]);
      expect(colours.every(Boolean)).toBe(true);
      expect(new Set(colours).size).toBe(categories.length);
    }
  });

  it('tells every relation type apart by colour and dash', () => {
    const looks = RELATION_TYPE_NAMES.map((t) => `${RELATION_STYLE[t].color}/${RELATION_STYLE[t].line}`);
    expect(new Set(looks).size).toBe(RELATION_TYPE_NAMES.length);
  });

  it('resolves each element’s look from the tables, with fallbacks for values this build does not know', () => {
    expect(nodeLook('PROJECT', 'software', false)).toEqual({
      shape: 'round-rectangle',
      color: CATEGORY_COLORS.software,
    });
    expect(nodeLook('PROJECT', null, false).color).toBe(KIND_STYLE.PROJECT.color);
    expect(nodeLook('PROJECT', 'brand-new', false).color).toBe(KIND_STYLE.PROJECT.color);
    expect(nodeLook('ORGANISATION', 'association', true).color).toBe(HEART.color);
    expect(edgeLook('HOSTING')).toEqual(RELATION_STYLE.HOSTING);
    expect(edgeLook('NOT_A_TYPE' as RelationType)).toEqual({ color: FALLBACK_EDGE_COLOR, line: 'solid' });
  });

  it('maps the stylesheet onto element data, with cheaper edges and fewer labels for big graphs', () => {
    const rule = (large: boolean, selector: string) => stylesheet({ large }).find((r) => r.selector === selector);
    expect(rule(false, 'node')).toMatchObject({
      style: { shape: 'data(shape)', 'background-color': 'data(color)', label: 'data(label)' },
    });
    expect(rule(false, 'edge')).toMatchObject({
      style: { 'line-color': 'data(color)', 'line-style': 'data(line)', 'curve-style': 'bezier' },
    });
    expect(rule(true, 'edge')).toMatchObject({ style: { 'curve-style': 'haystack', 'target-arrow-shape': 'none' } });
    expect(rule(true, 'node')).toMatchObject({ style: { label: '' } });
    expect(stylesheet({ large: true }).some((r) => r.selector.includes('node.labelled'))).toBe(true);
  });

  it('draws software edges thinner than relations, and a halo per kind of change', () => {
    const rule = (selector: string) => stylesheet({ large: false }).find((r) => r.selector === selector);
    expect(rule('edge[derived]')).toMatchObject({ style: { width: DERIVED_EDGE_STYLE.width } });
    expect(rule('edge')).toMatchObject({ style: { width: 1.5 } });
    expect(DERIVED_EDGE_STYLE.width).toBeLessThan(1.5);
    expect(rule('edge[changed = "started"]')).toMatchObject({
      style: { 'underlay-color': CHANGE_STYLE.started.color },
    });
    expect(rule('edge[changed = "ended"]')).toMatchObject({ style: { 'underlay-color': CHANGE_STYLE.ended.color } });
  });
});
