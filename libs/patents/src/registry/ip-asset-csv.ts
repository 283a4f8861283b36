import { parse } from 'csv-parse/sync';
import { isLocalDate } from '@app/kernel';
import { NewFiling } from './filing-rules';
import { NewInventor, NewIpAsset } from './ip-asset-rules';
import { OwnerShare } from './ownership-shares';
import { RegistryProblem } from './registry-problem';

/**
 * Bulk import of IP assets from CSV: one asset per row, optionally with its first filing.
 * Organisations are named by id or by exact name (case-insensitive), projects by id or code.
 */
export const IP_ASSET_CSV_COLUMNS = [
  'reference',
  'title',
  'abstract',
  'technologyField',
  'origin',
  'project',
  'agreementId',
  'holder',
  'owners',
  'inventors',
  'pooled',
  'researchCommons',
  'confidential',
  'createdOn',
  'filedOn',
  'jurisdiction',
  'applicationNumber',
  'applicationDate',
  'priorityDate',
  'filingStatus',
  'grantDate',
  'registrationNumber',
  'claimsCount',
  'entityStatus',
] as const;
export type IpAssetCsvColumn = (typeof IP_ASSET_CSV_COLUMNS)[number];

export const REQUIRED_CSV_COLUMNS: readonly IpAssetCsvColumn[] = [
  'title',
  'technologyField',
  'origin',
];
export const MAX_CSV_ROWS = 1000;

const FILING_COLUMNS: readonly IpAssetCsvColumn[] = [
  'applicationNumber',
  'applicationDate',
  'priorityDate',
  'filingStatus',
  'grantDate',
  'registrationNumber',
  'claimsCount',
  'entityStatus',
];

/** One problem of one row. `row` counts records as a spreadsheet shows them: the header is row 1. */
export interface ImportRowError {
  row: number;
  field: string;
  code: string;
  message: string;
}

export interface CsvRecord {
  row: number;
  values: Partial<Record<IpAssetCsvColumn, string>>;
}

/** Reads the CSV text into records keyed by column; header and syntax problems are row errors. */
export function readIpAssetCsv(text: string): { records: CsvRecord[]; errors: ImportRowError[] } {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, trim: true });
  } catch (err) {
    const e = err as { message?: string; records?: number };
    return {
      records: [],
      errors: [
        {
          row: (e.records ?? 0) + 1,
          field: '',
          code: 'CSV.MALFORMED',
          message: e.message ?? 'the CSV cannot be read',
        },
      ],
    };
  }
  if (rows.length === 0)
    return {
      records: [],
      errors: [{ row: 1, field: '', code: 'CSV.EMPTY', message: 'the CSV has no header row' }],
    };
  const header = rows[0];
  const errors: ImportRowError[] = [];
  header.forEach((name, i) => {
    if (!(IP_ASSET_CSV_COLUMNS as readonly string[]).includes(name)) {
      errors.push({
        row: 1,
        field: name,
        code: 'CSV.UNKNOWN_COLUMN',
        message: `unknown column "${name}" (columns: ${IP_ASSET_CSV_COLUMNS.join(', ')})`,
      });
    } else if (header.indexOf(name) !== i) {
      errors.push({
        row: 1,
        field: name,
        code: 'CSV.DUPLICATE_COLUMN',
        message: `column "${name}" appears twice`,
      });
    }
  });
  for (const required of REQUIRED_CSV_COLUMNS) {
    if (!header.includes(required))
      errors.push({
        row: 1,
        field: required,
        code: 'CSV.MISSING_COLUMN',
        message: `column "${required}" is required`,
      });
  }
  if (rows.length === 1)
    errors.push({
      row: 2,
      field: '',
      code: 'CSV.NO_ROWS',
      message: 'the CSV has a header but no rows',
    });
  if (rows.length - 1 > MAX_CSV_ROWS) {
    errors.push({
      row: MAX_CSV_ROWS + 2,
      field: '',
      code: 'CSV.TOO_MANY_ROWS',
      message: `at most ${MAX_CSV_ROWS} rows per import`,
    });
  }
  if (errors.length > 0) return { records: [], errors };
  const records = rows.slice(1).map((cells, i) => ({
    row: i + 2,
    values: Object.fromEntries(header.map((name, c) => [name, cells[c] ?? ''])),
  }));
  return { records, errors: [] };
}

/** Resolves names and codes to ids: keys are lower-case organisation names, project codes, and ids. */
export interface CsvLookups {
  organisations: ReadonlyMap<string, string>;
  projects: ReadonlyMap<string, string>;
}

const BOOLEANS: Record<string, boolean> = {
  '': false,
  true: true,
  false: false,
  '1': true,
  '0': false,
  yes: true,
  no: false,
  y: true,
  n: false,
};

/** Turns one record into the asset (and first filing) it describes; problems name CSV columns. */
export function ipAssetFromCsvRecord(
  record: CsvRecord,
  lookups: CsvLookups,
): { asset: NewIpAsset; filing: NewFiling | null; errors: ImportRowError[] } {
  const v = record.values;
  const errors: ImportRowError[] = [];
  const fail = (field: IpAssetCsvColumn, code: string, message: string) =>
    errors.push({ row: record.row, field, code, message });
  const text = (c: IpAssetCsvColumn) => (v[c] ?? '').trim();
  const optional = (c: IpAssetCsvColumn) => text(c) || null;
  const bool = (c: IpAssetCsvColumn) => {
    const b = BOOLEANS[text(c).toLowerCase()];
    if (b === undefined) fail(c, 'CSV.INVALID_BOOLEAN', `${c} is true/false, yes/no, 1/0 or empty`);
    return b ?? false;
  };
  const date = (c: IpAssetCsvColumn) => {
    const d = optional(c);
    if (d !== null && !isLocalDate(d))
      fail(c, 'VALIDATION.INVALID_DATE', `${c} must be a date written YYYY-MM-DD`);
    return d;
  };
  const organisation = (c: IpAssetCsvColumn, ref: string, what: string) => {
    const id = lookups.organisations.get(ref.toLowerCase());
    if (!id) fail(c, 'ORGANISATION.NOT_FOUND', `${what}: no organisation with id or name "${ref}"`);
    return id ?? null;
  };

  let projectId: string | null = null;
  if (text('project')) {
    const found =
      lookups.projects.get(text('project')) ?? lookups.projects.get(text('project').toLowerCase());
    if (!found)
      fail(
        'project',
        'PROJECT.NOT_FOUND',
        `no project of this platform with id or code "${text('project')}"`,
      );
    // An unknown reference keeps its place so that it is reported once, not also as missing.
    projectId = found ?? text('project');
  }
  const holder = text('holder')
    ? (organisation('holder', text('holder'), 'holder') ?? text('holder'))
    : null;

  let owners: OwnerShare[] | null = null;
  if (text('owners')) {
    owners = [];
    for (const [i, part] of text('owners')
      .split(';')
      .map((p) => p.trim())
      .filter(Boolean)
      .entries()) {
      const at = part.lastIndexOf(':');
      const share = at > 0 ? part.slice(at + 1).trim() : '';
      if (!/^\d{1,5}$/.test(share)) {
        fail(
          'owners',
          'CSV.INVALID_OWNER',
          `owner ${i + 1}: write owners as "organisation:shareBp;organisation:shareBp"`,
        );
        continue;
      }
      const ref = part.slice(0, at).trim();
      // An unknown owner keeps its place (as its name) so that the shares are still checked.
      owners.push({
        organisationId: organisation('owners', ref, `owner ${i + 1}`) ?? ref,
        shareBp: Number(share),
      });
    }
  }

  const inventors: NewInventor[] = [];
  for (const [i, part] of text('inventors')
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)
    .entries()) {
    const [name, org] = part.split('|').map((p) => p.trim());
    inventors.push({
      name,
      organisationId: org ? organisation('inventors', org, `inventor ${i + 1}`) : null,
    });
  }

  const claims = text('claimsCount');
  if (claims && !/^\d{1,4}$/.test(claims))
    fail(
      'claimsCount',
      'FILING.INVALID_CLAIMS_COUNT',
      'claimsCount is a whole number from 1 to 9999',
    );

  const jurisdiction = text('jurisdiction').toUpperCase();
  let filing: NewFiling | null = null;
  if (jurisdiction) {
    filing = {
      jurisdiction,
      applicationNumber: optional('applicationNumber'),
      applicationDate: date('applicationDate'),
      priorityDate: date('priorityDate'),
      grantDate: date('grantDate'),
      registrationNumber: optional('registrationNumber'),
      claimsCount: claims && /^\d{1,4}$/.test(claims) ? Number(claims) : null,
      entityStatus: (optional('entityStatus') as NewFiling['entityStatus']) ?? null,
      status: (optional('filingStatus') as NewFiling['status']) ?? null,
      note: 'imported from CSV',
    };
  } else {
    const stray = FILING_COLUMNS.find((c) => text(c));
    if (stray)
      fail(
        'jurisdiction',
        'CSV.JURISDICTION_REQUIRED',
        `${stray} describes a filing: name its jurisdiction (JP, PCT, US, EP, …)`,
      );
  }

  const origin = text('origin').toLowerCase();
  const asset: NewIpAsset = {
    reference: optional('reference'),
    title: text('title'),
    abstract: optional('abstract'),
    technologyField: text('technologyField'),
    origin: origin as NewIpAsset['origin'],
    projectId,
    agreementId: optional('agreementId'),
    holderOrganisationId: holder,
    owners,
    inventors,
    pooled: bool('pooled'),
    researchCommons: bool('researchCommons'),
    confidential: bool('confidential'),
    createdOn: date('createdOn'),
    filedOn:
      date('filedOn') ?? (filing ? (filing.priorityDate ?? filing.applicationDate ?? null) : null),
  };
  if (
    asset.agreementId &&
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(asset.agreementId)
  ) {
    fail('agreementId', 'VALIDATION.INVALID_ID', 'agreementId must be a UUID');
    asset.agreementId = null;
  }
  return { asset, filing, errors: inColumnOrder(errors) };
}

/** A row's errors in the order of the columns (stable within a column). */
export function inColumnOrder(errors: ImportRowError[]): ImportRowError[] {
  const index = (field: string) => {
    const i = (IP_ASSET_CSV_COLUMNS as readonly string[]).indexOf(field);
    return i < 0 ? IP_ASSET_CSV_COLUMNS.length : i;
  };
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => index(a.e.field) - index(b.e.field) || a.i - b.i)
    .map(({ e }) => e);
}

const ASSET_FIELD_COLUMN: Record<string, IpAssetCsvColumn> = {
  projectId: 'project',
  holderOrganisationId: 'holder',
};
const FILING_FIELD_COLUMN: Record<string, IpAssetCsvColumn> = {
  status: 'filingStatus',
  statusEffectiveOn: 'filingStatus',
  parentFilingId: 'jurisdiction',
};

/** A domain problem of a row's asset or filing, reported against the CSV column it comes from. */
export function csvErrorOf(
  row: number,
  problem: RegistryProblem,
  part: 'asset' | 'filing',
): ImportRowError {
  const m = /^([A-Za-z]+)(?:\[(\d+)\])?/.exec(problem.field);
  const head = m?.[1] ?? problem.field;
  const column = (part === 'asset' ? ASSET_FIELD_COLUMN : FILING_FIELD_COLUMN)[head] ?? head;
  const item =
    m?.[2] !== undefined ? `${head === 'owners' ? 'owner' : 'inventor'} ${Number(m[2]) + 1}: ` : '';
  return { row, field: column, code: problem.code, message: `${item}${problem.message}` };
}
