import { describe, expect, it } from 'vitest';
import {
  ENTITY_KINDS,
  ORGANISATION_CATEGORIES,
  PROJECT_CATEGORIES,
  RELATION_TYPE_NAMES,
} from '../../api/model/vocabulary.js';
import { CATEGORY_COLORS, KIND_STYLE, RELATION_STYLE, SHAPE_PATH, stylesheet } from '../../viz/src/style.js';

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

  it('derives one rule per kind, category and type, and cheaper edges for big graphs', () => {
    const small = stylesheet({ large: false });
    const selectors = small.map((rule) => rule.selector);
    for (const type of RELATION_TYPE_NAMES) expect(selectors).toContain(`edge[type = "${type}"]`);
    for (const kind of ENTITY_KINDS) expect(selectors).toContain(`node[kind = "${kind}"]`);
    for (const category of Object.keys(CATEGORY_COLORS)) expect(selectors).toContain(`node[category = "${category}"]`);
    const edgeRule = (large: boolean) => stylesheet({ large }).find((r) => r.selector === 'edge');
    expect(edgeRule(false)).toMatchObject({ style: { 'curve-style': 'bezier' } });
    expect(edgeRule(true)).toMatchObject({ style: { 'curve-style': 'haystack', 'target-arrow-shape': 'none' } });
  });
});
