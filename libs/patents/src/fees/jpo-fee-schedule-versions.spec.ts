import { forecastFees } from './fee-forecast.calculator';
import { FeeForecastFiling } from './fee-forecast.types';
import { scheduleInForceOn } from './fee-schedule-lookup';
import { OFFICIAL_FEE_SCHEDULES } from './official-fee-schedules';

// A fee is priced by the table in force on the day it is paid. JPO table 2016-04-01 (in force
// until 2022-03-31): years 4-6 = ¥6,400 + ¥500/claim; JPO table 2022-04-01: ¥10,300 + ¥800/claim.

function registeredOn(grantDate: string, filingId: string): FeeForecastFiling {
  return {
    filingId,
    office: 'JPO',
    status: 'granted',
    filingDate: '2016-01-20',
    grantDate,
    claimsCount: 10,
    owners: [{ ownerId: 'company', shareBp: 10_000 }],
  };
}

describe('fee schedule versions', () => {
  it('prices a fee due on 2022-03-31 with the old table and one due on 2022-04-01 with the new', () => {
    const forecast = forecastFees({
      filings: [registeredOn('2019-03-31', 'JP-old'), registeredOn('2019-04-01', 'JP-new')],
      asOf: '2022-03-01',
      horizonFiscalYears: 2, // FY2021 and FY2022
    });
    const year4 = forecast.items.filter((i) => i.yearFrom === 4);
    expect(year4.map((i) => [i.filingId, i.dueOn, i.total, i.scheduleVersion])).toEqual([
      // 6,400 + 500×10 = ¥11,400
      ['JP-old', '2022-03-31', 11_400n, 'JPO-annual-2016-04-01'],
      // 10,300 + 800×10 = ¥18,300
      ['JP-new', '2022-04-01', 18_300n, 'JPO-annual-2022-04-01'],
    ]);
  });

  it('uses the latest known version for future dates and refuses dates before the first', () => {
    expect(scheduleInForceOn(OFFICIAL_FEE_SCHEDULES.jpoAnnual, '2040-01-01').version).toBe(
      'JPO-annual-2022-04-01',
    );
    expect(scheduleInForceOn(OFFICIAL_FEE_SCHEDULES.epoRenewal, '2024-04-01').version).toBe(
      'EPO-renewal-2024-04-01',
    );
    expect(() => scheduleInForceOn(OFFICIAL_FEE_SCHEDULES.usptoMaintenance, '2025-01-18')).toThrow(
      expect.objectContaining({ code: 'FEES.NO_SCHEDULE' }),
    );
  });

  it('cites a source for every version and says whether it was verified', () => {
    const all = [
      ...OFFICIAL_FEE_SCHEDULES.jpoAnnual,
      ...OFFICIAL_FEE_SCHEDULES.jpoReductions,
      ...OFFICIAL_FEE_SCHEDULES.usptoMaintenance,
      ...OFFICIAL_FEE_SCHEDULES.epoRenewal,
    ];
    for (const s of all) {
      expect(s.source.url).toMatch(/^https:\/\//);
      expect(typeof s.source.verified).toBe('boolean');
      expect(s.source.checkedAgainst.length).toBeGreaterThan(0);
    }
  });
});
