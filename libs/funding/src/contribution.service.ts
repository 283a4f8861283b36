import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { DomainError, LocalDate, Yen, assertSameRequest, fiscalYearOf, requestHash } from '@app/kernel';
import { Actor, AuditService, isMember } from '@app/access';
import { Accounts, LedgerService, credit, debit } from '@app/ledger';
import { PlatformService } from '@app/platform';
import { DerivedKind, JobName, JobProducer, markStale } from '@app/queue';
import { Contribution, ContributionSource } from './contribution.entity';
import { ContributionReceipt } from './contribution-receipt.entity';
import { ContributionReceiptReversal } from './contribution-receipt-reversal.entity';
import { ContributionReversal } from './contribution-reversal.entity';
import { splitOverhead } from './overhead-split.calculator';

export interface NewContribution {
  projectId: string;
  sourceKind: ContributionSource;
  organisationId?: string | null;
  funderName?: string | null;
  fiscalYear: number;
  directCostYen: Yen;
  invoicedOn: LocalDate;
  /** Recorded as received in full on this date, in the same request. */
  receivedOn?: LocalDate | null;
  note?: string | null;
}

export interface NewReceipt {
  receivedOn: LocalDate;
  /** Default: everything still outstanding. */
  amountYen?: Yen | null;
}

export type ReceiptView = ContributionReceipt & { reversal: ContributionReceiptReversal | null };

export interface ContributionView {
  contribution: Contribution;
  /** Every receipt, reversed ones included (with their reversal). */
  receipts: ReceiptView[];
  reversal: ContributionReversal | null;
  /** Direct cost plus overhead: what the funder was invoiced. */
  invoicedYen: Yen;
  /** Receipts not reversed. */
  receivedYen: Yen;
  outstandingYen: Yen;
  replayed: boolean;
}

export interface ContributionQuery {
  fiscalYear?: number;
  projectId?: string;
  organisationId?: string;
  limit: number;
  offset: number;
}

export function contributionNotFound(id: string): DomainError {
  return DomainError.notFound('CONTRIBUTION.NOT_FOUND', `contribution ${id} does not exist`);
}

/**
 * Records contributions and money received. Every money movement is a ledger posting in the
 * same transaction as the record it belongs to; the idempotency key of the request keys both.
 */
@Injectable()
export class ContributionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly platforms: PlatformService,
    private readonly audit: AuditService,
    private readonly jobs: JobProducer,
  ) {}

  async record(actor: Actor, platformId: string, idempotencyKey: string, input: NewContribution): Promise<ContributionView> {
    const hash = requestHash({ op: 'contribution.record', platformId, ...input });
    const view = await this.dataSource.transaction(async (em) => {
      const existing = await this.findByKey(em, platformId, idempotencyKey, hash);
      if (existing) return existing;
      await this.checkFunder(em, platformId, input);
      const isCompany = input.sourceKind === 'company';
      const policy = await this.platforms.policyInForce(em, platformId, input.invoicedOn);
      // Public matching money carries no platform overhead: the raised rate is agreed with the companies.
      const split = isCompany
        ? splitOverhead(input.directCostYen, policy.overheadRateBp, policy.standardOverheadRateBp)
        : { overhead: 0n, standard: 0n, ipFund: 0n };
      const receivable = isCompany
        ? Accounts.companyReceivable(input.organisationId as string)
        : Accounts.publicReceivable(input.funderName as string);
      const contributionId = randomUUID();
      const invoice = await this.ledger.post(em, actor, {
        platformId,
        idempotencyKey: `contribution:${idempotencyKey}`,
        requestHash: hash,
        entryDate: input.invoicedOn,
        kind: 'contribution_invoice',
        description: `Contribution FY${input.fiscalYear} to project ${input.projectId}`,
        lines: [
          debit(receivable, input.directCostYen + split.overhead),
          credit(Accounts.researchBudget(input.projectId), input.directCostYen),
          credit(Accounts.ordinaryOverhead(), split.standard),
          credit(Accounts.ipFund(), split.ipFund),
        ],
        sourceType: 'contribution',
        sourceId: contributionId,
      });
      if (invoice.replayed) {
        // A concurrent request with the same key won the race; answer with its result.
        const raced = await this.findByKey(em, platformId, idempotencyKey, hash);
        if (raced) return raced;
      }
      const contribution = await em.save(
        em.create(Contribution, {
          id: contributionId,
          platformId,
          projectId: input.projectId,
          sourceKind: input.sourceKind,
          organisationId: isCompany ? (input.organisationId as string) : null,
          funderName: isCompany ? null : (input.funderName as string),
          fiscalYear: input.fiscalYear,
          directCostYen: input.directCostYen,
          overheadRateBp: isCompany ? policy.overheadRateBp : 0,
          standardOverheadRateBp: isCompany ? policy.standardOverheadRateBp : 0,
          overheadYen: split.overhead,
          standardOverheadYen: split.standard,
          ipFundYen: split.ipFund,
          policyVersionId: isCompany ? policy.id : null,
          invoicedOn: input.invoicedOn,
          note: input.note ?? null,
          invoiceEntryId: invoice.entry.id,
          idempotencyKey,
          requestHash: hash,
          createdByTokenId: actor.tokenId,
        }),
      );
      await this.audit.record(em, actor, {
        action: 'contribution.recorded',
        entityType: 'contribution',
        entityId: contribution.id,
        platformId,
        after: contribution,
      });
      if (input.receivedOn) {
        await this.receiveIn(em, actor, contribution, `${idempotencyKey}:receipt`, hash, {
          receivedOn: input.receivedOn,
          amountYen: input.directCostYen + split.overhead,
        });
      }
      await markStale(em, platformId, DerivedKind.FundingShares);
      await markStale(em, platformId, DerivedKind.Entitlements);
      return this.viewOf(em, contribution, false);
    });
    if (!view.replayed) {
      await this.jobs.enqueueBestEffort({ name: JobName.RecomputeFundingShares, data: { platformId } });
      await this.jobs.enqueueBestEffort({ name: JobName.RecomputeEntitlements, data: { platformId } });
    }
    return view;
  }

  private async checkFunder(em: EntityManager, platformId: string, input: NewContribution): Promise<void> {
    const project: { starts_on: string; ends_on: string; m: number }[] = await em.query(
      `SELECT p.starts_on::text, p.ends_on::text, pl.fiscal_year_start_month AS m
         FROM research_projects p JOIN platforms pl ON pl.id = p.platform_id WHERE p.id = $1 AND p.platform_id = $2`,
      [input.projectId, platformId],
    );
    if (project.length === 0) {
      throw DomainError.notFound('PROJECT.NOT_FOUND', `project ${input.projectId} is not a project of this platform`, { field: 'projectId' });
    }
    const { starts_on, ends_on, m } = project[0];
    const first = fiscalYearOf(starts_on, m);
    const last = fiscalYearOf(ends_on, m);
    if (input.fiscalYear < first || input.fiscalYear > last) {
      throw DomainError.validation('CONTRIBUTION.OUTSIDE_PROJECT_TERM', `the project runs FY${first}–FY${last}`, { field: 'fiscalYear' });
    }
    if (input.sourceKind === 'company') {
      if (!input.organisationId || input.funderName) {
        throw DomainError.validation('CONTRIBUTION.FUNDER', 'a company contribution names organisationId (and no funderName)', {
          field: 'organisationId',
        });
      }
      const rows: { kind: string; participant: boolean }[] = await em.query(
        `SELECT o.kind, EXISTS (SELECT 1 FROM project_participants pp WHERE pp.project_id = $2 AND pp.organisation_id = o.id) AS participant
           FROM organisations o WHERE o.id = $1`,
        [input.organisationId, input.projectId],
      );
      if (rows.length === 0) {
        throw DomainError.notFound('ORGANISATION.NOT_FOUND', `organisation ${input.organisationId} does not exist`, { field: 'organisationId' });
      }
      if (rows[0].kind !== 'company') {
        throw DomainError.validation('CONTRIBUTION.NOT_A_COMPANY', 'company contributions come from companies', { field: 'organisationId' });
      }
      if (!rows[0].participant) {
        throw DomainError.unprocessable('CONTRIBUTION.NOT_A_PARTICIPANT', 'the company does not take part in this project', {
          field: 'organisationId',
        });
      }
    } else if (!input.funderName || input.organisationId) {
      throw DomainError.validation('CONTRIBUTION.FUNDER', 'public matching money names funderName (and no organisationId)', {
        field: 'funderName',
      });
    }
  }

  private async findByKey(em: EntityManager, platformId: string, key: string, hash: string): Promise<ContributionView | null> {
    const found = await em
      .getRepository(Contribution)
      .createQueryBuilder('c')
      .addSelect('c.requestHash')
      .where('c.platform_id = :platformId AND c.idempotency_key = :key', { platformId, key })
      .getOne();
    if (!found) return null;
    assertSameRequest(found.requestHash, hash, { contributionId: found.id });
    return this.viewOf(em, found, true);
  }

  async receive(actor: Actor, platformId: string, contributionId: string, idempotencyKey: string, input: NewReceipt): Promise<ContributionView> {
    const hash = requestHash({ op: 'contribution.receive', platformId, contributionId, ...input });
    return this.dataSource.transaction(async (em) => {
      const contribution = await em.findOne(Contribution, {
        where: { id: contributionId, platformId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!contribution) throw contributionNotFound(contributionId);
      const replay = await em.findOne(ContributionReceipt, { where: { contributionId, idempotencyKey } });
      if (replay) {
        await this.ledger.findReplay(em, platformId, `receipt:${idempotencyKey}`, hash);
        return this.viewOf(em, contribution, true);
      }
      await this.receiveIn(em, actor, contribution, idempotencyKey, hash, input);
      return this.viewOf(em, contribution, false);
    });
  }

  private async receiveIn(
    em: EntityManager,
    actor: Actor,
    contribution: Contribution,
    idempotencyKey: string,
    hash: string,
    input: NewReceipt,
  ): Promise<void> {
    const view = await this.viewOf(em, contribution, false);
    if (view.reversal) throw DomainError.conflict('CONTRIBUTION.REVERSED', 'the contribution was reversed; nothing is receivable');
    const amount = input.amountYen ?? view.outstandingYen;
    if (amount <= 0n || amount > view.outstandingYen) {
      throw DomainError.unprocessable('CONTRIBUTION.RECEIPT_EXCEEDS_OUTSTANDING', `¥${view.outstandingYen} is outstanding`, {
        field: 'amountYen',
        outstandingYen: view.outstandingYen.toString(),
      });
    }
    if (input.receivedOn < contribution.invoicedOn) {
      throw DomainError.validation('CONTRIBUTION.RECEIVED_BEFORE_INVOICE', 'receivedOn cannot be before invoicedOn', { field: 'receivedOn' });
    }
    const receivable =
      contribution.sourceKind === 'company'
        ? Accounts.companyReceivable(contribution.organisationId as string)
        : Accounts.publicReceivable(contribution.funderName as string);
    const posted = await this.ledger.post(em, actor, {
      platformId: contribution.platformId,
      idempotencyKey: `receipt:${idempotencyKey}`,
      requestHash: hash,
      entryDate: input.receivedOn,
      kind: 'contribution_receipt',
      description: `Received for contribution ${contribution.id}`,
      lines: [debit(Accounts.bank(), amount), credit(receivable, amount)],
      sourceType: 'contribution',
      sourceId: contribution.id,
    });
    const receipt = await em.save(
      em.create(ContributionReceipt, {
        contributionId: contribution.id,
        receivedOn: input.receivedOn,
        amountYen: amount,
        entryId: posted.entry.id,
        idempotencyKey,
      }),
    );
    await this.audit.record(em, actor, {
      action: 'contribution.received',
      entityType: 'contribution',
      entityId: contribution.id,
      platformId: contribution.platformId,
      after: receipt,
    });
  }

  /** A correction: reverses the invoice and every receipt; record a new contribution if needed. */
  async reverse(
    actor: Actor,
    platformId: string,
    contributionId: string,
    idempotencyKey: string,
    input: { reversedOn: LocalDate; reason: string },
  ): Promise<ContributionView> {
    const hash = requestHash({ op: 'contribution.reverse', platformId, contributionId, ...input });
    const view = await this.dataSource.transaction(async (em) => {
      const contribution = await em.findOne(Contribution, {
        where: { id: contributionId, platformId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!contribution) throw contributionNotFound(contributionId);
      const done = await em.findOne(ContributionReversal, { where: { contributionId } });
      if (done) {
        if (done.idempotencyKey === idempotencyKey) {
          await this.ledger.findReplay(em, platformId, `reversal:${idempotencyKey}:invoice`, hash);
          return this.viewOf(em, contribution, true);
        }
        throw DomainError.conflict('CONTRIBUTION.ALREADY_REVERSED', `contribution ${contributionId} was already reversed`);
      }
      if (input.reversedOn < contribution.invoicedOn) {
        throw DomainError.validation('CONTRIBUTION.REVERSED_BEFORE_INVOICE', 'reversedOn cannot be before invoicedOn', { field: 'reversedOn' });
      }
      await this.ledger.reverse(em, actor, {
        platformId,
        entryId: contribution.invoiceEntryId,
        entryDate: input.reversedOn,
        reason: input.reason,
        idempotencyKey: `reversal:${idempotencyKey}:invoice`,
        requestHash: hash,
      });
      const receipts = await em.find(ContributionReceipt, { where: { contributionId }, order: { createdAt: 'ASC' } });
      const undone = await em.find(ContributionReceiptReversal, { where: { receiptId: In(receipts.map((r) => r.id)) } });
      for (const receipt of receipts.filter((r) => !undone.some((u) => u.receiptId === r.id))) {
        await this.ledger.reverse(em, actor, {
          platformId,
          entryId: receipt.entryId,
          entryDate: input.reversedOn,
          reason: input.reason,
          idempotencyKey: `reversal:${idempotencyKey}:receipt:${receipt.id}`,
          requestHash: hash,
        });
      }
      const reversal = await em.save(
        em.create(ContributionReversal, { contributionId, reversedOn: input.reversedOn, reason: input.reason, idempotencyKey }),
      );
      await this.audit.record(em, actor, {
        action: 'contribution.reversed',
        entityType: 'contribution',
        entityId: contributionId,
        platformId,
        before: contribution,
        after: reversal,
      });
      await markStale(em, platformId, DerivedKind.FundingShares);
      await markStale(em, platformId, DerivedKind.Entitlements);
      return this.viewOf(em, contribution, false);
    });
    if (!view.replayed) {
      await this.jobs.enqueueBestEffort({ name: JobName.RecomputeFundingShares, data: { platformId } });
      await this.jobs.enqueueBestEffort({ name: JobName.RecomputeEntitlements, data: { platformId } });
    }
    return view;
  }

  /**
   * A correction of one receipt (recorded twice, the wrong amount): a reversal entry of its
   * posting, referencing it. The contribution stays invoiced and its outstanding amount grows back;
   * record the right receipt afterwards. A receipt is reversed at most once.
   */
  async reverseReceipt(
    actor: Actor,
    platformId: string,
    contributionId: string,
    receiptId: string,
    idempotencyKey: string,
    input: { reversedOn: LocalDate; reason: string },
  ): Promise<ContributionView> {
    const hash = requestHash({ op: 'contribution.receipt_reverse', platformId, contributionId, receiptId, ...input });
    return this.dataSource.transaction(async (em) => {
      const contribution = await em.findOne(Contribution, { where: { id: contributionId, platformId }, lock: { mode: 'pessimistic_write' } });
      if (!contribution) throw contributionNotFound(contributionId);
      const receipt = await em.findOne(ContributionReceipt, { where: { id: receiptId, contributionId } });
      if (!receipt) throw DomainError.notFound('CONTRIBUTION.RECEIPT_NOT_FOUND', `receipt ${receiptId} of contribution ${contributionId} does not exist`);
      const done = await em.findOne(ContributionReceiptReversal, { where: { receiptId } });
      if (done) {
        if (done.idempotencyKey === idempotencyKey) {
          await this.ledger.findReplay(em, platformId, `receipt-reversal:${idempotencyKey}`, hash);
          return this.viewOf(em, contribution, true);
        }
        throw DomainError.conflict('CONTRIBUTION.RECEIPT_ALREADY_REVERSED', `receipt ${receiptId} was already reversed`);
      }
      if (await em.findOne(ContributionReversal, { where: { contributionId } })) {
        throw DomainError.conflict('CONTRIBUTION.REVERSED', 'the contribution was reversed with all its receipts');
      }
      if (input.reversedOn < receipt.receivedOn) {
        throw DomainError.validation('CONTRIBUTION.REVERSED_BEFORE_RECEIPT', 'reversedOn cannot be before the receipt', { field: 'reversedOn' });
      }
      const posted = await this.ledger.reverse(em, actor, {
        platformId,
        entryId: receipt.entryId,
        entryDate: input.reversedOn,
        reason: input.reason,
        idempotencyKey: `receipt-reversal:${idempotencyKey}`,
        requestHash: hash,
      });
      const reversal = em.create(ContributionReceiptReversal, {
        receiptId,
        reversedOn: input.reversedOn,
        reason: input.reason,
        entryId: posted.entry.id,
        idempotencyKey,
        createdByTokenId: actor.tokenId,
      });
      await em.insert(ContributionReceiptReversal, reversal);
      await this.audit.record(em, actor, {
        action: 'contribution.receipt_reversed',
        entityType: 'contribution',
        entityId: contributionId,
        platformId,
        before: receipt,
        after: reversal,
      });
      return this.viewOf(em, contribution, false);
    });
  }

  private async viewOf(em: EntityManager, contribution: Contribution, replayed: boolean): Promise<ContributionView> {
    const [view] = await this.viewsOf(em, [contribution], replayed);
    return view;
  }

  private async viewsOf(em: EntityManager, contributions: Contribution[], replayed = false): Promise<ContributionView[]> {
    const ids = contributions.map((c) => c.id);
    const receipts = ids.length ? await em.find(ContributionReceipt, { where: { contributionId: In(ids) }, order: { receivedOn: 'ASC' } }) : [];
    const reversals = ids.length ? await em.find(ContributionReversal, { where: { contributionId: In(ids) } }) : [];
    const receiptReversals = receipts.length
      ? await em.find(ContributionReceiptReversal, { where: { receiptId: In(receipts.map((r) => r.id)) } })
      : [];
    return contributions.map((contribution) => {
      const own: ReceiptView[] = receipts
        .filter((r) => r.contributionId === contribution.id)
        .map((r) => ({ ...r, reversal: receiptReversals.find((x) => x.receiptId === r.id) ?? null }));
      const reversal = reversals.find((r) => r.contributionId === contribution.id) ?? null;
      const invoicedYen = contribution.directCostYen + contribution.overheadYen;
      const receivedYen = own.filter((r) => !r.reversal).reduce((sum, r) => sum + r.amountYen, 0n);
      return {
        contribution,
        receipts: own,
        reversal,
        invoicedYen,
        receivedYen,
        outstandingYen: reversal ? 0n : invoicedYen - receivedYen,
        replayed,
      };
    });
  }

  /** A member sees only its own organisation's contributions. */
  async list(actor: Actor, platformId: string, q: ContributionQuery): Promise<ContributionView[]> {
    const qb = this.dataSource
      .getRepository(Contribution)
      .createQueryBuilder('c')
      .where('c.platform_id = :platformId', { platformId })
      .orderBy('c.invoiced_on', 'ASC')
      .addOrderBy('c.created_at', 'ASC')
      .take(q.limit)
      .skip(q.offset);
    if (q.fiscalYear !== undefined) qb.andWhere('c.fiscal_year = :fy', { fy: q.fiscalYear });
    if (q.projectId) qb.andWhere('c.project_id = :projectId', { projectId: q.projectId });
    if (q.organisationId) qb.andWhere('c.organisation_id = :org', { org: q.organisationId });
    if (isMember(actor)) qb.andWhere('c.organisation_id = :own', { own: actor.organisationId });
    return this.viewsOf(this.dataSource.manager, await qb.getMany());
  }

  async get(actor: Actor, platformId: string, id: string): Promise<ContributionView> {
    const contribution = await this.dataSource.getRepository(Contribution).findOne({ where: { id, platformId } });
    if (!contribution || (isMember(actor) && contribution.organisationId !== actor.organisationId)) throw contributionNotFound(id);
    return this.viewOf(this.dataSource.manager, contribution, false);
  }
}
