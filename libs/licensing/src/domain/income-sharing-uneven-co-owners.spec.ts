import { sumYen } from '@app/kernel';
import { shareIncome } from './royalty.calculator';

const THIRDS = {
  assetId: 'thirds',
  owners: [
    { organisationId: 'u', shareBp: 3333 },
    { organisationId: 'k', shareBp: 3333 },
    { organisationId: 'h', shareBp: 3334 },
  ],
};
const SEVENTY_THIRTY = {
  assetId: '7030',
  owners: [
    { organisationId: 'u', shareBp: 7000 },
    { organisationId: 's', shareBp: 3000 },
  ],
};

describe('income sharing: IP fund first, then assets equally, then owners by share — every yen distributed', () => {
  it('one asset owned 3333/3333/3334, ¥1,000,001 with 30% to the IP fund', () => {
    // IP fund 300,000.3 → 300,000; rest 700,001 over 3333:3333:3334
    // exact 233,310.3333 / 233,310.3333 / 233,380.3334 → 233,310 / 233,310 / 233,380 = 700,000, 1 yen left
    // largest remainder: h (.3334) gets it → 233,381
    const s = shareIncome(1_000_001n, 3000, [THIRDS]);
    expect(s.ipFundYen).toBe(300_000n);
    expect(s.byOwner).toEqual([
      { organisationId: 'u', amountYen: 233_310n },
      { organisationId: 'k', amountYen: 233_310n },
      { organisationId: 'h', amountYen: 233_381n },
    ]);
    expect(sumYen(s.lines.map((l) => l.amountYen))).toBe(1_000_001n);
  });

  it('two assets (3333/3333/3334 and 7000/3000): split equally first, then by share', () => {
    // IP fund 3000 bp of 999,999 = 299,999.7 → 299,999; rest 700,000 → 350,000 per asset
    // thirds: 116,655 / 116,655 / 116,690 (exact); 7030: u 245,000, s 105,000
    const s = shareIncome(999_999n, 3000, [THIRDS, SEVENTY_THIRTY]);
    expect(s.ipFundYen).toBe(299_999n);
    expect(s.byOwner).toEqual([
      { organisationId: 'u', amountYen: 116_655n + 245_000n },
      { organisationId: 'k', amountYen: 116_655n },
      { organisationId: 'h', amountYen: 116_690n },
      { organisationId: 's', amountYen: 105_000n },
    ]);
    expect(sumYen(s.lines.map((l) => l.amountYen))).toBe(999_999n);
  });

  it('odd amounts over two assets still add up, for every amount from ¥1 to ¥2,000', () => {
    for (let yen = 1n; yen <= 2000n; yen += 1n) {
      const s = shareIncome(yen, 3000, [THIRDS, SEVENTY_THIRTY]);
      expect(sumYen(s.lines.map((l) => l.amountYen))).toBe(yen);
    }
  });

  it('an IP fund share of 0 sends everything to owners; 10000 everything to the fund', () => {
    expect(shareIncome(7n, 0, [SEVENTY_THIRTY]).ipFundYen).toBe(0n);
    expect(shareIncome(7n, 10_000, [SEVENTY_THIRTY]).lines).toEqual([
      { recipient: 'ip_fund', assetId: null, organisationId: null, amountYen: 7n },
    ]);
  });
});
