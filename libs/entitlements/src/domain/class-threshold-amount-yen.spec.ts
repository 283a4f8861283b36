import { computeMemberClasses } from './member-class.calculator';
import {
  FY_START_MONTH,
  KAEDE,
  PROJECT,
  SAKURA,
  contribution,
  policyVersion,
} from './scenario.fixtures';

// A policy may set thresholds in yen instead of shares: then the others' money does not matter.
describe('member class with amount thresholds (basis platform, window fiscal_year)', () => {
  const byAmount = policyVersion(1, '2026-04-01', {
    basis: 'platform',
    window: 'fiscal_year',
    thresholdKind: 'amount_yen',
    classes: [
      { code: 'S', minimum: '10000000', benefit: 'free' },
      { code: 'A', minimum: '2000000', benefit: 'discount', discountBp: 3000 },
      { code: 'B', minimum: '1', benefit: 'standard' },
    ],
  });
  const classOf = (kaedeYen: bigint) =>
    computeMemberClasses({
      organisationId: KAEDE,
      contributions: [
        contribution(KAEDE, PROJECT, 2026, kaedeYen),
        contribution(SAKURA, PROJECT, 2026, 900_000_000n),
      ],
      policyVersions: [byAmount],
      asOf: '2026-10-01',
      fiscalYearStartMonth: FY_START_MONTH,
    }).outcomes[0];

  it.each([
    [10_000_000n, 'S'],
    [9_999_999n, 'A'],
    [2_000_000n, 'A'],
    [1_999_999n, 'B'],
  ])('¥%p in FY2026, whatever the others paid → class %s', (yen, code) => {
    expect(classOf(yen).classCode).toBe(code);
  });
});
