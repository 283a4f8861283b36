import { royaltyDue } from './royalty.calculator';

describe('royalties due on a report', () => {
  const base = {
    royaltyBp: 350,
    annualMinimumYen: 1_000_000n,
    closesFullLicenceYear: false,
    earlierRoyaltiesInYearYen: 0n,
  };

  it('net sales × royalty rate, truncated', () => {
    // 12,345,679 × 3.5% = 432,098.765 → 432,098
    expect(royaltyDue({ ...base, netSalesYen: 12_345_679n })).toEqual({
      royaltyYen: 432_098n,
      minimumTopUpYen: 0n,
      dueYen: 432_098n,
    });
  });

  it('a report closing a full licence year is topped up to the annual minimum, counting earlier reports', () => {
    // earlier 300,000 + this 175,000 = 475,000 < 1,000,000 → top-up 525,000
    expect(
      royaltyDue({
        ...base,
        netSalesYen: 5_000_000n,
        closesFullLicenceYear: true,
        earlierRoyaltiesInYearYen: 300_000n,
      }),
    ).toEqual({
      royaltyYen: 175_000n,
      minimumTopUpYen: 525_000n,
      dueYen: 700_000n,
    });
  });

  it('no top-up when the year already reached the minimum', () => {
    expect(
      royaltyDue({ ...base, netSalesYen: 40_000_000n, closesFullLicenceYear: true })
        .minimumTopUpYen,
    ).toBe(0n);
  });

  it('no minimum on a report that does not close a full year', () => {
    expect(royaltyDue({ ...base, netSalesYen: 0n }).dueYen).toBe(0n);
  });
});
