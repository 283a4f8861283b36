import { plannedIpFundInflow, projectRunway } from './ip-fund-runway.calculator';

const fy = (fiscalYear: number, fundFeesYen: bigint) => ({
  fiscalYear,
  startsOn: `${fiscalYear}-04-01`,
  endsOn: `${fiscalYear + 1}-03-31`,
  fundFeesYen,
});

describe('IP-fund runway: planned inflows less the fees the fund bears', () => {
  it('takes the overhead increment of planned company funding, truncated, less what is already recorded', () => {
    expect(
      plannedIpFundInflow({
        fiscalYear: 2027,
        plannedYen: 3_333_333n,
        overheadRateBp: 2000,
        standardOverheadRateBp: 1000,
        recordedIpFundYen: 0n,
      }),
    ).toBe(333_333n);
    expect(
      plannedIpFundInflow({
        fiscalYear: 2026,
        plannedYen: 5_000_000n,
        overheadRateBp: 2000,
        standardOverheadRateBp: 1000,
        recordedIpFundYen: 200_000n,
      }),
    ).toBe(300_000n);
    expect(
      plannedIpFundInflow({
        fiscalYear: 2026,
        plannedYen: 1_000_000n,
        overheadRateBp: 2000,
        standardOverheadRateBp: 1000,
        recordedIpFundYen: 500_000n,
      }),
    ).toBe(0n);
  });

  it('says the first fiscal year the fund goes below zero', () => {
    const r = projectRunway({
      currentBalanceYen: 100_000n,
      fiscalYears: [fy(2026, 50_000n), fy(2027, 80_000n), fy(2028, 10_000n)],
      inflows: [
        {
          fiscalYear: 2026,
          plannedYen: 200_000n,
          overheadRateBp: 2000,
          standardOverheadRateBp: 1000,
          recordedIpFundYen: 0n,
        },
      ],
    });
    expect(
      r.years.map((y) => [y.fiscalYear, y.openingYen, y.inflowYen, y.feesYen, y.closingYen]),
    ).toEqual([
      [2026, 100_000n, 20_000n, 50_000n, 70_000n],
      [2027, 70_000n, 0n, 80_000n, -10_000n],
      [2028, -10_000n, 0n, 10_000n, -20_000n],
    ]);
    expect(r.runsOutInFiscalYear).toBe(2027);
  });
});
