/**
 * The map as a picture that stands on its own: a title saying what the view is ("Archipel —
 * Picasoft's neighbourhood"), the drawing, and a key of the relation types and entity kinds it
 * shows (colours and shapes mean nothing on paper without it). One SVG layout serves both
 * exports: the SVG file nests the map's own vector drawing, the PNG draws the same layout with
 * the map's bitmap in it. Both are the size of the map on screen (the PNG twice that).
 *
 * Pure: text in, SVG markup out.
 */
import type { EntityKind, RelationType } from '../../model/vocabulary.js';
import { kindLabel, type Lang, relationLabel, type Translate } from './i18n.js';
import { KIND_STYLE, RELATION_STYLE, SHAPE_PATH } from './style.js';
import type { PathQuery } from './url-state.js';

const TITLE_HEIGHT = 44;
const KEY_WIDTH = 230;
const ROW = 20;
/** From the key's heading to its first row. */
const KEY_TOP = 28;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const DASH = { solid: '', dashed: '6 3', dotted: '2 3' } as const;

export interface PictureView {
  focus: string | null;
  path: PathQuery | null;
  year: number | null;
}

/** "Archipel — Picasoft's neighbourhood", "Archipel — from Picasoft to CHATONS, 2019". */
export function pictureTitle(view: PictureView, nameOf: (slug: string) => string, t: Translate): string {
  const where = t('appTitle');
  const title = view.path
    ? t('picturePath', { where, from: nameOf(view.path.from), to: nameOf(view.path.to) })
    : view.focus
      ? t('pictureFocus', { where, name: nameOf(view.focus) })
      : t('pictureWhole');
  return view.year === null ? title : t('pictureYear', { title, year: view.year });
}

export interface PictureKey {
  types: readonly RelationType[];
  kinds: readonly EntityKind[];
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One line of the key: a relation type's line or an entity kind's shape, and its name. */
function keyItem(item: { type: RelationType } | { kind: EntityKind }, x: number, y: number, lang: Lang): string {
  if ('type' in item) {
    const { color, line } = RELATION_STYLE[item.type];
    const dash = DASH[line] ? ` stroke-dasharray="${DASH[line]}"` : '';
    return (
      `<line x1="${x}" y1="${y + 6}" x2="${x + 22}" y2="${y + 6}" stroke="${color}" stroke-width="3"${dash}/>` +
      `<text x="${x + 30}" y="${y + 10}" font-size="12">${escapeXml(relationLabel(item.type, lang))}</text>`
    );
  }
  const { shape, color } = KIND_STYLE[item.kind];
  return (
    `<path transform="translate(${x + 3} ${y - 2})" d="${SHAPE_PATH[shape]}" fill="${color}"/>` +
    `<text x="${x + 30}" y="${y + 10}" font-size="12">${escapeXml(kindLabel(item.kind, lang))}</text>`
  );
}

/** The key in `columns` columns of `columnWidth`, from (x, y); its rows first fill the first column. */
function keyMarkup(
  key: PictureKey,
  at: { x: number; y: number; columns: number; columnWidth: number },
  lang: Lang,
  t: Translate,
): string {
  const items = [...key.types.map((type) => ({ type })), ...key.kinds.map((kind) => ({ kind }))];
  const perColumn = Math.max(1, Math.ceil(items.length / at.columns));
  return [
    `<text x="${at.x}" y="${at.y + 14}" font-weight="700" font-size="14">${escapeXml(t('pictureLegend'))}</text>`,
    ...items.map((item, i) =>
      keyItem(item, at.x + Math.floor(i / perColumn) * at.columnWidth, at.y + KEY_TOP + (i % perColumn) * ROW, lang),
    ),
  ].join('');
}

/**
 * The whole picture, the size of the map on screen: the title on top, the key on the right (or
 * at the bottom, in two columns, when the view is taller than wide), and the map drawing (`map`:
 * markup drawn in a `width` × `height` box, a nested `<svg>` or an `<image>`) shrunk to fit what
 * is left, so that neither covers a node.
 */
export function pictureSvg(
  title: string,
  key: PictureKey,
  map: { markup: string; width: number; height: number },
  lang: Lang,
  t: Translate,
): string {
  const width = Math.round(map.width);
  const height = Math.round(map.height);
  const count = key.types.length + key.kinds.length;
  const portrait = width < height;
  const keyHeight = KEY_TOP + Math.ceil(count / (portrait ? 2 : 1)) * ROW + 8;
  const area = portrait
    ? { x: 0, y: TITLE_HEIGHT, w: width, h: Math.max(height - TITLE_HEIGHT - keyHeight, height / 3) }
    : { x: 0, y: TITLE_HEIGHT, w: width - KEY_WIDTH, h: height - TITLE_HEIGHT };
  const keyAt = portrait
    ? { x: 12, y: area.y + area.h + 4, columns: 2, columnWidth: (width - 12) / 2 }
    : { x: area.w + 16, y: TITLE_HEIGHT, columns: 1, columnWidth: KEY_WIDTH };
  const scale = Math.min(area.w / map.width, area.h / map.height);
  const dx = area.x + (area.w - map.width * scale) / 2;
  const dy = area.y + (area.h - map.height * scale) / 2;
  const text = escapeXml(title);
  // A long title on a narrow picture (a phone's) shrinks rather than running off the edge.
  const titleSize = Math.max(11, Math.min(20, Math.floor((width - 32) / (title.length * 0.62))));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}"`,
    ` viewBox="0 0 ${width} ${height}" role="img" aria-label="${text}" font-family='${FONT}' fill="#1d1d1f">`,
    `<title>${text}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text class="picture-title" x="16" y="29" font-size="${titleSize}" font-weight="700">${text}</text>`,
    `<g transform="translate(${dx.toFixed(1)} ${dy.toFixed(1)}) scale(${scale.toFixed(4)})">${map.markup}</g>`,
    keyMarkup(key, keyAt, lang, t),
    '</svg>',
  ].join('');
}

/** Cytoscape's SVG, to nest in the picture: without its XML prolog and doctype. */
export function nestedSvg(svg: string): string {
  const start = svg.indexOf('<svg');
  return start >= 0 ? svg.slice(start) : svg;
}
