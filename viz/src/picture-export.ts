/**
 * The PNG and SVG exports of the map as drawn: the view's title, the drawing, and the key of what
 * it shows (picture.ts lays them out). The SVG extension (cytoscape-svg) is loaded on the first
 * SVG export only, so that the map's load does not pay for it.
 */
import cytoscape, { type Core } from 'cytoscape';
import { ENTITY_KINDS, RELATION_TYPE_NAMES } from '../../model/vocabulary.js';
import type { Lang, Translate } from './i18n.js';
import { nestedSvg, type PictureKey, pictureSvg } from './picture.js';
import { withPngTitle } from './png-title.js';

/** How much finer than the screen the PNG is drawn, for print. */
const PNG_SCALE = 2;

interface SvgCore extends Core {
  svg(options: { full?: boolean; scale?: number; bg?: string }): string;
}

let svgExtension: Promise<void> | null = null;

function loadSvgExtension(): Promise<void> {
  svgExtension ??= import('cytoscape-svg').then(({ default: extension }) => {
    cytoscape.use(extension);
  });
  return svgExtension;
}

/** The relation types and entity kinds on screen, in the legend's order. */
export function shownKey(cy: Core): PictureKey {
  const types = new Set(cy.edges(':visible').map((e) => e.data('type') as string));
  const kinds = new Set(cy.nodes(':visible').map((n) => n.data('kind') as string));
  return {
    types: RELATION_TYPE_NAMES.filter((type) => types.has(type)),
    kinds: ENTITY_KINDS.filter((kind) => kinds.has(kind)),
  };
}

export async function exportSvg(cy: Core, title: string, lang: Lang, t: Translate): Promise<Blob> {
  await loadSvgExtension();
  const drawing = (cy as SvgCore).svg({ full: false, scale: 1, bg: '#ffffff' });
  const map = { markup: nestedSvg(drawing), width: cy.width(), height: cy.height() };
  const svg = pictureSvg(title, shownKey(cy), map, lang, t);
  return new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`], { type: 'image/svg+xml' });
}

/** The same layout as the SVG, with the map's bitmap in it, drawn on a canvas; the title goes in the file too. */
export async function exportPng(cy: Core, title: string, lang: Lang, t: Translate): Promise<Blob> {
  const width = cy.width();
  const height = cy.height();
  const bitmap = cy.png({ output: 'base64uri', full: false, scale: PNG_SCALE, bg: '#ffffff' });
  const map = { markup: `<image href="${bitmap}" width="${width}" height="${height}"/>`, width, height };
  const svg = pictureSvg(title, shownKey(cy), map, lang, t);
  const image = new Image();
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    image.src = url;
    await image.decode();
  } finally {
    URL.revokeObjectURL(url);
  }
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width) * PNG_SCALE;
  canvas.height = Math.round(height) * PNG_SCALE;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const png = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
  const titled = withPngTitle(new Uint8Array(await png.arrayBuffer()), title);
  return new Blob([titled], { type: 'image/png' });
}
