import { parse } from 'csv-parse/sync';
import { TestApp, World, buildWorld, createTestApp, expectStatus } from '@app/testing';
import { FundingSharesService } from '@app/funding';

interface ContributionBody {
  id: string;
  directCostYen: string;
  overheadYen: string;
  standardOverheadYen: string;
  ipFundYen: string;
  invoiceEntryId: string;
  receivedYen: string;
  outstandingYen: string;
  reversed: boolean;
  overheadRateBp: number;
}

describe('funding and the IP fund (e2e)', () => {
  let t: TestApp;
  let w: World;
  let n = 0;
  const key = () => `test-key-${++n}-${Date.now()}`;

  const contribute = (body: object, idempotencyKey = key(), token = w.tokens.finance) =>
    t.as(token).post(`/platforms/${w.platformId}/contributions`).set('Idempotency-Key', idempotencyKey).send(body);

  const ledgerTotals = async () => {
    const rows: { entries: string; unbalanced: string; total: string }[] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM journal_entries)::text AS entries,
              (SELECT count(*) FROM (SELECT entry_id FROM journal_lines GROUP BY entry_id HAVING sum(amount) <> 0) u)::text AS unbalanced,
              (SELECT coalesce(sum(balance), 0) FROM ledger_accounts)::text AS total`,
    );
    return rows[0];
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  afterEach(async () => {
    // Every test leaves a ledger where each entry balances and all balances sum to zero.
    const totals = await ledgerTotals();
    if (totals.unbalanced !== '0' || totals.total !== '0') {
      throw new Error(`ledger invariants broken: ${totals.unbalanced} unbalanced entries, balances sum to ${totals.total}`);
    }
  });

  it('splits overhead at the platform rate: 20% of which 10% ordinary overhead and 10% to the IP fund', async () => {
    const c = await expectStatus<ContributionBody>(
      contribute({ projectId: w.projectId, organisationId: w.companyAId, fiscalYear: 2026, directCostYen: '30000000', invoicedOn: '2026-05-15' }),
      201,
    );
    expect(c).toMatchObject({ overheadRateBp: 2000, overheadYen: '6000000', standardOverheadYen: '3000000', ipFundYen: '3000000', outstandingYen: '36000000' });
    const entry = await expectStatus<{ lines: { accountCode: string; amountYen: string }[] }>(
      t.as(w.tokens.finance).get(`/platforms/${w.platformId}/ledger/entries/${c.invoiceEntryId}`),
      200,
    );
    expect(Object.fromEntries(entry.lines.map((l) => [l.accountCode, l.amountYen]))).toEqual({
      [`receivable:company:${w.companyAId}`]: '36000000',
      [`research_budget:${w.projectId}`]: '-30000000',
      ordinary_overhead: '-3000000',
      ip_fund: '-3000000',
    });
  });

  it.each([
    // [direct cost, overhead 20% truncated, standard 10% truncated, IP fund = difference]
    ['1', '0', '0', '0'],
    ['3', '0', '0', '0'],
    ['5', '1', '0', '1'],
    ['999999', '199999', '99999', '100000'],
    ['9007199254740993', '1801439850948198', '900719925474099', '900719925474099'],
  ])('rounds ¥%s without creating or losing a yen', async (direct, overhead, standard, ipFund) => {
    const c = await expectStatus<ContributionBody>(
      contribute({ projectId: w.projectId, organisationId: w.companyBId, fiscalYear: 2026, directCostYen: direct, invoicedOn: '2026-06-01' }),
      201,
    );
    expect([c.overheadYen, c.standardOverheadYen, c.ipFundYen]).toEqual([overhead, standard, ipFund]);
    expect(BigInt(c.standardOverheadYen) + BigInt(c.ipFundYen)).toBe(BigInt(c.overheadYen));
  });

  it('replays the same idempotency key with the same body and refuses it with another body', async () => {
    const k = key();
    const body = { projectId: w.projectId, organisationId: w.companyAId, fiscalYear: 2026, directCostYen: '1000000', invoicedOn: '2026-07-01' };
    const first = await expectStatus<ContributionBody>(contribute(body, k), 201);
    const again = await contribute(body, k);
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((again.body as ContributionBody).id).toBe(first.id);
    const other = await expectStatus<{ code: string }>(contribute({ ...body, directCostYen: '2000000' }, k), 409);
    expect(other.code).toBe('IDEMPOTENCY.KEY_REUSED');
  });

  it('posts concurrent submissions exactly once per key', async () => {
    const before = await ledgerTotals();
    const keys = Array.from({ length: 10 }, () => key());
    const body = (i: number) => ({ projectId: w.projectId, organisationId: w.companyAId, fiscalYear: 2026, directCostYen: String(1000 + i), invoicedOn: '2026-08-01' });
    // 10 distinct keys, each submitted 4 times at once.
    const results = await Promise.all(keys.flatMap((k, i) => [0, 1, 2, 3].map(() => contribute(body(i), k))));
    expect(results.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    const ids = new Set(results.map((r) => (r.body as ContributionBody).id));
    expect(ids.size).toBe(10);
    const after = await ledgerTotals();
    expect(Number(after.entries) - Number(before.entries)).toBe(10);
  });

  it('requires an idempotency key on postings', async () => {
    const res = await expectStatus<{ code: string }>(
      t.as(w.tokens.finance).post(`/platforms/${w.platformId}/contributions`).send({ projectId: w.projectId, organisationId: w.companyAId, fiscalYear: 2026, directCostYen: '1', invoicedOn: '2026-07-01' }),
      400,
    );
    expect(res.code).toBe('IDEMPOTENCY.KEY_INVALID');
  });

  it('takes rates from the policy in force on the invoice date; at the standard rate the IP fund gets nothing', async () => {
    await expectStatus(
      t.as(w.tokens.cpo).post(`/platforms/${w.platformId}/policies`).send({ effectiveFrom: '2027-04-01', overheadRateBp: 1000, standardOverheadRateBp: 1000 }),
      201,
    );
    const c = await expectStatus<ContributionBody>(
      contribute({ projectId: w.projectId, organisationId: w.companyAId, fiscalYear: 2027, directCostYen: '10000000', invoicedOn: '2027-04-10' }),
      201,
    );
    expect(c).toMatchObject({ overheadRateBp: 1000, overheadYen: '1000000', standardOverheadYen: '1000000', ipFundYen: '0' });
    const entry = await expectStatus<{ lines: { accountCode: string }[] }>(
      t.as(w.tokens.finance).get(`/platforms/${w.platformId}/ledger/entries/${c.invoiceEntryId}`),
      200,
    );
    expect(entry.lines.map((l) => l.accountCode)).not.toContain('ip_fund');
  });

  it('records receipts and reversals as new entries; the originals stay', async () => {
    const c = await expectStatus<ContributionBody>(
      contribute({ projectId: w.projectId, organisationId: w.companyBId, fiscalYear: 2026, directCostYen: '5000000', invoicedOn: '2026-09-01' }),
      201,
    );
    const paid = await expectStatus<ContributionBody>(
      t.as(w.tokens.finance).post(`/platforms/${w.platformId}/contributions/${c.id}/receipts`).set('Idempotency-Key', key()).send({ receivedOn: '2026-09-30', amountYen: '2000000' }),
      201,
    );
    expect(paid).toMatchObject({ receivedYen: '2000000', outstandingYen: '4000000' });
    const tooMuch = await expectStatus<{ code: string }>(
      t.as(w.tokens.finance).post(`/platforms/${w.platformId}/contributions/${c.id}/receipts`).set('Idempotency-Key', key()).send({ receivedOn: '2026-10-01', amountYen: '4000001' }),
      422,
    );
    expect(tooMuch.code).toBe('CONTRIBUTION.RECEIPT_EXCEEDS_OUTSTANDING');
    const reversed = await expectStatus<ContributionBody>(
      t.as(w.tokens.finance).post(`/platforms/${w.platformId}/contributions/${c.id}/reversal`).set('Idempotency-Key', key()).send({ reversedOn: '2026-10-01', reason: 'wrong project' }),
      201,
    );
    expect(reversed).toMatchObject({ reversed: true, outstandingYen: '0' });
    const entries = await expectStatus<{ kind: string; reversesEntryId: string | null }[]>(
      t.as(w.tokens.finance).get(`/platforms/${w.platformId}/ledger/entries?sourceId=${c.id}`),
      200,
    );
    expect(entries.map((e) => e.kind).sort()).toEqual(['contribution_invoice', 'contribution_receipt', 'reversal', 'reversal']);
    const again = await expectStatus<{ code: string }>(
      t.as(w.tokens.finance).post(`/platforms/${w.platformId}/contributions/${c.id}/reversal`).set('Idempotency-Key', key()).send({ reversedOn: '2026-10-01', reason: 'twice' }),
      409,
    );
    expect(again.code).toBe('CONTRIBUTION.ALREADY_REVERSED');
  });

  it('corrects one receipt recorded twice by reversing it; the contribution is outstanding again by that amount', async () => {
    type Receipt = { id: string; amountYen: string; entryId: string; reversal: { reversedOn: string; reason: string; entryId: string } | null };
    const base = `/platforms/${w.platformId}/contributions`;
    const balances = async () =>
      Object.fromEntries(
        (
          await t.dataSource.query<{ code: string; balance: string }[]>(`SELECT code, balance::text AS balance FROM ledger_accounts WHERE platform_id = $1`, [w.platformId])
        ).map((r) => [r.code, BigInt(r.balance)]),
      );
    const recon = async () =>
      (
        await expectStatus<{ total: { receivedYen: string; receivableYen: string } }>(
          t.as(w.tokens.finance).get(`/platforms/${w.platformId}/reports/reconciliation?fiscalYear=2026&organisationId=${w.companyBId}`),
          200,
        )
      ).total;
    const before = await balances();
    const reconBefore = await recon();
    const c = await expectStatus<ContributionBody>(
      contribute({ projectId: w.projectId, organisationId: w.companyBId, fiscalYear: 2026, directCostYen: '1000000', invoicedOn: '2026-05-01' }),
      201,
    );
    const receive = (k: string) =>
      t.as(w.tokens.finance).post(`${base}/${c.id}/receipts`).set('Idempotency-Key', k).send({ receivedOn: '2026-05-20', amountYen: '500000' });
    await expectStatus(receive(key()), 201);
    const twice = await expectStatus<ContributionBody & { receipts: Receipt[] }>(receive(key()), 201);
    expect(twice).toMatchObject({ receivedYen: '1000000', outstandingYen: '200000' });
    const duplicate = twice.receipts[1];

    const reverseKey = key();
    const reverse = (receiptId: string, body: object, k = reverseKey) =>
      t.as(w.tokens.finance).post(`${base}/${c.id}/receipts/${receiptId}/reversal`).set('Idempotency-Key', k).send(body);
    const fixed = await expectStatus<ContributionBody & { receipts: Receipt[] }>(reverse(duplicate.id, { reversedOn: '2026-06-01', reason: 'bank line imported twice' }), 201);
    expect(fixed).toMatchObject({ receivedYen: '500000', outstandingYen: '700000', reversed: false });
    expect(fixed.receipts.map((r) => r.reversal?.reason ?? null)).toEqual([null, 'bank line imported twice']);
    const reversal = await expectStatus<{ reversesEntryId: string; lines: { accountCode: string; amountYen: string }[] }>(
      t.as(w.tokens.finance).get(`/platforms/${w.platformId}/ledger/entries/${fixed.receipts[1].reversal?.entryId}`),
      200,
    );
    expect(reversal.reversesEntryId).toBe(duplicate.entryId);
    expect(reversal.lines.map((l) => [l.accountCode, l.amountYen])).toEqual([
      ['bank', '-500000'],
      [`receivable:company:${w.companyBId}`, '500000'],
    ]);
    expect(await recon()).toMatchObject({
      receivedYen: String(BigInt(reconBefore.receivedYen) + 500_000n),
      receivableYen: String(BigInt(reconBefore.receivableYen) + 700_000n),
    });

    // The same request again is a replay; another key for the same receipt is refused.
    const replay = await reverse(duplicate.id, { reversedOn: '2026-06-01', reason: 'bank line imported twice' });
    expect([replay.status, replay.headers['idempotent-replayed']]).toEqual([200, 'true']);
    const again = await reverse(duplicate.id, { reversedOn: '2026-06-02', reason: 'again' }, key());
    expect([again.status, (again.body as { code: string }).code]).toEqual([409, 'CONTRIBUTION.RECEIPT_ALREADY_REVERSED']);
    const early = await reverse(twice.receipts[0].id, { reversedOn: '2026-05-19', reason: 'before it was received' }, key());
    expect([early.status, (early.body as { field: string }).field]).toEqual([400, 'reversedOn']);
    const unknown = await reverse('00000000-0000-4000-8000-000000000000', { reversedOn: '2026-06-02', reason: 'x' }, key());
    expect([unknown.status, (unknown.body as { code: string }).code]).toEqual([404, 'CONTRIBUTION.RECEIPT_NOT_FOUND']);

    // The rest can be received; reversing the whole contribution then leaves every balance as it was.
    await expectStatus(
      t.as(w.tokens.finance).post(`${base}/${c.id}/receipts`).set('Idempotency-Key', key()).send({ receivedOn: '2026-06-10', amountYen: '700000' }),
      201,
    );
    await expectStatus(t.as(w.tokens.finance).post(`${base}/${c.id}/reversal`).set('Idempotency-Key', key()).send({ reversedOn: '2026-07-01', reason: 'wrong project' }), 201);
    const after = await balances();
    for (const code of new Set([...Object.keys(before), ...Object.keys(after)])) expect([code, after[code] ?? 0n]).toEqual([code, before[code] ?? 0n]);
    const closed = await reverse(twice.receipts[0].id, { reversedOn: '2026-07-02', reason: 'after the reversal' }, key());
    expect([closed.status, (closed.body as { code: string }).code]).toEqual([409, 'CONTRIBUTION.REVERSED']);
  });

  it('refuses UPDATE and DELETE of posted rows and unbalanced journals in the database itself', async () => {
    await expect(t.dataSource.query('UPDATE journal_lines SET amount = amount + 1')).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('DELETE FROM journal_entries')).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('TRUNCATE journal_lines CASCADE')).rejects.toThrow(/append-only/);
    const account = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM ledger_accounts WHERE code = 'ip_fund' LIMIT 1`);
    await expect(
      t.dataSource.transaction(async (em) => {
        const [entry]: { id: string }[] = await em.query(
          `INSERT INTO journal_entries (platform_id, idempotency_key, request_hash, entry_date, fiscal_year, kind, description)
           VALUES ($1, 'sql-unbalanced', 'x', '2026-05-01', 2026, 'manual', 'unbalanced') RETURNING id`,
          [w.platformId],
        );
        await em.query(`INSERT INTO journal_lines (entry_id, account_id, amount, balance_after, account_version) VALUES ($1, $2, 5, 0, 999999)`, [
          entry.id,
          account[0].id,
        ]);
      }),
    ).rejects.toThrow(/unbalanced/);
  });

  it('closes a fiscal period: postings dated in it are refused until an admin reopens it', async () => {
    const body = { projectId: w.projectId, organisationId: w.companyAId, fiscalYear: 2027, directCostYen: '100', invoicedOn: '2028-01-10' };
    const closed = await expectStatus<{ status: string }>(t.as(w.tokens.finance).post(`/platforms/${w.platformId}/fiscal-periods/2027/close`), 200);
    expect(closed.status).toBe('closed');
    expect((await expectStatus<{ code: string }>(contribute(body), 409)).code).toBe('LEDGER.PERIOD_CLOSED');
    await expectStatus(t.as(w.tokens.finance).post(`/platforms/${w.platformId}/fiscal-periods/2027/reopen`).send({ reason: 'late invoice' }), 403);
    await expectStatus(t.as(w.tokens.admin).post(`/platforms/${w.platformId}/fiscal-periods/2027/reopen`).send({ reason: 'late invoice' }), 200);
    await expectStatus(contribute(body), 201);
    const audit = await expectStatus<{ action: string; after: { reason: string } }[]>(
      t.as(w.tokens.admin).get(`/audit-log?platformId=${w.platformId}&entityType=fiscal_period`),
      200,
    );
    expect(audit.map((a) => a.action)).toEqual(['fiscal_period.reopened', 'fiscal_period.closed']);
    expect(audit[0].after.reason).toBe('late invoice');
  });

  it('reports balances, the IP fund statement and a reconciliation that agree with each other', async () => {
    const balances = await expectStatus<{ accounts: { code: string; balanceYen: string }[]; totalYen: string }>(
      t.as(w.tokens.finance).get(`/platforms/${w.platformId}/ledger/accounts`),
      200,
    );
    expect(balances.totalYen).toBe('0');
    const statement = await expectStatus<{ openingBalanceYen: string; inflowTotalYen: string; outflowTotalYen: string; closingBalanceYen: string }>(
      t.as(w.tokens.finance).get(`/platforms/${w.platformId}/ip-fund/statement?fiscalYear=2026`),
      200,
    );
    expect(statement.openingBalanceYen).toBe('0');
    expect(BigInt(statement.closingBalanceYen)).toBe(BigInt(statement.inflowTotalYen) - BigInt(statement.outflowTotalYen));
    const recon = await expectStatus<{ total: { ipFundYen: string; receivableYen: string } }>(
      t.as(w.tokens.finance).get(`/platforms/${w.platformId}/reports/reconciliation?fiscalYear=2026`),
      200,
    );
    // All FY2026 contributions were invoiced in FY2026, so the fund's net inflow equals their IP-fund parts.
    expect(BigInt(statement.closingBalanceYen)).toBe(BigInt(recon.total.ipFundYen));
    const csv = await t.as(w.tokens.finance).get(`/platforms/${w.platformId}/reports/reconciliation?fiscalYear=2026&format=csv`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('界面制御の共同研究');
    expect(text).toContain('grand_total');
  });

  it("downloads the IP fund's statement as CSV for Excel, line for line the JSON one", async () => {
    const json = await expectStatus<{ openingBalanceYen: string; inflows: { entryId: string; amountYen: string }[]; outflows: unknown[]; closingBalanceYen: string }>(
      t.as(w.tokens.finance).get(`/platforms/${w.platformId}/ip-fund/statement?fiscalYear=2026`),
      200,
    );
    const res = await t
      .as(w.tokens.auditor)
      .get(`/platforms/${w.platformId}/ip-fund/statement?fiscalYear=2026&format=csv`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect([res.status, res.headers['content-disposition']]).toEqual([200, 'attachment; filename="ip-fund-FY2026.csv"']);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse<Record<string, string>>(bytes.subarray(3).toString('utf8'), { columns: true });
    expect(rows[0]).toMatchObject({ line: 'opening_balance', date: '2026-04-01', amountYen: json.openingBalanceYen });
    expect(rows.filter((r) => r.line === 'inflow').map((r) => [r.entryId, r.amountYen])).toEqual(json.inflows.map((m) => [m.entryId, m.amountYen]));
    expect(rows.filter((r) => r.line === 'outflow')).toHaveLength(json.outflows.length);
    expect(rows[rows.length - 1]).toMatchObject({ line: 'closing_balance', date: '2027-03-31', amountYen: json.closingBalanceYen });
  });

  it('gives a member its own statement as CSV: a row per contribution, per project and the total', async () => {
    const path = `/platforms/${w.platformId}/organisations/${w.companyAId}/statement?fiscalYear=2026`;
    const json = await expectStatus<{ contributions: { id: string; reversed: boolean }[]; total: { invoicedYen: string; receivedYen: string } }>(t.as(w.tokens.memberA).get(path), 200);
    const res = await t
      .as(w.tokens.memberA)
      .get(`${path}&format=csv`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect([res.status, res.headers['content-disposition']]).toEqual([200, 'attachment; filename="statement-FY2026.csv"']);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse<Record<string, string>>(bytes.subarray(3).toString('utf8'), { columns: true });
    expect(rows.filter((r) => r.line.startsWith('contribution')).map((r) => r.contributionId)).toEqual(json.contributions.map((c) => c.id));
    expect(rows[rows.length - 1]).toMatchObject({ line: 'total', invoicedYen: json.total.invoicedYen, receivedYen: json.total.receivedYen });
    await expectStatus(t.as(w.tokens.memberA).get(`/platforms/${w.platformId}/organisations/${w.companyBId}/statement?fiscalYear=2026&format=csv`), 404);
  });

  it('shows a member only its own contributions and statement', async () => {
    const mine = await expectStatus<{ organisationId: string }[]>(t.as(w.tokens.memberA).get(`/platforms/${w.platformId}/contributions`), 200);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.organisationId === w.companyAId)).toBe(true);
    const theirs = await expectStatus<{ id: string }[]>(t.as(w.tokens.memberB).get(`/platforms/${w.platformId}/contributions`), 200);
    await expectStatus(t.as(w.tokens.memberA).get(`/platforms/${w.platformId}/contributions/${theirs[0].id}`), 404);
    await expectStatus(t.as(w.tokens.memberA).get(`/platforms/${w.platformId}/organisations/${w.companyBId}/statement?fiscalYear=2026`), 404);
    const own = await expectStatus<{ total: { invoicedYen: string } }>(
      t.as(w.tokens.memberA).get(`/platforms/${w.platformId}/organisations/${w.companyAId}/statement?fiscalYear=2026`),
      200,
    );
    expect(BigInt(own.total.invoicedYen)).toBeGreaterThan(0n);
    await expectStatus(t.as(w.tokens.memberA).get(`/platforms/${w.platformId}/ledger/accounts`), 403);
    await expectStatus(contribute({ projectId: w.projectId, organisationId: w.companyAId, fiscalYear: 2026, directCostYen: '1', invoicedOn: '2026-07-01' }, key(), w.tokens.memberA), 403);
  });

  it('keeps funding shares current through the recompute and says when they are stale', async () => {
    const before = await expectStatus<{ stale: boolean }>(t.as(w.tokens.cpo).get(`/platforms/${w.platformId}/funding-shares?fiscalYear=2026`), 200);
    expect(before.stale).toBe(true); // no worker runs in this file: contributions are pending
    await t.app.get(FundingSharesService).recompute(w.platformId);
    const after = await expectStatus<{ stale: boolean; computedAt: string; shares: { organisationId: string; contributedYen: string; shareBp: number; projectCompanyTotalYen?: string }[] }>(
      t.as(w.tokens.cpo).get(`/platforms/${w.platformId}/funding-shares?fiscalYear=2026`),
      200,
    );
    expect(after.stale).toBe(false);
    expect(after.computedAt).toBeTruthy();
    const total = after.shares.reduce((s, r) => s + BigInt(r.contributedYen), 0n);
    expect(after.shares.every((s) => s.projectCompanyTotalYen === total.toString())).toBe(true);
    const member = await expectStatus<{ shares: { organisationId: string; projectCompanyTotalYen?: string }[] }>(
      t.as(w.tokens.memberB).get(`/platforms/${w.platformId}/funding-shares?fiscalYear=2026`),
      200,
    );
    expect(member.shares.every((s) => s.organisationId === w.companyBId && s.projectCompanyTotalYen === undefined)).toBe(true);
  });
});
