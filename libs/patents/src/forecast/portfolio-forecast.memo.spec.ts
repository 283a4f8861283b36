import { allocate } from '@app/kernel';
import { CURRENCIES } from '../fees/fee-engine';
import {
  ForecastOwnerFacts,
  PortfolioForecast,
  RegistryFilingFacts,
  forecastPortfolio,
  isFundOwner,
} from './portfolio-forecast.calculator';

// The portfolio forecast computes each distinct payment's figures once and multiplies them out.
// Here its figures are checked against the payment-by-payment detail (the fees library's items,
// converted one by one) on a varied synthetic portfolio: same figures per filing, per fiscal
// year, in total and per rate used.

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const org = (
  id: string,
  kind: ForecastOwnerFacts['kind'],
  companySize: ForecastOwnerFacts['companySize'] = null,
) => ({ organisationId: id, organisationName: id, kind, companySize });
const ORGS = [
  org('uni', 'university'),
  org('agency', 'research_agency'),
  org('tlo', 'tlo'),
  org('large', 'company', 'large'),
  org('sme', 'company', 'sme'),
  org('startup', 'company', 'startup'),
];
const SHARES = [[10_000], [5_000, 5_000], [3_334, 3_333, 3_333], [6_000, 4_000], [1, 9_999]];

function isoDate(days: number): string {
  return new Date(Date.UTC(2004, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);
}

function portfolio(size: number, seed: number): RegistryFilingFacts[] {
  const r = lcg(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  // A few owner lists shared by many filings, as the repository loads them, and some copies.
  const lists = Array.from({ length: 12 }, () => {
    const shares = pick(SHARES);
    const orgs = [...ORGS].sort(() => r() - 0.5);
    return shares.map((shareBp, k) => ({ ...orgs[k], shareBp }));
  });
  const filings: RegistryFilingFacts[] = [];
  for (let i = 0; i < size; i++) {
    const jurisdiction = pick(['JP', 'JP', 'US', 'EP', 'CN']);
    const filed = Math.floor(r() * 8_000);
    const granted = r() < 0.8 ? filed + 300 + Math.floor(r() * 3_000) : null;
    const list = pick(lists);
    filings.push({
      filingId: `f-${String(i).padStart(4, '0')}`,
      assetId: `a-${Math.floor(i / 2)}`,
      assetReference: r() < 0.5 ? null : `REF-${i}`,
      assetTitle: `asset ${i}`,
      pooled: r() < 0.7,
      jurisdiction,
      status:
        granted === null
          ? pick(['filed', 'examination_requested'])
          : pick(['granted', 'granted', 'granted', 'lapsed']),
      applicationDate: isoDate(filed),
      grantDate: granted === null ? null : isoDate(granted),
      claimsCount: r() < 0.05 ? null : 1 + Math.floor(r() * 30),
      entityStatus: jurisdiction === 'US' ? pick(['standard', 'small', 'micro'] as const) : null,
      owners: r() < 0.3 ? list.map((o) => ({ ...o })) : list,
    });
  }
  return filings;
}

const rates = [
  { currency: 'USD' as const, rateDate: '2020-01-01', yenPerUnit: '108.1234' },
  { currency: 'USD' as const, rateDate: '2028-07-01', yenPerUnit: '151.9999' },
  { currency: 'USD' as const, rateDate: '2033-01-01', yenPerUnit: '139' },
  { currency: 'EUR' as const, rateDate: '2020-01-01', yenPerUnit: '121.5' },
  { currency: 'EUR' as const, rateDate: '2030-04-01', yenPerUnit: '170.0001' },
];

/** The IP fund's part of one converted payment, worked out from the payment detail alone. */
function fundPart(facts: RegistryFilingFacts, item: PortfolioForecast['items'][number]): bigint {
  const fund = facts.owners.map(isFundOwner);
  if (!facts.pooled || !fund.some(Boolean)) return 0n;
  if (fund.every(Boolean)) return item.yen;
  const parts =
    item.ownerSplit !== null
      ? item.ownerSplit.map((s) => s.amount) // JPY: yen = total, split with each owner's reduction
      : allocate(
          item.yen,
          facts.owners.map((o) => BigInt(o.shareBp)),
        );
  return parts.reduce((sum, part, k) => (fund[k] ? sum + part : sum), 0n);
}

interface YearSum {
  fiscalYear: number;
  amount: bigint;
  yen: bigint;
  paymentCount: number;
}

/** The portfolio's figures summed payment by payment from the converted detail. */
function fromDetail(f: PortfolioForecast, filings: readonly RegistryFilingFacts[]) {
  const facts = new Map(filings.map((x) => [x.filingId, x]));
  const perFiling = new Map<string, { byFiscalYear: YearSum[]; fundYen: bigint }>();
  const fiscalYears = f.fiscalYears.map((fy) => ({
    fiscalYear: fy.fiscalYear,
    totals: { JPY: 0n, USD: 0n, EUR: 0n },
    yen: 0n,
    fundYen: 0n,
    paymentCount: 0,
  }));
  const rateUse = new Map<string, number>();
  for (const item of f.items) {
    const fund = fundPart(facts.get(item.filingId)!, item);
    let row = perFiling.get(item.filingId);
    if (!row) perFiling.set(item.filingId, (row = { byFiscalYear: [], fundYen: 0n }));
    let year = row.byFiscalYear.find((y) => y.fiscalYear === item.fiscalYear);
    if (!year) {
      year = { fiscalYear: item.fiscalYear, amount: 0n, yen: 0n, paymentCount: 0 };
      row.byFiscalYear.push(year);
    }
    year.amount += item.total;
    year.yen += item.yen;
    year.paymentCount += 1;
    row.fundYen += fund;
    const fy = fiscalYears[item.fiscalYear - f.fromFiscalYear];
    fy.totals[item.currency] += item.total;
    fy.yen += item.yen;
    fy.fundYen += fund;
    fy.paymentCount += 1;
    if (item.rate) {
      const key = `${item.rate.currency} ${item.rate.rateDate} ${item.rate.yenPerUnit}`;
      rateUse.set(key, (rateUse.get(key) ?? 0) + 1);
    }
  }
  const filingRows = f.filings.map((s) => {
    const row = perFiling.get(s.filingId) ?? { byFiscalYear: [], fundYen: 0n };
    const byFiscalYear = [...row.byFiscalYear].sort((a, b) => a.fiscalYear - b.fiscalYear);
    return {
      filingId: s.filingId,
      byFiscalYear,
      total: {
        amount: byFiscalYear.reduce((sum, y) => sum + y.amount, 0n),
        yen: byFiscalYear.reduce((sum, y) => sum + y.yen, 0n),
        paymentCount: byFiscalYear.reduce((n, y) => n + y.paymentCount, 0),
      },
      fundYen: row.fundYen,
    };
  });
  return { filingRows, fiscalYears, rateUse: [...rateUse].sort() };
}

/** The same figures as the forecast reports them. */
function reported(f: PortfolioForecast) {
  return {
    filingRows: f.filings.map((s) => ({
      filingId: s.filingId,
      byFiscalYear: s.byFiscalYear,
      total: s.total,
      fundYen: s.fundYen,
    })),
    fiscalYears: f.fiscalYears.map((fy) => ({
      fiscalYear: fy.fiscalYear,
      totals: fy.totals,
      yen: fy.yen,
      fundYen: fy.fundYen,
      paymentCount: fy.paymentCount,
    })),
    rateUse: f.ratesUsed
      .map((r): [string, number] => [`${r.currency} ${r.rateDate} ${r.yenPerUnit}`, r.paymentCount])
      .sort(),
  };
}

describe('portfolio forecast: figures computed once per distinct payment', () => {
  const cases: [string, number, string, number][] = [
    ['20 years from April 2026', 1, '2026-04-01', 20],
    ['12 years from mid-2025', 2, '2025-06-30', 12],
    ['one year', 3, '2026-04-01', 1],
  ];

  it.each(cases)('equal the payment-by-payment sums: %s', (_label, seed, asOf, years) => {
    const filings = portfolio(400, seed);
    const f = forecastPortfolio({ filings, asOf, years, rates, withItems: true });
    expect(f.items.length).toBeGreaterThan(50);
    expect(reported(f)).toEqual(fromDetail(f, filings));
    const sum = { totals: { JPY: 0n, USD: 0n, EUR: 0n }, yen: 0n, fundYen: 0n, paymentCount: 0 };
    for (const fy of f.fiscalYears) {
      for (const c of CURRENCIES) sum.totals[c] += fy.totals[c];
      sum.yen += fy.yen;
      sum.fundYen += fy.fundYen;
      sum.paymentCount += fy.paymentCount;
    }
    expect(f.total).toEqual(sum);
  });

  it('give the same forecast whether filings share owner lists or each has its own', () => {
    const shared = portfolio(300, 4);
    const copied = shared.map((x) => ({ ...x, owners: x.owners.map((o) => ({ ...o })) }));
    const input = { asOf: '2026-04-01', years: 20, rates };
    expect(forecastPortfolio({ filings: shared, ...input })).toEqual(
      forecastPortfolio({ filings: copied, ...input }),
    );
  });

  it('gives each filing the figures it has when forecast on its own', () => {
    const filings = portfolio(60, 5);
    const input = { asOf: '2026-04-01', years: 20, rates };
    const all = forecastPortfolio({ filings, ...input });
    for (const one of all.filings) {
      const alone = forecastPortfolio({
        filings: filings.filter((x) => x.filingId === one.filingId),
        ...input,
      });
      expect(alone.filings).toEqual([one]);
    }
  });
});
