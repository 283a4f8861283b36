import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { DomainError, LocalDate, assertSameRequest, fiscalYearOf, mapLocated } from '@app/kernel';
import { Actor, AuditService } from '@app/access';
import { AccountSpec } from './chart-of-accounts';
import { FiscalPeriod } from './fiscal-period.entity';
import { JournalEntry } from './journal-entry.entity';
import { PostingCommand, normalisePosting } from './posting';

export interface PostedLine {
  accountCode: string;
  accountName: string;
  amount: bigint;
  balanceAfter: bigint;
}

/** An entry as the API shows it: everything but the request hash. */
export type EntryHeader = Omit<JournalEntry, 'requestHash'>;

export interface PostedEntry {
  entry: EntryHeader;
  lines: PostedLine[];
  /** True when the idempotency key had been used with the same content: nothing new was posted. */
  replayed: boolean;
}

export interface AccountBalance {
  code: string;
  type: string;
  name: string;
  projectId: string | null;
  organisationId: string | null;
  balance: bigint;
}

export interface TrialBalanceAccount extends Omit<AccountBalance, 'balance'> {
  opening: bigint;
  /** The year's debit lines, a positive sum. */
  debits: bigint;
  /** The year's credit lines, a positive sum. */
  credits: bigint;
  closing: bigint;
}

export interface TrialBalance {
  fiscalYear: number;
  periodStatus: 'open' | 'closed';
  accounts: TrialBalanceAccount[];
  totals: { opening: bigint; debits: bigint; credits: bigint; closing: bigint };
}

export interface PeriodStatus {
  fiscalYear: number;
  status: 'open' | 'closed';
  changedAt: Date | null;
  changedByTokenId: string | null;
}

export interface EntryFilter {
  fiscalYear?: number;
  /** Entries dated on or after this day. */
  from?: LocalDate;
  /** Entries dated on or before this day. */
  to?: LocalDate;
  /** Entries with a line on this account (all their lines). */
  accountCode?: string;
  sourceId?: string;
}

export interface EntryQuery extends EntryFilter {
  limit: number;
  offset: number;
}

/** One line of the journal export: the entry's fields repeated on each of its lines. */
export interface JournalExportLine {
  entryDate: string;
  fiscalYear: number;
  entryId: string;
  kind: string;
  description: string;
  reversesEntryId: string | null;
  sourceType: string | null;
  sourceId: string | null;
  accountCode: string;
  accountName: string;
  amount: bigint;
  balanceAfter: bigint;
}

/** The most lines one journal export holds; a larger one is refused (narrow it by year or account). */
export const MAX_EXPORT_LINES = 200_000;

/** One entry of a batch: a posting on the batch's platform without reversal or source links. */
export type BatchPostingCommand = Omit<PostingCommand, 'platformId' | 'reversesEntryId' | 'sourceType' | 'sourceId'> & {
  /** The token posting this entry when it is not the batch's actor (entries gathered from several requests). */
  actorTokenId?: string | null;
};

interface BatchRow {
  ord: number;
  entry_id: string;
  replayed: boolean;
  created_at: Date;
  line_code: string;
  line_name: string;
  line_amount: string;
  line_balance_after: string;
}

export interface ReversalCommand {
  platformId: string;
  entryId: string;
  entryDate: LocalDate;
  reason: string;
  idempotencyKey: string;
  requestHash: string;
}

/** One row of ledger_post(): the entry's header fields repeated on each of its lines. */
interface PostRow {
  entry_id: string;
  replayed: boolean;
  stored_hash: string;
  created_at: Date;
  line_code: string;
  line_name: string;
  line_amount: string;
  line_balance_after: string;
}

const ENTRY_COLUMNS = `id, platform_id AS "platformId", idempotency_key AS "idempotencyKey", entry_date::text AS "entryDate",
  fiscal_year AS "fiscalYear", kind, description, reverses_entry_id AS "reversesEntryId", source_type AS "sourceType",
  source_id AS "sourceId", created_by_token_id AS "createdByTokenId", created_at AS "createdAt"`;

/** The WHERE clause (on journal_entries e) and parameters of an entry filter. */
function entryWhere(platformId: string, q: EntryFilter): { where: string[]; params: unknown[] } {
  const params: unknown[] = [platformId];
  const where = ['e.platform_id = $1'];
  if (q.fiscalYear !== undefined) where.push(`e.fiscal_year = $${params.push(q.fiscalYear)}`);
  if (q.from) where.push(`e.entry_date >= $${params.push(q.from)}`);
  if (q.to) where.push(`e.entry_date <= $${params.push(q.to)}`);
  if (q.sourceId) where.push(`e.source_id = $${params.push(q.sourceId)}`);
  if (q.accountCode) {
    where.push(
      `EXISTS (SELECT 1 FROM journal_lines l0 JOIN ledger_accounts a0 ON a0.id = l0.account_id WHERE l0.entry_id = e.id AND a0.code = $${params.push(q.accountCode)})`,
    );
  }
  return { where, params };
}

export function entryNotFound(id: string): DomainError {
  return DomainError.notFound('LEDGER.ENTRY_NOT_FOUND', `journal entry ${id} does not exist`);
}

/**
 * The refusals ledger_post and ledger_post_batch raise, as domain errors (anything else is
 * returned as it was). DETAIL carries the fiscal year (P0003), the account code (P0004) or the
 * 1-based position of the entry in a batch (P0005, P0006).
 */
function postingFailure(err: unknown, where: { field: string; fiscalYear?: number }): unknown {
  const driver = err instanceof QueryFailedError ? (err.driverError as { code?: string; detail?: string }) : {};
  const index = Number(driver.detail) - 1;
  switch (driver.code) {
    case 'P0003': {
      const fiscalYear = where.fiscalYear ?? Number(driver.detail);
      return DomainError.conflict('LEDGER.PERIOD_CLOSED', `fiscal year ${fiscalYear} is closed; postings dated in it are refused`, { fiscalYear });
    }
    case 'P0004':
      return DomainError.notFound('LEDGER.ACCOUNT_NOT_FOUND', `account ${driver.detail} does not exist on this platform`, {
        field: where.field,
        accountCode: driver.detail,
      });
    case 'P0005':
      return DomainError.conflict('IDEMPOTENCY.KEY_REUSED', `the idempotency key of entries[${index}] was already used for a different entry`, {
        field: `entries[${index}].idempotencyKey`,
      });
    case 'P0006':
      return DomainError.validation('LEDGER.BATCH_DUPLICATE_KEY', `entries[${index}] repeats the idempotency key of an earlier entry`, {
        field: `entries[${index}].idempotencyKey`,
      });
    default:
      return err;
  }
}

/**
 * Posts balanced journal entries through the database function ledger_post (one round trip,
 * inside the caller's transaction): it replays an existing idempotency key, holds the fiscal
 * period's lock in shared mode (closing waits for it; a closed period refuses it), creates
 * missing accounts, locks the accounts it touches in id order (no deadlocks), writes the lines
 * with each account's running balance and version, and updates the balances.
 */
@Injectable()
export class LedgerService {
  private readonly startMonths = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async fiscalYearStartMonth(em: EntityManager, platformId: string): Promise<number> {
    const cached = this.startMonths.get(platformId);
    if (cached !== undefined) return cached;
    const rows = await em.query<{ m: number }[]>('SELECT fiscal_year_start_month AS m FROM platforms WHERE id = $1', [platformId]);
    if (rows.length === 0) throw DomainError.notFound('PLATFORM.NOT_FOUND', `platform ${platformId} does not exist`);
    this.startMonths.set(platformId, rows[0].m);
    return rows[0].m;
  }

  /** The entry already posted under this key, if any; 409 when the key came with other content. */
  async findReplay(em: EntityManager, platformId: string, idempotencyKey: string, requestHash: string): Promise<PostedEntry | null> {
    const rows = await em.query<(EntryHeader & { requestHash: string })[]>(
      `SELECT ${ENTRY_COLUMNS}, request_hash AS "requestHash" FROM journal_entries WHERE platform_id = $1 AND idempotency_key = $2`,
      [platformId, idempotencyKey],
    );
    if (rows.length === 0) return null;
    const { requestHash: storedHash, ...entry } = rows[0];
    assertSameRequest(storedHash, requestHash, { entryId: entry.id });
    return { entry, lines: await this.linesOf(em, entry.id), replayed: true };
  }

  async post(em: EntityManager, actor: Actor, cmd: PostingCommand): Promise<PostedEntry> {
    const lines = normalisePosting(cmd.lines);
    const fiscalYear = fiscalYearOf(cmd.entryDate, await this.fiscalYearStartMonth(em, cmd.platformId));
    let rows: PostRow[];
    try {
      rows = await em.query(
        `SELECT * FROM ledger_post($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
                                   $12::text[], $13::text[], $14::text[], $15::uuid[], $16::uuid[], $17::bigint[])`,
        [
          cmd.platformId,
          cmd.idempotencyKey,
          cmd.requestHash,
          cmd.entryDate,
          fiscalYear,
          cmd.kind,
          cmd.description,
          cmd.reversesEntryId ?? null,
          cmd.sourceType ?? null,
          cmd.sourceId ?? null,
          actor.tokenId,
          lines.map((l) => l.account.code),
          lines.map((l) => l.account.type ?? null),
          lines.map((l) => l.account.name ?? null),
          lines.map((l) => l.account.projectId ?? null),
          lines.map((l) => l.account.organisationId ?? null),
          lines.map((l) => l.amount.toString()),
        ],
      );
    } catch (err) {
      throw postingFailure(err, { field: 'lines', fiscalYear });
    }
    const first = rows[0];
    if (first.replayed) assertSameRequest(first.stored_hash, cmd.requestHash, { entryId: first.entry_id });
    // A replay carries the same content (same hash), so the command describes the stored entry;
    // ledger_post returned its id, timestamp and lines, and nothing more needs reading.
    return {
      entry: {
        id: first.entry_id,
        platformId: cmd.platformId,
        idempotencyKey: cmd.idempotencyKey,
        entryDate: cmd.entryDate,
        fiscalYear,
        kind: cmd.kind,
        description: cmd.description,
        reversesEntryId: cmd.reversesEntryId ?? null,
        sourceType: cmd.sourceType ?? null,
        sourceId: cmd.sourceId ?? null,
        createdByTokenId: actor.tokenId,
        createdAt: first.created_at,
      },
      lines: rows.map((r) => ({
        accountCode: r.line_code,
        accountName: r.line_name,
        amount: BigInt(r.line_amount),
        balanceAfter: BigInt(r.line_balance_after),
      })),
      replayed: first.replayed,
    };
  }

  /**
   * Posts many entries in one call to ledger_post_batch (one round trip, one transaction): all
   * of them or none. Entries whose key was already used with the same content are replayed, a
   * key used with other content refuses the batch (409, naming the entry by its index).
   */
  async postBatch(em: EntityManager, actor: Actor, platformId: string, cmds: BatchPostingCommand[]): Promise<PostedEntry[]> {
    const startMonth = await this.fiscalYearStartMonth(em, platformId);
    const input = mapLocated(
      cmds,
      (i) => `entries[${i}]`,
      (cmd) => ({ cmd, fiscalYear: fiscalYearOf(cmd.entryDate, startMonth), lines: normalisePosting(cmd.lines) }),
    );
    const payload = input.map(({ cmd, fiscalYear, lines }) => ({
      key: cmd.idempotencyKey,
      hash: cmd.requestHash,
      date: cmd.entryDate,
      fiscalYear,
      kind: cmd.kind,
      description: cmd.description,
      actor: cmd.actorTokenId === undefined ? undefined : cmd.actorTokenId,
      lines: lines.map((l) => ({
        code: l.account.code,
        amount: l.amount.toString(),
        type: l.account.type ?? null,
        name: l.account.name ?? null,
        projectId: l.account.projectId ?? null,
        organisationId: l.account.organisationId ?? null,
      })),
    }));
    let rows: BatchRow[];
    try {
      rows = await em.query(`SELECT * FROM ledger_post_batch($1, $2, $3::jsonb)`, [platformId, actor.tokenId, JSON.stringify(payload)]);
    } catch (err) {
      throw postingFailure(err, { field: 'entries' });
    }
    const posted: PostedEntry[] = input.map(({ cmd, fiscalYear }) => ({
      entry: {
        id: '',
        platformId,
        idempotencyKey: cmd.idempotencyKey,
        entryDate: cmd.entryDate,
        fiscalYear,
        kind: cmd.kind,
        description: cmd.description,
        reversesEntryId: null,
        sourceType: null,
        sourceId: null,
        createdByTokenId: cmd.actorTokenId === undefined ? actor.tokenId : cmd.actorTokenId,
        createdAt: new Date(0),
      },
      lines: [],
      replayed: false,
    }));
    for (const r of rows) {
      const p = posted[r.ord - 1];
      p.entry.id = r.entry_id;
      p.entry.createdAt = r.created_at;
      p.replayed = r.replayed;
      p.lines.push({ accountCode: r.line_code, accountName: r.line_name, amount: BigInt(r.line_amount), balanceAfter: BigInt(r.line_balance_after) });
    }
    return posted;
  }

  async linesOf(em: EntityManager, entryId: string): Promise<PostedLine[]> {
    const rows: { code: string; name: string; amount: string; balance_after: string }[] = await em.query(
      `SELECT a.code, a.name, l.amount, l.balance_after FROM journal_lines l JOIN ledger_accounts a ON a.id = l.account_id
        WHERE l.entry_id = $1 ORDER BY l.id`,
      [entryId],
    );
    return rows.map((r) => ({ accountCode: r.code, accountName: r.name, amount: BigInt(r.amount), balanceAfter: BigInt(r.balance_after) }));
  }

  /** A correction: a new entry with every line negated, referencing the original. */
  async reverse(em: EntityManager, actor: Actor, cmd: ReversalCommand): Promise<PostedEntry> {
    const replay = await this.findReplay(em, cmd.platformId, cmd.idempotencyKey, cmd.requestHash);
    if (replay) return replay;
    const original = await this.getEntry(em, cmd.platformId, cmd.entryId);
    if (original.entry.reversesEntryId) {
      throw DomainError.conflict('LEDGER.CANNOT_REVERSE_REVERSAL', 'a reversal cannot itself be reversed; post a new entry instead');
    }
    // Lock the original's reversal slot: two different keys reversing one entry cannot both win.
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('ipl.reverse.' || $1))`, [cmd.entryId]);
    const already = await em.query<{ id: string }[]>('SELECT id FROM journal_entries WHERE reverses_entry_id = $1', [cmd.entryId]);
    if (already.length > 0) {
      throw DomainError.conflict('LEDGER.ALREADY_REVERSED', `entry ${cmd.entryId} was already reversed`, { reversalEntryId: already[0].id });
    }
    const accounts: { code: string; type: AccountSpec['type']; name: string; amount: string }[] = await em.query(
      `SELECT a.code, a.type, a.name, l.amount FROM journal_lines l JOIN ledger_accounts a ON a.id = l.account_id
        WHERE l.entry_id = $1 ORDER BY l.id`,
      [cmd.entryId],
    );
    return this.post(em, actor, {
      platformId: cmd.platformId,
      idempotencyKey: cmd.idempotencyKey,
      requestHash: cmd.requestHash,
      entryDate: cmd.entryDate,
      kind: 'reversal',
      description: `Reversal of ${original.entry.kind} ${original.entry.id}: ${cmd.reason}`,
      lines: accounts.map((a) => ({ account: { code: a.code, type: a.type, name: a.name }, amount: -BigInt(a.amount) })),
      reversesEntryId: cmd.entryId,
      sourceType: original.entry.sourceType ?? undefined,
      sourceId: original.entry.sourceId ?? undefined,
    });
  }

  async getEntry(em: EntityManager, platformId: string, entryId: string, replayed = false): Promise<PostedEntry> {
    const rows = await em.query<EntryHeader[]>(`SELECT ${ENTRY_COLUMNS} FROM journal_entries WHERE id = $1 AND platform_id = $2`, [
      entryId,
      platformId,
    ]);
    if (rows.length === 0) throw entryNotFound(entryId);
    return { entry: rows[0], lines: await this.linesOf(em, entryId), replayed };
  }

  async listEntries(platformId: string, q: EntryQuery): Promise<PostedEntry[]> {
    const { where, params } = entryWhere(platformId, q);
    const em = this.dataSource.manager;
    const entries = await em.query<EntryHeader[]>(
      `SELECT ${ENTRY_COLUMNS} FROM journal_entries e WHERE ${where.join(' AND ')}
        ORDER BY e.entry_date, e.created_at, e.id LIMIT ${q.limit} OFFSET ${q.offset}`,
      params,
    );
    const lines = await this.linesOfEntries(em, entries.map((e) => e.id));
    return entries.map((entry) => ({ entry, lines: lines.get(entry.id) ?? [], replayed: false }));
  }

  /**
   * Every line of the entries a filter selects, oldest entry first, for the journal export: one
   * query. Refused above MAX_EXPORT_LINES lines.
   */
  async exportLines(platformId: string, filter: EntryFilter): Promise<JournalExportLine[]> {
    const { where, params } = entryWhere(platformId, filter);
    const rows = await this.dataSource.query<(Omit<JournalExportLine, 'amount' | 'balanceAfter'> & { amount: string; balanceAfter: string })[]>(
      `SELECT e.entry_date::text AS "entryDate", e.fiscal_year AS "fiscalYear", e.id AS "entryId", e.kind, e.description,
              e.reverses_entry_id AS "reversesEntryId", e.source_type AS "sourceType", e.source_id AS "sourceId",
              a.code AS "accountCode", a.name AS "accountName", l.amount::text AS amount, l.balance_after::text AS "balanceAfter"
         FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id JOIN ledger_accounts a ON a.id = l.account_id
        WHERE ${where.join(' AND ')}
        ORDER BY e.entry_date, e.created_at, e.id, l.id LIMIT ${MAX_EXPORT_LINES + 1}`,
      params,
    );
    if (rows.length > MAX_EXPORT_LINES) {
      throw DomainError.unprocessable('LEDGER.EXPORT_TOO_LARGE', `the export would hold more than ${MAX_EXPORT_LINES} lines; narrow it by fiscal year or account`);
    }
    return rows.map((r) => ({ ...r, amount: BigInt(r.amount), balanceAfter: BigInt(r.balanceAfter) }));
  }

  /** The lines of several entries in one query, by entry id, each entry's lines in posting order. */
  private async linesOfEntries(em: EntityManager, entryIds: string[]): Promise<Map<string, PostedLine[]>> {
    const byEntry = new Map<string, PostedLine[]>();
    if (entryIds.length === 0) return byEntry;
    const rows: { entry_id: string; code: string; name: string; amount: string; balance_after: string }[] = await em.query(
      `SELECT l.entry_id, a.code, a.name, l.amount, l.balance_after FROM journal_lines l JOIN ledger_accounts a ON a.id = l.account_id
        WHERE l.entry_id = ANY($1::uuid[]) ORDER BY l.id`,
      [entryIds],
    );
    for (const r of rows) {
      const line = { accountCode: r.code, accountName: r.name, amount: BigInt(r.amount), balanceAfter: BigInt(r.balance_after) };
      const list = byEntry.get(r.entry_id);
      if (list) list.push(line);
      else byEntry.set(r.entry_id, [line]);
    }
    return byEntry;
  }

  /**
   * The trial balance of a fiscal year: for every account with a balance at the year's start or
   * lines in the year, the opening balance, the year's debits and credits and the closing balance,
   * with their totals (debits equal credits, and opening and closing balances each sum to zero).
   */
  async trialBalance(platformId: string, fiscalYear: number): Promise<TrialBalance> {
    const rows: { code: string; type: string; name: string; projectId: string | null; organisationId: string | null; opening: string; debits: string; credits: string }[] =
      await this.dataSource.query(
        `SELECT a.code, a.type, a.name, a.project_id AS "projectId", a.organisation_id AS "organisationId",
                coalesce(sum(l.amount) FILTER (WHERE e.fiscal_year < $2), 0)::text AS opening,
                coalesce(sum(l.amount) FILTER (WHERE e.fiscal_year = $2 AND l.amount > 0), 0)::text AS debits,
                coalesce(-sum(l.amount) FILTER (WHERE e.fiscal_year = $2 AND l.amount < 0), 0)::text AS credits
           FROM ledger_accounts a
           JOIN journal_lines l ON l.account_id = a.id
           JOIN journal_entries e ON e.id = l.entry_id AND e.fiscal_year <= $2
          WHERE a.platform_id = $1
          GROUP BY a.id
         HAVING sum(l.amount) FILTER (WHERE e.fiscal_year < $2) <> 0 OR bool_or(e.fiscal_year = $2)
          ORDER BY a.code`,
        [platformId, fiscalYear],
      );
    const accounts = rows.map(({ opening, debits, credits, ...a }) => {
      const line = { opening: BigInt(opening), debits: BigInt(debits), credits: BigInt(credits) };
      return { ...a, ...line, closing: line.opening + line.debits - line.credits };
    });
    const sum = (pick: (a: TrialBalanceAccount) => bigint) => accounts.reduce((s, a) => s + pick(a), 0n);
    const [period] = await this.dataSource.query<{ status: 'open' | 'closed' }[]>(
      `SELECT status FROM fiscal_periods WHERE platform_id = $1 AND fiscal_year = $2`,
      [platformId, fiscalYear],
    );
    return {
      fiscalYear,
      periodStatus: period?.status ?? 'open',
      accounts,
      totals: { opening: sum((a) => a.opening), debits: sum((a) => a.debits), credits: sum((a) => a.credits), closing: sum((a) => a.closing) },
    };
  }

  /** Balances of every account; as of the end of a date when `on` is given (from the lines). */
  async balances(platformId: string, on?: LocalDate): Promise<AccountBalance[]> {
    const rows = await this.dataSource.query<(Omit<AccountBalance, 'balance'> & { balance: string })[]>(
      on
        ? `SELECT a.code, a.type, a.name, a.project_id AS "projectId", a.organisation_id AS "organisationId",
                  coalesce((SELECT sum(l.amount) FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
                             WHERE l.account_id = a.id AND e.entry_date <= $2), 0)::text AS balance
             FROM ledger_accounts a WHERE a.platform_id = $1 ORDER BY a.code`
        : `SELECT code, type, name, project_id AS "projectId", organisation_id AS "organisationId", balance::text AS balance
             FROM ledger_accounts WHERE platform_id = $1 ORDER BY code`,
      on ? [platformId, on] : [platformId],
    );
    return rows.map((r) => ({ ...r, balance: BigInt(r.balance) }));
  }

  /** Every fiscal year that has postings or was ever closed, with its status (open unless closed). */
  async listPeriods(platformId: string): Promise<PeriodStatus[]> {
    const rows: { fiscal_year: number; status: 'open' | 'closed' | null; changed_at: Date | null; changed_by: string | null }[] =
      await this.dataSource.query(
        `SELECT y.fiscal_year, p.status, p.changed_at, p.changed_by_token_id AS changed_by
           FROM (SELECT DISTINCT fiscal_year FROM journal_entries WHERE platform_id = $1
                 UNION SELECT fiscal_year FROM fiscal_periods WHERE platform_id = $1) y
           LEFT JOIN fiscal_periods p ON p.platform_id = $1 AND p.fiscal_year = y.fiscal_year
          ORDER BY y.fiscal_year`,
        [platformId],
      );
    return rows.map((r) => ({ fiscalYear: r.fiscal_year, status: r.status ?? 'open', changedAt: r.changed_at, changedByTokenId: r.changed_by }));
  }

  /** Closes a fiscal year: waits for postings in flight, then refuses any posting dated in it. */
  async closePeriod(actor: Actor, platformId: string, fiscalYear: number): Promise<FiscalPeriod> {
    return this.setPeriodStatus(actor, platformId, fiscalYear, 'closed', null);
  }

  /** Reopening is an exceptional, audited admin action with a reason. */
  async reopenPeriod(actor: Actor, platformId: string, fiscalYear: number, reason: string): Promise<FiscalPeriod> {
    return this.setPeriodStatus(actor, platformId, fiscalYear, 'open', reason);
  }

  private async setPeriodStatus(
    actor: Actor,
    platformId: string,
    fiscalYear: number,
    status: 'open' | 'closed',
    reason: string | null,
  ): Promise<FiscalPeriod> {
    return this.dataSource.transaction(async (em) => {
      await this.fiscalYearStartMonth(em, platformId);
      // Exclusive against postings' shared lock: waits for postings in flight to commit.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('ipl.period.' || $1::text), $2)`, [platformId, fiscalYear]);
      await em.query(`INSERT INTO fiscal_periods (platform_id, fiscal_year, status) VALUES ($1, $2, 'open') ON CONFLICT DO NOTHING`, [
        platformId,
        fiscalYear,
      ]);
      const current = await em.findOne(FiscalPeriod, { where: { platformId, fiscalYear }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw new Error('fiscal period row vanished');
      if (current.status === status) {
        throw DomainError.conflict(`LEDGER.PERIOD_ALREADY_${status.toUpperCase()}`, `fiscal year ${fiscalYear} is already ${status}`);
      }
      const before = { ...current };
      await em.update(FiscalPeriod, { platformId, fiscalYear }, { status, changedAt: new Date(), changedByTokenId: actor.tokenId });
      const after = await em.findOneOrFail(FiscalPeriod, { where: { platformId, fiscalYear } });
      await this.audit.record(em, actor, {
        action: status === 'closed' ? 'fiscal_period.closed' : 'fiscal_period.reopened',
        entityType: 'fiscal_period',
        entityId: `${platformId}/${fiscalYear}`,
        platformId,
        before,
        after: { ...after, reason },
      });
      return after;
    });
  }
}
