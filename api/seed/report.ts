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

/** The report's plain text, and its headings (plain text too) for checking `section` names. */
export async function readReport(file: string): Promise<{ text: string; headings: Set<string> }> {
  const markdown = await readFile(file, 'utf8');
  const headings = new Set(
    markdown
      .split('\n')
      .filter((line) => /^#+\s/.test(line))
      .map((line) => toPlainText(line)),
  );
  return { text: toPlainText(markdown), headings };
}
