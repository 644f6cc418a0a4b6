/**
 * The 2020 activity report as plain text, to check that every source quote is verbatim.
 *
 * The report is Markdown; quotes are written as a reader sees the text, so links, emphasis and
 * HTML tags are reduced to their text and white space is folded before comparing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closest } from 'fastest-levenshtein';
import type { CitationCheck, CitationProblem } from '../db/edits/checks.js';

export const REPORT_FILE_NAME = 'framasoft-rapport-activite-2020.md';

/**
 * `ARCHIPEL_REPORT` when set, else `../shared/report/` beside the repository; null when there is none.
 * A report that `ARCHIPEL_REPORT` names is required (the project's CI names it): its absence is an
 * error, never a quiet fall-back that would skip the quote check.
 */
export function findReport(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.ARCHIPEL_REPORT) {
    if (!existsSync(env.ARCHIPEL_REPORT)) {
      throw new MissingReportError(`ARCHIPEL_REPORT names ${env.ARCHIPEL_REPORT}, which does not exist`);
    }
    return env.ARCHIPEL_REPORT;
  }
  const beside = path.resolve(repoRoot, '..', 'shared', 'report', REPORT_FILE_NAME);
  return existsSync(beside) ? beside : null;
}

/** The report a setting requires is missing. */
export class MissingReportError extends Error {}

/** Reduces Markdown to the text a reader sees, with white space folded. */
export function toPlainText(markdown: string): string {
  return normaliseQuote(
    markdown
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<(https?:[^>]+)>/g, '$1')
      .replace(/<\/?[a-z]+[^>]*>/gi, '')
      .replace(/^#+\s*/gm, '')
      .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1'),
  );
}

/** Folds white space and drops emphasis markers, on both the report and the quotes. */
export function normaliseQuote(text: string): string {
  return text
    .replace(/[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The report as the checks read it: its plain text, its headings and each section's own text. */
export interface ReportText {
  /** The whole report as plain text, white space folded. */
  text: string;
  /** Every heading, as plain text. */
  headings: Set<string>;
  /** The headings in document order, each with the plain text of its own body (up to the next heading). */
  sections: ReportSection[];
  /**
   * The plain text with a newline wherever the Markdown has a line or paragraph end or a table cell
   * ends, so that a check can tell where a list item, a cell or a paragraph stops. Otherwise equal to `text`.
   */
  lines: string;
}

/** One heading of the report and the text under it (up to the next heading, of any level). */
export interface ReportSection {
  heading: string;
  /** 1 for "#", 2 for "##", … */
  level: number;
  /** The nearest heading above it of a lower level; null for a top-level heading. */
  parent: string | null;
  /** Its own body as plain text, white space folded. */
  text: string;
}

/** Reads the report once for every check: verbatim quotes, sections, clause boundaries. */
export async function readReport(file: string): Promise<ReportText> {
  return parseReport(await readFile(file, 'utf8'));
}

/** The same, from the Markdown text (tests give a small report). */
export function parseReport(markdown: string): ReportText {
  const sections: ReportSection[] = [];
  const plainLines: string[] = [];
  let body: string[] = [];
  const close = () => {
    const last = sections.at(-1);
    if (last) last.text = normaliseQuote(body.join(' '));
    body = [];
  };
  for (const line of markdown.split('\n')) {
    const plain = toPlainText(line);
    const hashes = /^(#+)\s/.exec(line)?.[1];
    if (hashes) {
      close();
      const level = hashes.length;
      const parent = sections.findLast((s) => s.level < level)?.heading ?? null;
      sections.push({ heading: plain, level, parent, text: '' });
    } else if (plain) {
      body.push(plain);
    }
    // A table cell ends where a clause would: its tabs count as line ends.
    const cells = toPlainText(line.replace(/\t/g, ' \uE000 '))
      .replace(/ ?\uE000 ?/g, '\n')
      .replace(/^\n+|\n+$/g, '')
      .replace(/\n+/g, '\n');
    if (cells) plainLines.push(cells);
  }
  close();
  return {
    text: toPlainText(markdown),
    headings: new Set(sections.map((s) => s.heading)),
    sections,
    lines: plainLines.join('\n'),
  };
}

/** Where a quote is in the report, against the section it names (`locateQuote`). */
export interface QuoteLocation {
  /** The quote is somewhere in the report, verbatim (after the seed check's normalisation). */
  verbatim: boolean;
  /** The section named is a heading of the report. */
  sectionExists: boolean;
  /** The quote is in the named section's own text. */
  inSection: boolean;
  /** The first section whose own text holds the quote; null when none does. */
  foundInSection: string | null;
}

/**
 * Looks a quote up as `seed:validate` does (same normalisation; a section is its own text up to the
 * next heading): is it verbatim in the report, in the section named, and if not, where.
 */
export function locateQuote(report: ReportText, section: string, quote: string): QuoteLocation {
  const wanted = normaliseQuote(quote);
  const named = report.sections.find((s) => s.heading === normaliseQuote(section));
  const verbatim = wanted !== '' && report.text.includes(wanted);
  const inSection = verbatim && (named?.text.includes(wanted) ?? false);
  const found = inSection ? named : verbatim ? report.sections.find((s) => s.text.includes(wanted)) : undefined;
  return { verbatim, sectionExists: named !== undefined, inSection, foundInSection: found?.heading ?? null };
}

/**
 * What is wrong with a report source, as staff edits and imports say it: a section that is not a
 * heading, or a quote that is not verbatim in its section (and where it is, when elsewhere).
 */
export function citationProblem(
  report: ReportText,
  source: { section: string; quote: string },
): CitationProblem | null {
  const where = locateQuote(report, source.section, source.quote);
  if (where.inSection) return null;
  if (!where.sectionExists) {
    return {
      field: 'section',
      message: `"${source.section}" is not a heading of the report`,
      suggestion: where.foundInSection ?? closest(normaliseQuote(source.section), [...report.headings]),
    };
  }
  return {
    field: 'quote',
    message:
      `not found verbatim in the report section "${normaliseQuote(source.section)}"` +
      (where.foundInSection ? `; it is in "${where.foundInSection}"` : ''),
    ...(where.foundInSection ? { suggestion: where.foundInSection } : {}),
  };
}

/** The citation check of staff edits for a report; none (sources unchecked) without one. */
export const citationCheck = (report: ReportText | null): CitationCheck | undefined =>
  report ? (source) => citationProblem(report, source) : undefined;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let serverReport: { file: string | null; report: ReportText | null } | undefined;

/**
 * The report the API checks staff quotes against, read once per process: the one `findReport`
 * finds for this repository, or null when there is none. Throws `MissingReportError` when
 * ARCHIPEL_REPORT names a file that does not exist.
 */
export function reportForServer(): ReportText | null {
  if (!serverReport) {
    const file = findReport(REPO_ROOT);
    serverReport = { file, report: file ? parseReport(readFileSync(file, 'utf8')) : null };
  }
  return serverReport.report;
}
