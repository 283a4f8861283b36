import { stringify } from 'csv-stringify/sync';
import type { Reply } from './reply';

/**
 * A report as a CSV download for Excel: UTF-8 with a BOM (so Japanese text opens correctly), a
 * header row of `columns`, saved as `filename`. Returns the body for the handler to return.
 */
export function csvDownload(res: Reply, filename: string, columns: string[], records: unknown[][]): string {
  res.header('Content-Type', 'text/csv; charset=utf-8');
  res.header('Content-Disposition', `attachment; filename="${filename}"`);
  return stringify(records, { header: true, columns, bom: true });
}
