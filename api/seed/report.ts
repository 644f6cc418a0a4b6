/**
 * The 2020 activity report as plain text, to check that every source quote is verbatim.
 *
 * The report is Markdown; quotes are written as a reader sees the text, so links, emphasis and
 * HTML tags are reduced to their text and white space is folded before comparing.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

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
  sections: { heading: string; text: string }[];
  /**
   * The plain text with a newline wherever the Markdown has a line or paragraph end or a table cell
   * ends, so that a check can tell where a list item, a cell or a paragraph stops. Otherwise equal to `text`.
   */
  lines: string;
}

/** Reads the report once for every check: verbatim quotes, sections, clause boundaries. */
export async function readReport(file: string): Promise<ReportText> {
  return parseReport(await readFile(file, 'utf8'));
}

/** The same, from the Markdown text (tests give a small report). */
export function parseReport(markdown: string): ReportText {
  const sections: { heading: string; text: string }[] = [];
  const plainLines: string[] = [];
  let body: string[] = [];
  const close = () => {
    const last = sections.at(-1);
    if (last) last.text = normaliseQuote(body.join(' '));
    body = [];
  };
  for (const line of markdown.split('\n')) {
    const plain = toPlainText(line);
    if (/^#+\s/.test(line)) {
      close();
      sections.push({ heading: plain, text: '' });
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
