/**
 * RFC 4180 CSV, both ways: an export must read back to exactly what was written, so commas,
 * quotes and line breaks inside a field are quoted on the way out and honoured on the way in.
 */

const needsQuotes = /[",\r\n]/;

export const csvField = (value: string): string => (needsQuotes.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export const csvRow = (fields: readonly string[]): string => `${fields.map(csvField).join(',')}\r\n`;

export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
  constructor(
    /** 1-based; a row may span several lines when a quoted field holds a line break. */
    readonly row: number,
    message: string,
  ) {
    super(`CSV row ${row}: ${message}`);
  }
}

/** The rows of a CSV text; accepts CRLF or LF line ends. Throws CsvSyntaxError naming the row of a broken quote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      i += 1;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === '"') throw new CsvSyntaxError(rows.length + 1, 'a quote inside an unquoted field');
    else if (char === ',') endField();
    else if (char === '\n' || (char === '\r' && text[i + 1] === '\n')) {
      endRow();
      if (char === '\r') i += 1;
    } else field += char;
    i += 1;
  }
  if (quoted) throw new CsvSyntaxError(rows.length + 1, 'a quoted field is never closed');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}
