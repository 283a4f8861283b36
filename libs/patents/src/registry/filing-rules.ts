import { LocalDate, isLocalDate } from '@app/kernel';
import {
  IP_FILING_STATUSES,
  IpFilingStatus,
  initialFilingStatuses,
  isJurisdiction,
  requiresApplicationDate,
} from './filing-status';
import { RegistryProblem } from './registry-problem';

/** USPTO entity status the fees are paid at (standard = the fee tables' "large" entity). */
export const USPTO_ENTITY_STATUSES = ['standard', 'small', 'micro'] as const;
export type UsptoEntityStatus = (typeof USPTO_ENTITY_STATUSES)[number];

/** The facts of a filing that must stay consistent with each other whatever changes. */
export interface FilingFacts {
  jurisdiction: string;
  parentFilingId: string | null;
  applicationNumber: string | null;
  applicationDate: LocalDate | null;
  priorityDate: LocalDate | null;
  grantDate: LocalDate | null;
  registrationNumber: string | null;
  claimsCount: number | null;
  entityStatus: UsptoEntityStatus | null;
  status: IpFilingStatus;
}

export interface NewFiling {
  jurisdiction: string;
  parentFilingId?: string | null;
  applicationNumber?: string | null;
  applicationDate?: LocalDate | null;
  priorityDate?: LocalDate | null;
  grantDate?: LocalDate | null;
  registrationNumber?: string | null;
  claimsCount?: number | null;
  /** USPTO only; a US filing defaults to standard. */
  entityStatus?: UsptoEntityStatus | null;
  /** Status it is registered with (existing filings are imported mid-life); default drafted, or filed with an application date. */
  status?: IpFilingStatus | null;
  /** When that status took effect; default the grant date, the application date, the asset's creation date (drafts) or today. */
  statusEffectiveOn?: LocalDate | null;
  note?: string | null;
}

export interface CheckedFiling extends FilingFacts {
  statusEffectiveOn: LocalDate;
  note: string | null;
}

export function filingFactProblems(f: FilingFacts): RegistryProblem[] {
  const problems: RegistryProblem[] = [];
  for (const field of ['applicationDate', 'priorityDate', 'grantDate'] as const) {
    const value = f[field];
    if (value !== null && !isLocalDate(value)) {
      problems.push({
        field,
        code: 'VALIDATION.INVALID_DATE',
        message: `${field} must be a date written YYYY-MM-DD`,
        kind: 'validation',
      });
    }
  }
  if (problems.length > 0) return problems;
  if (f.jurisdiction === 'PCT' && f.parentFilingId) {
    problems.push({
      field: 'parentFilingId',
      code: 'FILING.PCT_HAS_NO_PARENT',
      message: 'a PCT application is not a national phase of another filing',
      kind: 'validation',
    });
  }
  if (f.entityStatus !== null && !USPTO_ENTITY_STATUSES.includes(f.entityStatus)) {
    problems.push({
      field: 'entityStatus',
      code: 'FILING.INVALID_ENTITY_STATUS',
      message: `entityStatus is one of ${USPTO_ENTITY_STATUSES.join(', ')}`,
      kind: 'validation',
    });
  } else if (f.entityStatus !== null && f.jurisdiction !== 'US') {
    problems.push({
      field: 'entityStatus',
      code: 'FILING.ENTITY_STATUS_US_ONLY',
      message: 'entityStatus (USPTO standard/small/micro) is for US filings only',
      kind: 'validation',
    });
  }
  if (f.priorityDate && f.applicationDate && f.priorityDate > f.applicationDate) {
    problems.push({
      field: 'priorityDate',
      code: 'FILING.PRIORITY_AFTER_APPLICATION',
      message: 'priorityDate cannot be after applicationDate',
      kind: 'validation',
    });
  }
  if (f.grantDate && !f.applicationDate) {
    problems.push({
      field: 'applicationDate',
      code: 'FILING.APPLICATION_DATE_REQUIRED',
      message: 'a granted filing has an application date',
      kind: 'validation',
    });
  } else if (f.grantDate && f.applicationDate && f.grantDate < f.applicationDate) {
    problems.push({
      field: 'grantDate',
      code: 'FILING.GRANT_BEFORE_APPLICATION',
      message: 'grantDate cannot be before applicationDate',
      kind: 'validation',
    });
  }
  if (requiresApplicationDate(f.status) && !f.applicationDate) {
    problems.push({
      field: 'applicationDate',
      code: 'FILING.APPLICATION_DATE_REQUIRED',
      message: `a ${f.status} filing has an application date`,
      kind: 'validation',
    });
  }
  if ((f.status === 'granted' || f.status === 'expired') && !f.grantDate) {
    problems.push({
      field: 'grantDate',
      code: 'FILING.GRANT_DATE_REQUIRED',
      message: `a ${f.status} filing has a grant date`,
      kind: 'validation',
    });
  }
  for (const field of ['applicationNumber', 'registrationNumber'] as const) {
    if ((f[field]?.length ?? 0) > 100) {
      problems.push({
        field,
        code: 'FILING.NUMBER_TOO_LONG',
        message: `${field} is at most 100 characters`,
        kind: 'validation',
      });
    }
  }
  if (
    f.claimsCount !== null &&
    !(Number.isInteger(f.claimsCount) && f.claimsCount >= 1 && f.claimsCount <= 9999)
  ) {
    problems.push({
      field: 'claimsCount',
      code: 'FILING.INVALID_CLAIMS_COUNT',
      message: 'claimsCount is a whole number from 1 to 9999',
      kind: 'validation',
    });
  }
  // Only one problem per field: the first is the one to fix.
  return problems.filter((p, i) => problems.findIndex((q) => q.field === p.field) === i);
}

/**
 * Everything that can be said about a new filing without the database. A draft's status date
 * defaults to `draftedSince` (the asset's creation date) so that a filing recorded after the
 * fact can still be moved to filed on its real, earlier date.
 */
export function checkNewFiling(
  input: NewFiling,
  today: LocalDate,
  draftedSince: LocalDate = today,
): { problems: RegistryProblem[]; filing: CheckedFiling } {
  const jurisdiction = input.jurisdiction;
  const problems: RegistryProblem[] = [];
  if (!isJurisdiction(jurisdiction)) {
    problems.push({
      field: 'jurisdiction',
      code: 'FILING.INVALID_JURISDICTION',
      message: 'jurisdiction is PCT or a two-letter office code such as JP, US, EP, CN, KR',
      kind: 'validation',
    });
  }
  const applicationDate = input.applicationDate ?? null;
  const status: IpFilingStatus = input.status ?? (applicationDate ? 'filed' : 'drafted');
  if (!IP_FILING_STATUSES.includes(status)) {
    problems.push({
      field: 'status',
      code: 'FILING.INVALID_STATUS',
      message: `status is one of ${IP_FILING_STATUSES.join(', ')}`,
      kind: 'validation',
    });
  } else if (
    isJurisdiction(jurisdiction) &&
    !initialFilingStatuses(jurisdiction).includes(status)
  ) {
    problems.push({
      field: 'status',
      code: 'FILING.INVALID_INITIAL_STATUS',
      message: `a ${jurisdiction} filing is registered as ${initialFilingStatuses(jurisdiction).join(', ')}; later changes go through its status endpoint`,
      kind: 'unprocessable',
      details: { allowed: initialFilingStatuses(jurisdiction) },
    });
  }
  const grantDate = input.grantDate ?? null;
  const statusEffectiveOn =
    input.statusEffectiveOn ??
    (status === 'granted' ? grantDate : null) ??
    (status === 'drafted' ? draftedSince : applicationDate) ??
    today;
  if (!isLocalDate(statusEffectiveOn)) {
    problems.push({
      field: 'statusEffectiveOn',
      code: 'VALIDATION.INVALID_DATE',
      message: 'statusEffectiveOn must be a date written YYYY-MM-DD',
      kind: 'validation',
    });
  }
  const filing: CheckedFiling = {
    jurisdiction,
    parentFilingId: input.parentFilingId ?? null,
    applicationNumber: input.applicationNumber?.trim() || null,
    applicationDate,
    priorityDate: input.priorityDate ?? null,
    grantDate,
    registrationNumber: input.registrationNumber?.trim() || null,
    claimsCount: input.claimsCount ?? null,
    entityStatus: input.entityStatus ?? (jurisdiction === 'US' ? 'standard' : null),
    status,
    statusEffectiveOn,
    note: input.note ?? null,
  };
  if (problems.length === 0) problems.push(...filingFactProblems(filing));
  return { problems, filing };
}
