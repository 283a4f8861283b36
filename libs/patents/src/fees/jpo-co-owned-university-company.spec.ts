import { sumYen } from '@app/kernel';
import { forecastFees } from './fee-forecast.calculator';
import { FeeForecastFiling } from './fee-forecast.types';

// A patent co-owned 50% by a university (アカデミック・ディスカウント, 1/2 for years 1-10) and 50%
// by a large company (no reduction). Patent Act Art. 107(3): the fee is the sum over owners of
// (fee, reduced for owners entitled to a reduction) × share; Art. 107(4): rounded down to 10 yen.
// JPO 新減免制度 Q&A 問2: half the fee reduced by 1/2 + half in full = 3/4 of the fee.
// The payment is split between the owners with `allocate` by each owner's reduced part, so the
// university's half carries its reduction, the company's does not, and the parts add up exactly.

const coOwned: FeeForecastFiling = {
  filingId: 'JP-CO',
  office: 'JPO',
  status: 'granted',
  filingDate: '2023-07-03',
  grantDate: '2026-06-10',
  claimsCount: 10,
  owners: [
    { ownerId: 'university', shareBp: 5_000, jpoReduction: 'academic' },
    { ownerId: 'company', shareBp: 5_000 },
  ],
};

describe('JPO patent co-owned by a university and a large company, 50/50', () => {
  const forecast = forecastFees({ filings: [coOwned], asOf: '2026-04-01', horizonFiscalYears: 16 });
  const byYear = new Map(forecast.items.map((i) => [i.yearFrom, i]));

  it('charges 3/4 of the fee at registration, rounded per year', () => {
    // one year, 10 claims: 4,300 + 300×10 = 7,300; university 7,300 × 1/2 × 1/2 = 1,825,
    // company 7,300 × 1/2 = 3,650; 5,475 → ¥5,470; years 1-3 = 5,470 × 3 = ¥16,410
    const registration = byYear.get(1)!;
    expect(registration).toMatchObject({
      yearTo: 3,
      fee: 21_900n,
      amount: 16_410n,
      total: 16_410n,
    });
    // split 1:2 (university 1,825 : company 3,650 per year): 5,470 and 10,940
    expect(registration.ownerSplit).toEqual([
      { ownerId: 'university', amount: 5_470n },
      { ownerId: 'company', amount: 10_940n },
    ]);
  });

  it('rounds the summed parts down to 10 yen and shares the cut yen by allocate', () => {
    // year 4, 10 claims: fee 10,300 + 800×10 = 18,300; university 18,300 × 1/2 × 1/2 = 4,575,
    // company 18,300 × 1/2 = 9,150; sum 13,725 → ¥13,720 (Art. 107(4))
    const year4 = byYear.get(4)!;
    expect(year4).toMatchObject({ dueOn: '2029-06-10', fee: 18_300n, amount: 13_720n });
    // 13,720 split 4,575 : 9,150 = 1 : 2 → 4,573.33 / 9,146.67 → largest remainder gives the
    // last yen to the company: 4,573 + 9,147 = 13,720
    expect(year4.ownerSplit).toEqual([
      { ownerId: 'university', amount: 4_573n },
      { ownerId: 'company', amount: 9_147n },
    ]);
  });

  it('splits by share alone once the reduction ends after year 10', () => {
    // year 11, 10 claims: 59,400 + 4,600×10 = ¥105,400, 50/50
    const year11 = byYear.get(11)!;
    expect(year11).toMatchObject({ fee: 105_400n, amount: 105_400n });
    expect(year11.ownerSplit).toEqual([
      { ownerId: 'university', amount: 52_700n },
      { ownerId: 'company', amount: 52_700n },
    ]);
  });

  it('gives every item a split that adds up to its total', () => {
    for (const item of forecast.items) {
      expect(sumYen(item.ownerSplit!.map((s) => s.amount))).toBe(item.total);
    }
  });

  it('leaves the fee unchanged when neither owner has a reduction', () => {
    const plain = forecastFees({
      filings: [
        {
          ...coOwned,
          owners: [
            { ownerId: 'a', shareBp: 3_333 },
            { ownerId: 'b', shareBp: 6_667 },
          ],
        },
      ],
      asOf: '2029-04-01',
      horizonFiscalYears: 1,
    });
    // year 4 = ¥18,300 split 3,333 : 6,667 → 6,099.39 / 12,200.61 → 6,099 + 12,201
    expect(plain.items[0]).toMatchObject({ amount: 18_300n });
    expect(plain.items[0].ownerSplit).toEqual([
      { ownerId: 'a', amount: 6_099n },
      { ownerId: 'b', amount: 12_201n },
    ]);
  });
});
