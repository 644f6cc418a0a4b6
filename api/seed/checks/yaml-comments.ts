/**
 * Unquoted values that YAML silently shortened. A ` #` starts a comment, so
 * `quote: une participation au #DayAgainstDRM …` stores "une participation au"; and in a value
 * written over several lines, a line that starts with `#` ends the value there. Both leave a verbatim
 * prefix that the quote check accepts. Seed files carry comments on their own lines, at the level of
 * entries, never inside a value: a comment indented under a value is taken for a cut.
 */
import { type Document, isPair, isScalar, isSeq, type LineCounter, Scalar, visit } from 'yaml';

export interface YamlProblem {
  file: string;
  line: number;
  field: string;
  message: string;
}

export function valuesCutByComments(file: string, text: string, doc: Document, lines: LineCounter): YamlProblem[] {
  const problems: YamlProblem[] = [];
  visit(doc, {
    Pair(_key, pair, ancestors) {
      const value = pair.value;
      if (!isScalar(value) || value.type !== Scalar.PLAIN || !value.range || !isScalar(pair.key) || !pair.key.range) {
        return;
      }
      const cut =
        sameLineComment(text, value.range[1]) ?? commentInside(text, value.range[1], pair.key.range[0], lines);
      if (!cut) return;
      problems.push({
        file,
        line: lines.linePos(value.range[0]).line,
        field: fieldPath([...ancestors, pair]),
        message: `${cut} was read as a YAML comment, leaving ${JSON.stringify(String(value.value))}: quote the whole value`,
      });
    },
  });
  return problems;
}

/** `value #rest` on the value's last line. */
function sameLineComment(text: string, end: number): string | null {
  const lineEnd = text.indexOf('\n', end);
  const rest = text.slice(end, lineEnd === -1 ? undefined : lineEnd);
  return /^[ \t]+#/.test(rest) ? 'the text after " #"' : null;
}

/** The next non-blank line after the value is a comment indented under the value's key. */
function commentInside(text: string, end: number, keyStart: number, lines: LineCounter): string | null {
  const keyIndent = lines.linePos(keyStart).col - 1;
  const lineEnd = text.indexOf('\n', end);
  if (lineEnd === -1) return null;
  for (const line of text.slice(lineEnd + 1).split('\n')) {
    if (!line.trim()) continue;
    const indent = line.length - line.trimStart().length;
    return line.trimStart().startsWith('#') && indent > keyIndent ? `the line "${line.trim()}"` : null;
  }
  return null;
}

/** A node's place in the document as the other problems name it: `relations[3].sources[0].quote`. */
function fieldPath(ancestors: readonly unknown[]): string {
  let path = '';
  ancestors.forEach((node, i) => {
    const next = ancestors[i + 1];
    if (isSeq(node) && next) path += `[${node.items.indexOf(next as never)}]`;
    if (isPair(node) && isScalar(node.key)) path += `${path ? '.' : ''}${String(node.key.value)}`;
  });
  return path;
}
