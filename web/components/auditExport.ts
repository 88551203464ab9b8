import { get } from '../api';
import { downloadText } from './download';

export const EXPORT_FORMATS = { jsonl: { label: 'JSON Lines', type: 'application/x-ndjson' }, csv: { label: 'CSV', type: 'text/csv' } } as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

/**
 * Fetches an export of cases with their hash chains (`selection`: a query of filters or
 * streams, "" for every case) and saves it as a file; the access log records the purpose.
 */
export const downloadExport = async (selection: string, format: ExportFormat, purpose: string, fileName: string): Promise<void> => {
  const query = new URLSearchParams(selection);
  query.set('format', format);
  const { body } = await get<string>(`/audit/export?${query}`, { text: true, purpose });
  downloadText(body, `${fileName}.${format}`, EXPORT_FORMATS[format].type);
};
