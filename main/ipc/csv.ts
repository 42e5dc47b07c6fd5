/**
 * CSV for files the user opens in a spreadsheet (RFC 4180: comma-separated,
 * CRLF line ends, a cell quoted when it holds a comma, quote or line break,
 * quotes doubled). A cell starting with = + - @ (or a tab or carriage return,
 * which some spreadsheets skip first) gets a leading apostrophe: otherwise a
 * UPN or detail text typed by someone could run as a formula on the
 * reader's machine (OWASP "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
