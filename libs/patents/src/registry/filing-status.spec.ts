import { DomainError } from '@app/kernel';
import {
  IP_FILING_STATUSES,
  IpFilingStatus,
  assertFilingTransition,
  initialFilingStatuses,
  isFilingTransitionAllowed,
  nextFilingStatuses,
} from './filing-status';

type Edge = [string, IpFilingStatus, IpFilingStatus];

/** Every allowed transition, per kind of jurisdiction. Anything not listed here is refused. */
const ALLOWED: Edge[] = [
  // national / regional offices with an examination request (JP, EP, CN, KR, …)
  ['JP', 'drafted', 'filed'],
  ['JP', 'drafted', 'abandoned'],
  ['JP', 'filed', 'examination_requested'],
  ['JP', 'filed', 'abandoned'],
  ['JP', 'examination_requested', 'granted'],
  ['JP', 'examination_requested', 'abandoned'],
  ['JP', 'granted', 'lapsed'],
  ['JP', 'granted', 'abandoned'],
  ['JP', 'granted', 'expired'],
  // US: examined without a request
  ['US', 'drafted', 'filed'],
  ['US', 'drafted', 'abandoned'],
  ['US', 'filed', 'granted'],
  ['US', 'filed', 'abandoned'],
  ['US', 'granted', 'lapsed'],
  ['US', 'granted', 'abandoned'],
  ['US', 'granted', 'expired'],
  // PCT: never granted; national phases are separate filings
  ['PCT', 'drafted', 'filed'],
  ['PCT', 'drafted', 'abandoned'],
  ['PCT', 'filed', 'lapsed'],
  ['PCT', 'filed', 'abandoned'],
];

const JURISDICTIONS = ['JP', 'EP', 'CN', 'KR', 'US', 'PCT'];
const graphKind = (j: string) => (j === 'PCT' || j === 'US' ? j : 'JP');

describe('filing status transitions', () => {
  it.each(ALLOWED)('%s: %s → %s is allowed', (jurisdiction, from, to) => {
    expect(isFilingTransitionAllowed(jurisdiction, from, to)).toBe(true);
    expect(() => assertFilingTransition(jurisdiction, from, to)).not.toThrow();
  });

  it('allows nothing else, in any jurisdiction', () => {
    for (const jurisdiction of JURISDICTIONS) {
      for (const from of IP_FILING_STATUSES) {
        const expected = ALLOWED.filter(
          ([j, f]) => j === graphKind(jurisdiction) && f === from,
        ).map(([, , to]) => to);
        expect({ jurisdiction, from, next: nextFilingStatuses(jurisdiction, from) }).toEqual({
          jurisdiction,
          from,
          next: expected,
        });
      }
    }
  });

  it.each<Edge>([
    ['JP', 'drafted', 'granted'],
    ['JP', 'drafted', 'examination_requested'],
    ['JP', 'filed', 'granted'],
    ['JP', 'filed', 'lapsed'],
    ['JP', 'granted', 'filed'],
    ['EP', 'examination_requested', 'expired'],
    ['CN', 'abandoned', 'filed'],
    ['KR', 'expired', 'granted'],
    ['US', 'filed', 'examination_requested'],
    ['PCT', 'filed', 'examination_requested'],
    ['PCT', 'filed', 'granted'],
    ['PCT', 'lapsed', 'filed'],
    ['JP', 'filed', 'filed'],
  ])(
    '%s: %s → %s is refused with 409 FILING.INVALID_TRANSITION and the allowed next states',
    (jurisdiction, from, to) => {
      expect(isFilingTransitionAllowed(jurisdiction, from, to)).toBe(false);
      let error: unknown;
      try {
        assertFilingTransition(jurisdiction, from, to);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({
        code: 'FILING.INVALID_TRANSITION',
        kind: 'conflict',
        details: { from, to, allowed: nextFilingStatuses(jurisdiction, from) },
      });
    },
  );

  it('terminal statuses have no way out', () => {
    for (const jurisdiction of JURISDICTIONS) {
      for (const status of ['lapsed', 'abandoned', 'expired'] as const) {
        expect(nextFilingStatuses(jurisdiction, status)).toEqual([]);
      }
    }
  });

  it('registers existing filings in any reachable, non-terminal status', () => {
    expect(initialFilingStatuses('JP')).toEqual([
      'drafted',
      'filed',
      'examination_requested',
      'granted',
    ]);
    expect(initialFilingStatuses('US')).toEqual(['drafted', 'filed', 'granted']);
    expect(initialFilingStatuses('PCT')).toEqual(['drafted', 'filed']);
  });
});
