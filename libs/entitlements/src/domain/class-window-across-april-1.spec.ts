import { LocalDate } from '@app/kernel';
import { ClassWindow } from '@app/platform/policy-terms';
import { computeMemberClasses } from './member-class.calculator';
import {
  FY_START_MONTH,
  KAEDE,
  PROJECT,
  SAKURA,
  contribution,
  policyVersion,
} from './scenario.fixtures';

// Window `fiscal_year` counts the fiscal year containing the date; `cumulative` every fiscal
// year up to and including it. Japanese fiscal years start on April 1.
//   FY2025: Kaede ¥40M, Sakura ¥60M     FY2026: Kaede ¥5M, Sakura ¥95M     FY2027: Kaede ¥100M
describe('member class window across the April 1 boundary', () => {
  const contributions = [
    contribution(KAEDE, PROJECT, 2025, 40_000_000n),
    contribution(SAKURA, PROJECT, 2025, 60_000_000n),
    contribution(KAEDE, PROJECT, 2026, 5_000_000n),
    contribution(SAKURA, PROJECT, 2026, 95_000_000n),
    contribution(KAEDE, PROJECT, 2027, 100_000_000n),
  ];
  const classOn = (window: ClassWindow, asOf: LocalDate) =>
    computeMemberClasses({
      organisationId: KAEDE,
      contributions,
      policyVersions: [policyVersion(1, '2025-04-01', { window })],
      asOf,
      fiscalYearStartMonth: FY_START_MONTH,
    }).outcomes[0];

  it.each([
    // window, date, fiscal year, class, share bp, Kaede's yen, everyone's yen
    ['fiscal_year', '2026-03-31', 2025, 'S', 4000, 40_000_000n, 100_000_000n],
    ['fiscal_year', '2026-04-01', 2026, 'B', 500, 5_000_000n, 100_000_000n],
    ['fiscal_year', '2027-03-31', 2026, 'B', 500, 5_000_000n, 100_000_000n],
    ['fiscal_year', '2027-04-01', 2027, 'S', 10000, 100_000_000n, 100_000_000n],
    ['cumulative', '2026-03-31', 2025, 'S', 4000, 40_000_000n, 100_000_000n],
    ['cumulative', '2026-04-01', 2026, 'A', 2250, 45_000_000n, 200_000_000n],
    ['cumulative', '2027-03-31', 2026, 'A', 2250, 45_000_000n, 200_000_000n],
    ['cumulative', '2027-04-01', 2027, 'S', 4833, 145_000_000n, 300_000_000n],
  ] as const)(
    'window %s on %s (FY%i) → class %s',
    (window, date, fiscalYear, code, shareBp, contributedYen, totalYen) => {
      expect(classOn(window, date)).toMatchObject({
        fiscalYear,
        classCode: code,
        shareBp,
        contributedYen,
        totalYen,
      });
    },
  );

  it('says which fiscal years it counted', () => {
    expect(classOn('fiscal_year', '2026-04-01').window).toEqual({
      kind: 'fiscal_year',
      fromFiscalYear: 2026,
      toFiscalYear: 2026,
    });
    expect(classOn('cumulative', '2026-04-01').window).toEqual({
      kind: 'cumulative',
      fromFiscalYear: null,
      toFiscalYear: 2026,
    });
  });

  it('never counts a later fiscal year, even on the last day of the earlier one', () => {
    expect(classOn('cumulative', '2027-03-31').contributions.map((c) => c.fiscalYear)).toEqual([
      2025, 2026,
    ]);
  });
});
