import { RegistryFilingFacts, forecastPortfolio } from './portfolio-forecast.calculator';

const uni = {
  organisationId: 'u',
  organisationName: 'University',
  kind: 'university' as const,
  companySize: null,
  shareBp: 5000,
};
const company = {
  organisationId: 'c',
  organisationName: 'Large K.K.',
  kind: 'company' as const,
  companySize: 'large' as const,
  shareBp: 5000,
};

const base = (over: Partial<RegistryFilingFacts>): RegistryFilingFacts => ({
  filingId: 'f',
  assetId: 'a',
  assetReference: null,
  assetTitle: 't',
  pooled: true,
  jurisdiction: 'JP',
  status: 'granted',
  applicationDate: '2018-04-10',
  grantDate: '2021-07-01',
  claimsCount: 5,
  entityStatus: null,
  owners: [{ ...uni, shareBp: 10000 }],
  ...over,
});

const filings: RegistryFilingFacts[] = [
  base({ filingId: 'jp-sole' }),
  base({ filingId: 'jp-co', owners: [uni, company] }),
  base({
    filingId: 'us',
    jurisdiction: 'US',
    grantDate: '2022-03-01',
    claimsCount: null,
    entityStatus: 'small',
    pooled: false,
  }),
  base({
    filingId: 'ep',
    jurisdiction: 'EP',
    status: 'filed',
    applicationDate: '2024-05-20',
    grantDate: null,
    claimsCount: null,
  }),
  base({ filingId: 'draft', status: 'drafted' }),
  base({ filingId: 'cn', jurisdiction: 'CN' }),
];
const rates = [
  { currency: 'USD' as const, rateDate: '2026-01-01', yenPerUnit: '150.5' },
  { currency: 'EUR' as const, rateDate: '2026-01-01', yenPerUnit: '160.25' },
];

describe('portfolio forecast: totals are the sum of the per-filing forecasts', () => {
  const all = forecastPortfolio({ filings, asOf: '2026-04-01', years: 20, rates });

  it('forecasts active filings with a fee schedule and says why the others are left out', () => {
    expect(all.filings.map((f) => f.filingId).sort()).toEqual(['ep', 'jp-co', 'jp-sole', 'us']);
    expect(all.notForecast.map((f) => f.filingId)).toEqual(['cn']);
  });

  it('adds up per fiscal year, per currency and in yen, to the yen', () => {
    for (const one of filings) {
      // Each filing on its own gives the same figures as its row in the portfolio.
      const alone = forecastPortfolio({ filings: [one], asOf: '2026-04-01', years: 20, rates });
      const row = all.filings.find((f) => f.filingId === one.filingId);
      expect(alone.filings[0]?.total ?? null).toEqual(row?.total ?? null);
    }
    const sum = all.filings.reduce((s, f) => s + f.total.yen, 0n);
    expect(sum).toBe(all.total.yen);
    expect(all.fiscalYears.reduce((s, f) => s + f.yen, 0n)).toBe(all.total.yen);
    expect(all.fiscalYears.reduce((s, f) => s + f.totals.USD, 0n)).toBe(all.total.totals.USD);
  });

  it('charges the IP fund the non-company part of pooled filings only', () => {
    const co = all.filings.find((f) => f.filingId === 'jp-co')!;
    const sole = all.filings.find((f) => f.filingId === 'jp-sole')!;
    const us = all.filings.find((f) => f.filingId === 'us')!;
    expect(sole.fundYen).toBe(sole.total.yen);
    expect(us.fundYen).toBe(0n);
    // University (academic 1/2) and a large company 50:50: the university's reduced weight is 1 of 3.
    expect(co.fundYen).toBeLessThan(co.total.yen / 2n);
    expect(co.fundYen).toBeGreaterThan(co.total.yen / 4n);
  });
});

describe('portfolio forecast: the totals path and the payment detail agree', () => {
  it("gives each filing the sum of its payments' yen, as the fees library converts them", () => {
    const f = forecastPortfolio({ filings, asOf: '2026-04-01', years: 20, rates, withItems: true });
    for (const row of f.filings) {
      const items = f.items.filter((i) => i.filingId === row.filingId);
      expect([row.filingId, items.reduce((s, i) => s + i.yen, 0n), items.length]).toEqual([
        row.filingId,
        row.total.yen,
        row.total.paymentCount,
      ]);
    }
  });

  it('refuses to convert without a rate for a currency that is due', () => {
    expect(() => forecastPortfolio({ filings, asOf: '2026-04-01', years: 20, rates: [] })).toThrow(
      /no (USD|EUR) rate/,
    );
    expect(() =>
      forecastPortfolio({
        filings: filings.filter((x) => x.jurisdiction === 'JP'),
        asOf: '2026-04-01',
        years: 20,
        rates: [],
      }),
    ).not.toThrow();
  });
});
