import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '@app/access';
import { DomainError, LocalDate, Yen, assertSameRequest, requestHash } from '@app/kernel';
import { Accounts, LedgerService, credit, debit } from '@app/ledger';
import { organisationNotFound } from '@app/membership';
import { OwnerPayout } from './owner-payout.entity';

export interface NewOwnerPayout {
  paidOn: LocalDate;
  amountYen: Yen;
  note?: string;
}

export type OwnerPayoutView = Omit<OwnerPayout, 'requestHash'>;

export interface OwnerPayouts {
  organisationId: string;
  /** What the platform owes the owner now: its share of licence income received, less payouts. */
  payableYen: Yen;
  paidOutYen: Yen;
  payouts: OwnerPayoutView[];
}

/**
 * Paying owners their share of licence income. A payout debits `payable:owner:<org>` and credits
 * `bank` in one journal entry. It may not exceed what is owed on its date, nor on any later date:
 * income received after the payment date cannot have been paid out on it, and a backdated payout
 * must not take the payable below zero between later payouts and receipts.
 */
@Injectable()
export class OwnerPayoutsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
  ) {}

  async pay(
    actor: Actor,
    platformId: string,
    organisationId: string,
    idempotencyKey: string,
    input: NewOwnerPayout,
  ): Promise<{ payout: OwnerPayoutView; replayed: boolean }> {
    const hash = requestHash({ op: 'licensing.owner_payout', platformId, organisationId, ...input });
    return this.dataSource.transaction(async (em) => {
      const known = await em.query<unknown[]>(`SELECT 1 FROM organisations WHERE id = $1`, [organisationId]);
      if (known.length === 0) throw organisationNotFound(organisationId);
      const payable = Accounts.ownerPayable(organisationId);
      // The payable account's row lock serialises payouts to one owner: two cannot both pass the
      // check below, and a payout re-sent while the first is in flight finds it (a replay).
      const [account] = await em.query<{ id: string }[]>(`SELECT id FROM ledger_accounts WHERE platform_id = $1 AND code = $2 FOR UPDATE`, [
        platformId,
        payable.code,
      ]);
      const existing = await em
        .getRepository(OwnerPayout)
        .createQueryBuilder('p')
        .addSelect('p.requestHash')
        .where('p.platform_id = :platformId AND p.organisation_id = :organisationId AND p.idempotency_key = :idempotencyKey', {
          platformId,
          organisationId,
          idempotencyKey,
        })
        .getOne();
      if (existing) {
        assertSameRequest(existing.requestHash, hash, { payoutId: existing.id });
        const { requestHash: _h, ...payout } = existing;
        return { payout, replayed: true };
      }
      const owed = account ? await owedFrom(em, account.id, input.paidOn) : 0n;
      if (input.amountYen > owed) {
        throw DomainError.unprocessable(
          'LICENSING.PAYOUT_EXCEEDS_PAYABLE',
          `¥${owed} is owed to this owner from ${input.paidOn} on; a payout cannot exceed it`,
          { field: 'amountYen', payableYen: owed.toString() },
        );
      }
      const id = randomUUID();
      const posted = await this.ledger.post(em, actor, {
        platformId,
        idempotencyKey: `owner-payout:${organisationId}:${idempotencyKey}`,
        requestHash: hash,
        entryDate: input.paidOn,
        kind: 'owner_payout',
        description: `Licence income paid out to owner ${organisationId}${input.note ? `: ${input.note}` : ''}`,
        lines: [debit(payable, input.amountYen), credit(Accounts.bank(), input.amountYen)],
        sourceType: 'owner_payout',
        sourceId: id,
      });
      const payout = em.create(OwnerPayout, {
        id,
        platformId,
        organisationId,
        paidOn: input.paidOn,
        amountYen: input.amountYen,
        note: input.note ?? null,
        entryId: posted.entry.id,
        idempotencyKey,
        requestHash: hash,
        createdByTokenId: actor.tokenId,
      });
      await em.insert(OwnerPayout, payout);
      const { requestHash: _h, ...shown } = payout;
      await this.audit.record(em, actor, {
        action: 'licensing.owner_paid',
        entityType: 'owner_payout',
        entityId: id,
        platformId,
        after: shown,
      });
      return { payout: shown, replayed: false };
    });
  }

  /** An owner's payouts on a platform, oldest first, with what is owed now and what was paid. */
  async list(platformId: string, organisationId: string): Promise<OwnerPayouts> {
    const em = this.dataSource.manager;
    const payouts = await em.find(OwnerPayout, { where: { platformId, organisationId }, order: { paidOn: 'ASC', createdAt: 'ASC' } });
    const [account] = await em.query<{ owed: string }[]>(`SELECT (-balance)::text AS owed FROM ledger_accounts WHERE platform_id = $1 AND code = $2`, [
      platformId,
      Accounts.ownerPayable(organisationId).code,
    ]);
    return {
      organisationId,
      payableYen: account ? BigInt(account.owed) : 0n,
      paidOutYen: payouts.reduce((s, p) => s + p.amountYen, 0n),
      payouts,
    };
  }
}

/**
 * The least an owner is owed on any day from `on` onwards (its payable account at the end of
 * `on`, and after every later movement): the most that can be taken from it on `on` without the
 * payable going below zero on some day. Used by payouts and by receipt reversals.
 */
export async function owedFrom(em: EntityManager, accountId: string, on: LocalDate): Promise<Yen> {
  const [row] = await em.query<{ owed: string }[]>(
    `WITH daily AS (SELECT e.entry_date AS d, sum(l.amount) AS amount FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
                     WHERE l.account_id = $1 GROUP BY e.entry_date),
          running AS (SELECT d, -sum(amount) OVER (ORDER BY d) AS owed FROM daily)
     SELECT least(coalesce((SELECT owed FROM running WHERE d <= $2 ORDER BY d DESC LIMIT 1), 0),
                  (SELECT min(owed) FROM running WHERE d > $2))::text AS owed`,
    [accountId, on],
  );
  return BigInt(row.owed);
}
