/**
 * CSV text for spreadsheets, written by csv-stringify (RFC 4180 quoting). The list view loads
 * this module on the first download only, so the map does not carry the writer.
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { CsvValue } from './table-model.js';

/**
 * - A byte-order mark: without it Excel reads UTF-8 as Windows-1252 and "Dérivation" turns to mojibake.
 * - CRLF between records, as RFC 4180 asks, and line breaks inside a field quoted too (csv-stringify
 *   stops quoting a lone "\n" once a record delimiter is set, unless told otherwise).
 * - Cells that a spreadsheet would run as a formula ("=…", "+…", "@…") are prefixed with "'": the
 *   data can be edited through the API, and an export must not carry someone's formula to staff.
 */
export function toCsv(records: readonly (readonly CsvValue[])[]): string {
  return stringify(records as CsvValue[][], {
    bom: true,
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    escape_formulas: true,
  });
}

export const CSV_TYPE = 'text/csv;charset=utf-8';
