import { DomainError } from '@app/kernel';

/**
 * Life cycle of one filing (DOMAIN.md §3). Pure: the service asks this module whether a change
 * is allowed and records it; nothing else decides.
 */
export const IP_FILING_STATUSES = [
  'drafted',
  'filed',
  'examination_requested',
  'granted',
  'lapsed',
  'abandoned',
  'expired',
] as const;
export type IpFilingStatus = (typeof IP_FILING_STATUSES)[number];

export const TERMINAL_FILING_STATUSES: readonly IpFilingStatus[] = [
  'lapsed',
  'abandoned',
  'expired',
];

/** A jurisdiction: `PCT`, or a two-letter office code (ISO 3166 country, or EP and other WIPO ST.3 codes). */
export const JURISDICTION_PATTERN = /^(PCT|[A-Z]{2})$/;

export function isJurisdiction(value: unknown): value is string {
  return typeof value === 'string' && JURISDICTION_PATTERN.test(value);
}

/** National and regional filings: examination must be requested (JP, EP, CN, KR …) before a grant. */
const NATIONAL: Readonly<Record<IpFilingStatus, readonly IpFilingStatus[]>> = {
  drafted: ['filed', 'abandoned'],
  filed: ['examination_requested', 'abandoned'],
  examination_requested: ['granted', 'abandoned'],
  granted: ['lapsed', 'abandoned', 'expired'],
  lapsed: [],
  abandoned: [],
  expired: [],
};

/**
 * US applications are examined without a request (35 U.S.C. 131): filed goes straight to
 * granted; there is no examination_requested state.
 */
const US: Readonly<Record<IpFilingStatus, readonly IpFilingStatus[]>> = {
  ...NATIONAL,
  filed: ['granted', 'abandoned'],
  examination_requested: [],
};

/**
 * A PCT application is never granted: it is filed, national phases are entered as separate
 * filings (parentFilingId), and it then lapses (or is withdrawn, recorded as abandoned).
 */
const PCT: Readonly<Record<IpFilingStatus, readonly IpFilingStatus[]>> = {
  drafted: ['filed', 'abandoned'],
  filed: ['lapsed', 'abandoned'],
  examination_requested: [],
  granted: [],
  lapsed: [],
  abandoned: [],
  expired: [],
};

function graphOf(
  jurisdiction: string,
): Readonly<Record<IpFilingStatus, readonly IpFilingStatus[]>> {
  if (jurisdiction === 'PCT') return PCT;
  if (jurisdiction === 'US') return US;
  return NATIONAL;
}

/** The statuses a filing in `from` may move to, in lifecycle order. */
export function nextFilingStatuses(jurisdiction: string, from: IpFilingStatus): IpFilingStatus[] {
  return [...graphOf(jurisdiction)[from]];
}

export function isFilingTransitionAllowed(
  jurisdiction: string,
  from: IpFilingStatus,
  to: IpFilingStatus,
): boolean {
  return graphOf(jurisdiction)[from].includes(to);
}

/** Throws 409 FILING.INVALID_TRANSITION naming the allowed next states. */
export function assertFilingTransition(
  jurisdiction: string,
  from: IpFilingStatus,
  to: IpFilingStatus,
): void {
  if (isFilingTransitionAllowed(jurisdiction, from, to)) return;
  const allowed = nextFilingStatuses(jurisdiction, from);
  throw DomainError.conflict(
    'FILING.INVALID_TRANSITION',
    allowed.length === 0
      ? `a ${jurisdiction} filing that is ${from} cannot change status any more`
      : `a ${jurisdiction} filing that is ${from} can become ${allowed.join(', ')}, not ${to}`,
    { field: 'status', from, to, jurisdiction, allowed },
  );
}

/**
 * Statuses a filing may be registered with (existing portfolios are imported mid-life): those
 * reachable from drafted in its jurisdiction and not yet terminal.
 */
export function initialFilingStatuses(jurisdiction: string): IpFilingStatus[] {
  const graph = graphOf(jurisdiction);
  const seen: IpFilingStatus[] = ['drafted'];
  for (let i = 0; i < seen.length; i++) {
    for (const next of graph[seen[i]]) if (!seen.includes(next)) seen.push(next);
  }
  return IP_FILING_STATUSES.filter(
    (s) => seen.includes(s) && !TERMINAL_FILING_STATUSES.includes(s),
  );
}

/** Statuses after which the application exists at an office: an application date is required. */
export function requiresApplicationDate(status: IpFilingStatus): boolean {
  return (
    status === 'filed' ||
    status === 'examination_requested' ||
    status === 'granted' ||
    status === 'expired'
  );
}
