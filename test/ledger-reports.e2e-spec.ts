import { parse } from 'csv-parse/sync';
import { TestApp, World, buildWorld, createTestApp, expectStatus } from '@app/testing';

interface TrialBalanceAccount {
  code: string;
  type: string;
  name: string;
  openingYen: string;
  debitsYen: string;
  creditsYen: string;
  closingYen: string;
}
interface TrialBalance {
  fiscalYear: number;
  periodStatus: 'open' | 'closed';
  accounts: TrialBalanceAccount[];
  totals: { openingYen: string; debitsYen: string; creditsYen: string; closingYen: string };
}
interface Entry {
  id: string;
  entryDate: string;
  description: string;
  lines: { accountCode: string; amountYen: string; balanceAfterYen: string }[];
}

/** 2^53 + 1: not representable as a JavaScript number. */
const HUGE = '9007199254740993';

describe('ledger reports: trial balance and the journal (e2e)', () => {
  let t: TestApp;
  let w: World;
  let n = 0;
  const key = () => `reports-${++n}-${Date.now()}`;

  const post = (entryDate: string, description: string, debit: string, credit: string, yen: string) =>
    expectStatus<Entry>(
      t
        .as(w.tokens.finance)
        .post(`/platforms/${w.platformId}/ledger/entries`)
        .set('Idempotency-Key', key())
        .send({ entryDate, description, lines: [{ accountCode: debit, debitYen: yen }, { accountCode: credit, creditYen: yen }] }),
      201,
    );
  const trialBalance = (fiscalYear: number | string, token = w.tokens.finance) =>
    t.as(token).get(`/platforms/${w.platformId}/ledger/trial-balance?fiscalYear=${fiscalYear}`);
  const account = (tb: TrialBalance, code: string) => {
    const found = tb.accounts.find((a) => a.code === code);
    if (!found) throw new Error(`account ${code} missing from the trial balance of FY${tb.fiscalYear}`);
    const { openingYen, debitsYen, creditsYen, closingYen } = found;
    return { openingYen, debitsYen, creditsYen, closingYen };
  };

  let threeYen: Entry;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    // FY2025 (the year ends on 2026-03-31), then FY2026 with awkward amounts and a reversal, then FY2027.
    await post('2026-03-10', '前年度の受入', 'bank', 'adjustment', '1000000');
    threeYen = await post('2026-04-01', '端数 ¥3', 'bank', 'ip_fund', '3');
    await post('2026-09-30', '出願費用の支払', 'ip_fund', 'bank', '999999');
    await post('2027-03-31', '2^53 + 1', 'bank', 'adjustment', HUGE);
    await expectStatus(
      t
        .as(w.tokens.finance)
        .post(`/platforms/${w.platformId}/ledger/entries/${threeYen.id}/reversal`)
        .set('Idempotency-Key', key())
        .send({ entryDate: '2026-10-01', reason: 'posted to the wrong account' }),
      201,
    );
    await post('2027-04-01', 'next year', 'ordinary_overhead', 'bank', '5');
  });
  afterAll(async () => {
    await t?.close();
  });

  it("gives each account's opening balance, the year's debits and credits and the closing balance, to the yen", async () => {
    const tb = await expectStatus<TrialBalance>(trialBalance(2026), 200);
    expect(tb.fiscalYear).toBe(2026);
    expect(tb.periodStatus).toBe('open');
    // Accounts in code order; ordinary_overhead has no balance at the start of FY2026 and no line in it.
    expect(tb.accounts.map((a) => a.code)).toEqual(['adjustment', 'bank', 'ip_fund']);
    expect(account(tb, 'bank')).toEqual({ openingYen: '1000000', debitsYen: '9007199254740996', creditsYen: '1000002', closingYen: '9007199254740994' });
    expect(account(tb, 'adjustment')).toEqual({ openingYen: '-1000000', debitsYen: '0', creditsYen: HUGE, closingYen: '-9007199255740993' });
    expect(account(tb, 'ip_fund')).toEqual({ openingYen: '0', debitsYen: '1000002', creditsYen: '3', closingYen: '999999' });
    expect(tb.totals).toEqual({ openingYen: '0', debitsYen: '9007199255740998', creditsYen: '9007199255740998', closingYen: '0' });
  });

  it("opens each year with the previous year's closing balances", async () => {
    const fy2026 = await expectStatus<TrialBalance>(trialBalance(2026), 200);
    const fy2027 = await expectStatus<TrialBalance>(trialBalance(2027), 200);
    for (const a of fy2026.accounts) expect(account(fy2027, a.code).openingYen).toBe(a.closingYen);
    expect(account(fy2027, 'ordinary_overhead')).toEqual({ openingYen: '0', debitsYen: '5', creditsYen: '0', closingYen: '5' });
    expect(fy2027.totals.closingYen).toBe('0');
    // The closing balances of the last year equal the balances the ledger keeps.
    const balances = await expectStatus<{ accounts: { code: string; balanceYen: string }[] }>(
      t.as(w.tokens.finance).get(`/platforms/${w.platformId}/ledger/accounts`),
      200,
    );
    for (const b of balances.accounts.filter((x) => x.balanceYen !== '0')) expect(account(fy2027, b.code).closingYen).toBe(b.balanceYen);
    const before = await expectStatus<TrialBalance>(trialBalance(2024), 200);
    expect(before.accounts).toEqual([]);
    expect(before.totals).toEqual({ openingYen: '0', debitsYen: '0', creditsYen: '0', closingYen: '0' });
  });

  it('says whether the year is closed, i.e. whether its figures are final', async () => {
    await expectStatus(t.as(w.tokens.finance).post(`/platforms/${w.platformId}/fiscal-periods/2025/close`), 200);
    const tb = await expectStatus<TrialBalance>(trialBalance(2025), 200);
    expect(tb.periodStatus).toBe('closed');
    expect(tb.accounts.map((a) => [a.code, a.closingYen])).toEqual([
      ['adjustment', '-1000000'],
      ['bank', '1000000'],
    ]);
  });

  it('downloads as CSV for Excel: UTF-8 with BOM, one row per account and a total row', async () => {
    const res = await t
      .as(w.tokens.auditor)
      .get(`/platforms/${w.platformId}/ledger/trial-balance?fiscalYear=2026&format=csv`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="trial-balance-FY2026.csv"');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse<Record<string, string>>(bytes.subarray(3).toString('utf8'), { columns: true });
    expect(rows.map((r) => r.accountCode)).toEqual(['adjustment', 'bank', 'ip_fund', 'total']);
    expect(rows[1]).toMatchObject({ fiscalYear: '2026', periodStatus: 'open', accountType: 'asset', openingYen: '1000000', closingYen: '9007199254740994' });
    expect(rows[3]).toMatchObject({ debitsYen: '9007199255740998', creditsYen: '9007199255740998', closingYen: '0' });
  });

  it('refuses a missing or malformed fiscal year and an unknown format with 400', async () => {
    for (const q of ['', '?fiscalYear=twenty', '?fiscalYear=2026&format=xlsx']) {
      const res = await t.as(w.tokens.finance).get(`/platforms/${w.platformId}/ledger/trial-balance${q}`);
      expect(res.status).toBe(400);
      expect((res.body as { code: string }).code).toMatch(/^VALIDATION\./);
    }
  });

  it('is not shown to member companies', async () => {
    await expectStatus(trialBalance(2026, w.tokens.memberA), 403);
  });

  it('exports the journal of a year as CSV for the accounting system: one row per line, debit and credit columns', async () => {
    const csv = async (query: string) => {
      const res = await t
        .as(w.tokens.finance)
        .get(`/platforms/${w.platformId}/ledger/entries?${query}&format=csv`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      return { disposition: res.headers['content-disposition'], rows: parse<Record<string, string>>(bytes.subarray(3).toString('utf8'), { columns: true }) };
    };
    const year = await csv('fiscalYear=2026');
    expect(year.disposition).toBe('attachment; filename="journal-FY2026.csv"');
    expect(year.rows.map((r) => [r.entryDate, r.accountCode, r.debitYen, r.creditYen, r.balanceAfterYen])).toEqual([
      ['2026-04-01', 'bank', '3', '', '1000003'],
      ['2026-04-01', 'ip_fund', '', '3', '-3'],
      ['2026-09-30', 'ip_fund', '999999', '', '999996'],
      ['2026-09-30', 'bank', '', '999999', '4'],
      // Balances after each line run in posting order: the reversal dated 2026-10-01 was posted after the 2027-03-31 entry.
      ['2026-10-01', 'bank', '', '3', '9007199254740994'],
      ['2026-10-01', 'ip_fund', '3', '', '999999'],
      ['2027-03-31', 'bank', HUGE, '', '9007199254740997'],
      ['2027-03-31', 'adjustment', '', HUGE, '-9007199255740993'],
    ]);
    expect(year.rows[2].description).toBe('出願費用の支払');
    expect(year.rows[4].reversesEntryId).toBe(threeYen.id);
    const fromOctober = await csv('from=2026-10-01&accountCode=bank');
    expect(fromOctober.disposition).toBe('attachment; filename="journal.csv"');
    expect(fromOctober.rows.map((r) => r.entryDate)).toEqual(['2026-10-01', '2026-10-01', '2027-03-31', '2027-03-31', '2027-04-01', '2027-04-01']);
    const ipFund = await csv('fiscalYear=2026&accountCode=ip_fund');
    expect(new Set(ipFund.rows.map((r) => r.entryDate))).toEqual(new Set(['2026-04-01', '2026-09-30', '2026-10-01']));
    expect(ipFund.rows).toHaveLength(6);
  });

  it('lists the journal of a year with every entry’s lines', async () => {
    const entries = await expectStatus<Entry[]>(t.as(w.tokens.auditor).get(`/platforms/${w.platformId}/ledger/entries?fiscalYear=2026`), 200);
    expect(entries.map((e) => e.entryDate)).toEqual(['2026-04-01', '2026-09-30', '2026-10-01', '2027-03-31']);
    expect(entries.map((e) => e.lines.map((l) => [l.accountCode, l.amountYen]))).toEqual([
      [
        ['bank', '3'],
        ['ip_fund', '-3'],
      ],
      [
        ['ip_fund', '999999'],
        ['bank', '-999999'],
      ],
      [
        ['bank', '-3'],
        ['ip_fund', '3'],
      ],
      [
        ['bank', HUGE],
        ['adjustment', `-${HUGE}`],
      ],
    ]);
    const quarter = await expectStatus<Entry[]>(t.as(w.tokens.finance).get(`/platforms/${w.platformId}/ledger/entries?from=2026-09-01&to=2026-12-31`), 200);
    expect(quarter.map((e) => e.entryDate)).toEqual(['2026-09-30', '2026-10-01']);
    const upside = await t.as(w.tokens.finance).get(`/platforms/${w.platformId}/ledger/entries?from=2026-12-31&to=2026-09-01`);
    expect([upside.status, (upside.body as { code: string }).code]).toEqual([400, 'LEDGER.DATE_RANGE']);
    const ipFund = await expectStatus<Entry[]>(t.as(w.tokens.finance).get(`/platforms/${w.platformId}/ledger/entries?fiscalYear=2026&accountCode=ip_fund&limit=2`), 200);
    expect(ipFund.map((e) => e.entryDate)).toEqual(['2026-04-01', '2026-09-30']);
    expect(ipFund[1].lines.find((l) => l.accountCode === 'ip_fund')?.balanceAfterYen).toBe('999996');
  });
});
