import { TestApp, World, buildWorld, createTestApp, expectStatus } from '@app/testing';

interface Line {
  accountCode: string;
  amountYen: string;
  balanceAfterYen: string;
}
interface Entry {
  id: string;
  idempotencyKey: string;
  entryDate: string;
  fiscalYear: number;
  kind: string;
  description: string;
  replayed: boolean;
  lines: Line[];
}
interface Batch {
  posted: number;
  replayed: number;
  entries: Entry[];
}
interface ErrorBody {
  code: string;
  message: string;
  field?: string;
  details?: { fiscalYear?: number; accountCode?: string };
}

describe('batch posting of journal entries (e2e)', () => {
  let t: TestApp;
  let w: World;
  let n = 0;
  const key = (label = 'k') => `batch-${label}-${++n}-${Date.now()}`;

  const batch = (entries: object[], token = w.tokens.finance) => t.as(token).post(`/platforms/${w.platformId}/ledger/entries/batch`).send({ entries });
  const entry = (idempotencyKey: string, yen: string, debit = 'bank', credit = 'adjustment', entryDate = '2026-09-01') => ({
    idempotencyKey,
    entryDate,
    description: `batch entry ${idempotencyKey}`,
    lines: [
      { accountCode: debit, debitYen: yen },
      { accountCode: credit, creditYen: yen },
    ],
  });
  const totals = async () => {
    const [row] = await t.dataSource.query<{ entries: number; unbalanced: number; total: string }[]>(
      `SELECT (SELECT count(*) FROM journal_entries)::int AS entries,
              (SELECT count(*) FROM (SELECT entry_id FROM journal_lines GROUP BY entry_id HAVING sum(amount) <> 0) u)::int AS unbalanced,
              (SELECT coalesce(sum(balance), 0) FROM ledger_accounts)::text AS total`,
    );
    return row;
  };
  const balanceOf = async (code: string) => {
    const rows = await t.dataSource.query<{ balance: string }[]>(`SELECT balance::text FROM ledger_accounts WHERE platform_id = $1 AND code = $2`, [w.platformId, code]);
    return rows[0]?.balance ?? '0';
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    // The accounts the batches post to, created by one ordinary posting.
    await expectStatus(
      t
        .as(w.tokens.finance)
        .post(`/platforms/${w.platformId}/ledger/entries`)
        .set('Idempotency-Key', key('setup'))
        .send({ entryDate: '2026-08-01', description: 'setup', lines: [{ accountCode: 'bank', debitYen: '1' }, { accountCode: 'adjustment', creditYen: '1' }] }),
      201,
    );
  });
  afterAll(async () => {
    await t?.close();
  });
  afterEach(async () => {
    const after = await totals();
    if (after.unbalanced !== 0 || after.total !== '0') throw new Error(`ledger invariants broken: ${JSON.stringify(after)}`);
  });

  it('posts every entry in order with running balances, to the yen on awkward amounts', async () => {
    const before = await balanceOf('bank');
    const amounts = ['1', '3', '999999', '9007199254740993'];
    const keys = amounts.map(() => key());
    const body = await expectStatus<Batch>(batch(amounts.map((yen, i) => entry(keys[i], yen))), 201);
    expect(body.posted).toBe(4);
    expect(body.replayed).toBe(0);
    expect(body.entries.map((e) => e.idempotencyKey)).toEqual(keys.map((k) => `manual:${k}`));
    let running = BigInt(before);
    for (const [i, e] of body.entries.entries()) {
      running += BigInt(amounts[i]);
      expect(e.kind).toBe('manual');
      expect(e.fiscalYear).toBe(2026);
      expect(e.replayed).toBe(false);
      expect(e.lines).toEqual([
        { accountCode: 'bank', accountName: expect.any(String) as string, amountYen: amounts[i], balanceAfterYen: running.toString() },
        { accountCode: 'adjustment', accountName: expect.any(String) as string, amountYen: `-${amounts[i]}`, balanceAfterYen: (-running).toString() },
      ]);
    }
    expect(await balanceOf('bank')).toBe(running.toString());
  });

  it('replays a whole batch (200, Idempotent-Replayed) and posts only the new entries of an overlapping one', async () => {
    const [k1, k2, k3] = [key(), key(), key()];
    const first = await expectStatus<Batch>(batch([entry(k1, '10'), entry(k2, '20')]), 201);
    const before = await totals();

    const again = await batch([entry(k1, '10'), entry(k2, '20')]);
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const replay = again.body as Batch;
    expect(replay).toMatchObject({ posted: 0, replayed: 2 });
    expect(replay.entries.map((e) => e.id)).toEqual(first.entries.map((e) => e.id));
    expect(replay.entries[1].lines).toEqual(first.entries[1].lines);

    const overlap = await expectStatus<Batch>(batch([entry(k2, '20'), entry(k3, '30')]), 201);
    expect(overlap).toMatchObject({ posted: 1, replayed: 1 });
    expect(overlap.entries.map((e) => e.replayed)).toEqual([true, false]);
    expect(overlap.entries[0].id).toBe(first.entries[1].id);
    expect((await totals()).entries).toBe(before.entries + 1);
  });

  it('shares keys with single postings: a key posted alone is a replay in a batch, and the other way round', async () => {
    const single = key();
    const body = entry(single, '40');
    const { idempotencyKey: _k, ...content } = body;
    const posted = await expectStatus<Entry>(
      t.as(w.tokens.finance).post(`/platforms/${w.platformId}/ledger/entries`).set('Idempotency-Key', single).send(content),
      201,
    );
    const inBatch = await batch([body]);
    expect(inBatch.status).toBe(200);
    expect((inBatch.body as Batch).entries[0].id).toBe(posted.id);

    const batched = key();
    const viaBatch = await expectStatus<Batch>(batch([entry(batched, '50')]), 201);
    const { idempotencyKey: _b, ...content2 } = entry(batched, '50');
    const alone = await t.as(w.tokens.finance).post(`/platforms/${w.platformId}/ledger/entries`).set('Idempotency-Key', batched).send(content2);
    expect(alone.status).toBe(200);
    expect((alone.body as Entry).id).toBe(viaBatch.entries[0].id);
  });

  it('writes nothing when any entry is refused, and names the entry', async () => {
    const used = key();
    await expectStatus(batch([entry(used, '60')]), 201);
    const before = await totals();
    const cases: { entries: object[]; status: number; code: string; field?: string }[] = [
      { entries: [entry(key(), '1'), entry(used, '61')], status: 409, code: 'IDEMPOTENCY.KEY_REUSED', field: 'entries[1].idempotencyKey' },
      {
        entries: [entry(key(), '1'), { ...entry(key(), '1'), lines: [{ accountCode: 'bank', debitYen: '5' }, { accountCode: 'adjustment', creditYen: '4' }] }],
        status: 400,
        code: 'LEDGER.UNBALANCED_ENTRY',
        field: 'entries[1]',
      },
      { entries: [entry(key(), '1'), entry(key(), '1', 'bank', 'nowhere:at-all')], status: 404, code: 'LEDGER.ACCOUNT_NOT_FOUND' },
      { entries: [entry('same-key-twice', '1'), entry('same-key-twice', '1')], status: 400, code: 'LEDGER.BATCH_DUPLICATE_KEY', field: 'entries[1].idempotencyKey' },
      {
        entries: [{ ...entry(key(), '1'), lines: [{ accountCode: 'bank', debitYen: '1', creditYen: '1' }, { accountCode: 'adjustment', creditYen: '1' }] }],
        status: 400,
        code: 'LEDGER.LINE_SIDE',
        field: 'entries[0].lines[0]',
      },
      { entries: [{ ...entry(key(), '1'), idempotencyKey: 'short' }], status: 400, code: 'VALIDATION.INVALID_FIELD' },
      { entries: [], status: 400, code: 'VALIDATION.INVALID_FIELD' },
      { entries: Array.from({ length: 501 }, () => entry(key(), '1')), status: 400, code: 'VALIDATION.INVALID_FIELD' },
    ];
    for (const c of cases) {
      const res = await expectStatus<ErrorBody>(batch(c.entries), c.status);
      expect({ code: res.code, field: res.field }).toEqual({ code: c.code, field: c.field ?? res.field });
    }
    expect(await totals()).toEqual(before);
  });

  it('refuses a batch with an entry dated in a closed fiscal year, whole', async () => {
    await expectStatus(t.as(w.tokens.finance).post(`/platforms/${w.platformId}/fiscal-periods/2025/close`), 200);
    const before = await totals();
    const res = await expectStatus<ErrorBody>(batch([entry(key(), '1'), entry(key(), '1', 'bank', 'adjustment', '2026-03-31')]), 409);
    expect(res.code).toBe('LEDGER.PERIOD_CLOSED');
    expect(res.details?.fiscalYear).toBe(2025);
    expect(await totals()).toEqual(before);
  });

  it('posts concurrent submissions of the same batch exactly once', async () => {
    const before = await totals();
    const entries = Array.from({ length: 20 }, (_, i) => entry(key('race'), String(100 + i)));
    const results = await Promise.all([0, 1, 2, 3, 4].map(() => batch(entries)));
    expect(results.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    const ids = new Set(results.flatMap((r) => (r.body as Batch).entries.map((e) => e.id)));
    expect(ids.size).toBe(20);
    expect((await totals()).entries).toBe(before.entries + 20);
  });

  it('keeps every running balance exact when different batches post to the same accounts at once', async () => {
    // Eight batches of 15 entries, all on bank and ip_fund, posted together: each call locks the
    // accounts and builds its lines on the balances the previous call left.
    const batches = Array.from({ length: 8 }, (_, b) => Array.from({ length: 15 }, (_, i) => entry(key('hot'), String(1 + b * 15 + i), 'bank', 'ip_fund')));
    const results = await Promise.all(batches.map((entries) => batch(entries)));
    expect(results.map((r) => r.status)).toEqual(batches.map(() => 201));
    const broken = await t.dataSource.query<{ code: string }[]>(
      `SELECT a.code FROM ledger_accounts a
         JOIN LATERAL (SELECT l.account_version, l.balance_after,
                              sum(l.amount) OVER (ORDER BY l.account_version) AS running,
                              row_number() OVER (ORDER BY l.account_version) AS n
                         FROM journal_lines l WHERE l.account_id = a.id) x ON true
        WHERE a.platform_id = $1 AND a.code IN ('bank', 'ip_fund')
        GROUP BY a.id, a.code, a.balance, a.version
       HAVING bool_or(x.balance_after <> x.running OR x.account_version <> x.n) OR max(x.running) FILTER (WHERE x.n = a.version) <> a.balance`,
      [w.platformId],
    );
    expect(broken).toEqual([]);
  });

  it('answers and refuses each single posting on its own when many arrive together (group commit)', async () => {
    const single = (idempotencyKey: string, body: object) =>
      t.as(w.tokens.finance).post(`/platforms/${w.platformId}/ledger/entries`).set('Idempotency-Key', idempotencyKey).send(body);
    const content = (yen: string, credit = 'adjustment', entryDate = '2026-09-02') => {
      const { idempotencyKey: _k, ...rest } = entry('unused-key', yen, 'bank', credit, entryDate);
      return rest;
    };
    const used = key('used');
    await expectStatus(single(used, content('7')), 201);
    const before = await totals();

    const good = Array.from({ length: 30 }, (_, i) => ({ k: key('group'), body: content(String(200 + i)) }));
    const duplicateKey = key('dup');
    const results = await Promise.all([
      ...good.map((g) => single(g.k, g.body)),
      single(used, content('8')), // the key was used with other content
      single(key('bad'), content('9', 'nowhere:at-all')), // no such account
      single(key('closed'), content('10', 'adjustment', '2026-03-31')), // FY2025 is closed
      single(duplicateKey, content('11')),
      single(duplicateKey, content('11')),
      single(duplicateKey, content('11')),
    ]);
    const [reused, unknown, closed, ...dups] = results.slice(good.length);
    expect(results.slice(0, good.length).map((r) => r.status)).toEqual(good.map(() => 201));
    expect([reused.status, (reused.body as ErrorBody).code]).toEqual([409, 'IDEMPOTENCY.KEY_REUSED']);
    expect([unknown.status, (unknown.body as ErrorBody).code]).toEqual([404, 'LEDGER.ACCOUNT_NOT_FOUND']);
    expect([closed.status, (closed.body as ErrorBody).code]).toEqual([409, 'LEDGER.PERIOD_CLOSED']);
    expect(dups.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(dups.map((r) => (r.body as Entry).id)).size).toBe(1);
    expect((await totals()).entries).toBe(before.entries + good.length + 1);

    // Each answer is its own entry, with its own amount and running balance.
    const posted = results.slice(0, good.length).map((r) => r.body as Entry);
    expect(new Set(posted.map((p) => p.id)).size).toBe(good.length);
    posted.forEach((p, i) => expect(p.lines[0].amountYen).toBe(String(200 + i)));
    // (How postings are grouped is timing-dependent; posting-coalescer.spec.ts pins it down.)
  });

  it('is for finance and admins only', async () => {
    for (const token of [w.tokens.memberA, w.tokens.cpo, w.tokens.auditor]) {
      expect((await expectStatus<ErrorBody>(batch([entry(key(), '1')], token), 403)).code).toBe('AUTH.ROLE_NOT_ALLOWED');
    }
  });
});
