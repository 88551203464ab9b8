import { useEffect, useMemo } from 'preact/hooks';
import { dateOf } from '../../domain/calendar';

/** One column of a table as it is downloaded: its header and the raw value of a row (ISO dates, plain numbers). */
export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | boolean | null;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled.
 * Text starting with = + - @ is prefixed with ' so a spreadsheet shows it instead of running it as a formula.
 */
const field = (value: string | number | boolean | null): string => {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The rows as CSV text: a header line, then one line per row, CRLF line ends. */
const toCsv = <Row,>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string =>
  [columns.map((c) => field(c.header)), ...rows.map((row) => columns.map((c) => field(c.value(row))))].map((line) => line.join(',')).join('\r\n') + '\r\n';

/** A link that downloads the rows as "<name>-<today, UTC>.csv", built in the browser from the same rows the table shows. */
export const CsvDownload = <Row,>({ name, columns, rows }: { name: string; columns: readonly CsvColumn<Row>[]; rows: readonly Row[] }) => {
  const url = useMemo(() => URL.createObjectURL(new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' })), [columns, rows]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const fileName = `${name}-${dateOf(new Date().toISOString())}.csv`;
  return (
    <a class="usa-button usa-button--outline" href={url} download={fileName} data-testid="csv-download">
      Download CSV <span class="text-normal margin-left-05">({fileName})</span>
    </a>
  );
};
