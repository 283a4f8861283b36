import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, todayInJapan } from '@app/kernel';
import { Actor, AuditService } from '@app/access';
import { CheckedFiling } from './filing-rules';
import {
  CsvLookups,
  ImportRowError,
  csvErrorOf,
  inColumnOrder,
  ipAssetFromCsvRecord,
  readIpAssetCsv,
} from './ip-asset-csv';
import { IpAssetPlan, IpAssetService } from './ip-asset.service';
import { IpFilingService } from './ip-filing.service';

export interface ImportedRow {
  row: number;
  assetId: string;
  reference: string | null;
  filingId: string | null;
}

/**
 * All-or-nothing CSV import: every row is checked (syntax, references, business rules, clashes
 * with the database and with other rows) before anything is written; one bad row and nothing is
 * imported (422 IMPORT.INVALID_ROWS with every problem of every row). Otherwise all assets are
 * created in one transaction.
 */
@Injectable()
export class IpAssetImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly assets: IpAssetService,
    private readonly filings: IpFilingService,
  ) {}

  async importCsv(actor: Actor, platformId: string, csv: string): Promise<ImportedRow[]> {
    return this.dataSource.transaction(async (em) => {
      await this.assets.requirePlatform(em, platformId);
      const { records, errors: fileErrors } = readIpAssetCsv(csv);
      if (fileErrors.length > 0) throw invalidRows(fileErrors, 0);

      const orgs: { id: string; name: string }[] = await em.query(
        'SELECT id, name FROM organisations',
      );
      const projects: { id: string; code: string }[] = await em.query(
        'SELECT id, code FROM research_projects WHERE platform_id = $1',
        [platformId],
      );
      const lookups: CsvLookups = {
        organisations: new Map([
          ...orgs.map((o) => [o.name.toLowerCase(), o.id] as const),
          ...orgs.map((o) => [o.id, o.id] as const),
        ]),
        projects: new Map([
          ...projects.map((p) => [p.code, p.id] as const),
          ...projects.map((p) => [p.id, p.id] as const),
        ]),
      };

      const today = todayInJapan();
      const errors: ImportRowError[] = [];
      const planned: { row: number; plan: IpAssetPlan; filing: CheckedFiling | null }[] = [];
      const references = new Map<string, number>();
      const applications = new Map<string, number>();
      for (const record of records) {
        const rowErrors: ImportRowError[] = [];
        const { asset, filing, errors: readErrors } = ipAssetFromCsvRecord(record, lookups);
        rowErrors.push(...readErrors);
        const checked = await this.assets.checkIn(em, platformId, asset, today);
        rowErrors.push(...checked.problems.map((p) => csvErrorOf(record.row, p, 'asset')));
        let checkedFiling: CheckedFiling | null = null;
        if (filing) {
          const f = await this.filings.checkIn(
            em,
            platformId,
            null,
            filing,
            today,
            checked.plan.asset.createdOn,
          );
          rowErrors.push(...f.problems.map((p) => csvErrorOf(record.row, p, 'filing')));
          checkedFiling = f.filing;
          if (f.filing.applicationNumber) {
            const key = `${f.filing.jurisdiction} ${f.filing.applicationNumber}`;
            const first = applications.get(key);
            if (first !== undefined) {
              rowErrors.push({
                row: record.row,
                field: 'applicationNumber',
                code: 'IMPORT.DUPLICATE_APPLICATION_NUMBER',
                message: `same application as row ${first}`,
              });
            } else applications.set(key, record.row);
          }
        }
        if (asset.reference) {
          const first = references.get(asset.reference);
          if (first !== undefined) {
            rowErrors.push({
              row: record.row,
              field: 'reference',
              code: 'IMPORT.DUPLICATE_REFERENCE',
              message: `same reference as row ${first}`,
            });
          } else references.set(asset.reference, record.row);
        }
        // One report per (column, code): a name that resolves to nothing is not reported twice.
        errors.push(
          ...inColumnOrder(
            rowErrors.filter(
              (e, i) => rowErrors.findIndex((f) => f.field === e.field && f.code === e.code) === i,
            ),
          ),
        );
        planned.push({ row: record.row, plan: checked.plan, filing: checkedFiling });
      }
      if (errors.length > 0) throw invalidRows(errors, records.length);

      const imported: ImportedRow[] = [];
      for (const { row, plan, filing } of planned) {
        const asset = await this.assets.createIn(em, actor, platformId, plan);
        const created = filing
          ? await this.filings.createIn(em, actor, platformId, asset.id, filing)
          : null;
        imported.push({
          row,
          assetId: asset.id,
          reference: asset.reference,
          filingId: created?.id ?? null,
        });
      }
      await this.audit.record(em, actor, {
        action: 'ip_assets.imported',
        entityType: 'platform',
        entityId: platformId,
        platformId,
        after: { rows: imported.length, imported },
      });
      return imported;
    });
  }
}

function invalidRows(errors: ImportRowError[], rows: number): DomainError {
  const invalid = new Set(errors.map((e) => e.row)).size;
  return DomainError.unprocessable(
    'IMPORT.INVALID_ROWS',
    `${invalid} row(s) have errors; nothing was imported`,
    { rows, invalidRows: invalid, errors },
  );
}
