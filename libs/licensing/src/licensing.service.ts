import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { readAll } from '@app/database';
import { Actor, AuditService, isMember } from '@app/access';
import { EntitlementsService } from '@app/entitlements';
import { DomainError, LocalDate, Yen, assertSameRequest, requestHash } from '@app/kernel';
import { Accounts, LedgerService, credit, debit } from '@app/ledger';
import { Commercialisation } from './commercialisation.entity';
import {
  AssetEntitlement,
  AssetOwners,
  CommercialRight,
  ExistingLicence,
  findConflicts,
  licenceYearOf,
  priceLicence,
  royaltyDue,
  shareIncome,
} from './domain';
import { LicenceIncomeShare } from './licence-income-share.entity';
import { LicenceReceipt } from './licence-receipt.entity';
import { LicenceReceiptReversal } from './licence-receipt-reversal.entity';
import { LicenceRequest } from './licence-request.entity';
import { LicenceStandardTerms } from './licence-standard-terms.entity';
import { LicenceTermination } from './licence-termination.entity';
import { REPORT_NOT_WITHDRAWN } from './not-reversed.sql';
import { owedFrom } from './owner-payouts.service';
import { Licence } from './licence.entity';
import { licenceNotFound, licenceRequestNotFound } from './licensing-errors';
import { RoyaltyReport } from './royalty-report.entity';
import { RoyaltyReportReversal } from './royalty-report-reversal.entity';

export interface NewStandardTerms {
  effectiveFrom: LocalDate;
  upfrontFeeYen: Yen;
  royaltyBp: number;
  annualMinimumYen: Yen;
  ipFundShareBp?: number;
}

export interface NewLicenceRequest {
  assetIds: string[];
  fieldOfUse: string;
  territory: string[];
  exclusive: boolean;
  sublicensing: boolean;
  termStart: LocalDate;
  termEnd: LocalDate;
  note?: string | null;
}

export interface NewRoyaltyReport {
  periodStart: LocalDate;
  periodEnd: LocalDate;
  netSalesYen: Yen;
}

export interface NewLicenceReceipt {
  receivedOn: LocalDate;
  amountYen: Yen;
}

export interface ReceiptView extends LicenceReceipt {
  shares: LicenceIncomeShare[];
  /** Set when the receipt was reversed: it no longer counts as received or shared. */
  reversal: LicenceReceiptReversal | null;
}

/** A royalty report with its reversal, if it was withdrawn. */
export type ReportView = RoyaltyReport & { reversal: RoyaltyReportReversal | null };

export interface LicenceView {
  licence: Licence;
  /** Set when the licence was ended before its term. */
  termination: LicenceTermination | null;
  /** Every report, reversed ones included (with their reversal). */
  reports: ReportView[];
  receipts: ReceiptView[];
  commercialisations: Commercialisation[];
  invoicedYen: Yen;
  receivedYen: Yen;
  outstandingYen: Yen;
  replayed: boolean;
}

/**
 * Licence requests priced from entitlements, the CPO's approval with the contract conflict check,
 * royalty reports, receipts and the sharing of licence income. Every money movement is a ledger
 * posting in the same transaction as its record (the ContributionService pattern).
 */
@Injectable()
export class LicensingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly entitlements: EntitlementsService,
    private readonly audit: AuditService,
  ) {}

  // ── standard terms ────────────────────────────────────────────────────────────────────────

  async setTerms(
    actor: Actor,
    platformId: string,
    input: NewStandardTerms,
  ): Promise<LicenceStandardTerms> {
    return this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`licence-terms:${platformId}`]);
      const latest = await em.findOne(LicenceStandardTerms, {
        where: { platformId },
        order: { effectiveFrom: 'DESC' },
      });
      if (latest && latest.effectiveFrom >= input.effectiveFrom) {
        throw DomainError.conflict(
          'LICENCE_TERMS.NOT_AFTER_LATEST',
          `standard terms must take effect after ${latest.effectiveFrom}`,
          {
            field: 'effectiveFrom',
          },
        );
      }
      const terms = await em.save(
        em.create(LicenceStandardTerms, {
          platformId,
          ...input,
          ipFundShareBp: input.ipFundShareBp ?? 3000,
          createdByTokenId: actor.tokenId,
        }),
      );
      await this.audit.record(em, actor, {
        action: 'licence_terms.set',
        entityType: 'licence_standard_terms',
        entityId: terms.id,
        platformId,
        after: terms,
      });
      return terms;
    });
  }

  listTerms(platformId: string): Promise<LicenceStandardTerms[]> {
    return this.dataSource
      .getRepository(LicenceStandardTerms)
      .find({ where: { platformId }, order: { effectiveFrom: 'ASC' } });
  }

  private async termsInForce(
    em: EntityManager,
    platformId: string,
    on: LocalDate,
  ): Promise<LicenceStandardTerms> {
    const terms = await em
      .getRepository(LicenceStandardTerms)
      .createQueryBuilder('t')
      .where('t.platform_id = :platformId AND t.effective_from <= :on', { platformId, on })
      .orderBy('t.effective_from', 'DESC')
      .getOne();
    if (!terms)
      throw DomainError.unprocessable(
        'LICENCE_TERMS.NONE',
        `the platform has no standard licence terms in force on ${on}`,
        { field: 'termStart' },
      );
    return terms;
  }

  // ── requests ──────────────────────────────────────────────────────────────────────────────

  async request(
    actor: Actor,
    platformId: string,
    input: NewLicenceRequest,
  ): Promise<LicenceRequest> {
    if (!isMember(actor))
      throw DomainError.forbidden(
        'AUTH.ROLE_NOT_ALLOWED',
        'licence requests are made by member tokens',
      );
    if (input.termEnd < input.termStart)
      throw DomainError.validation('LICENCE_REQUEST.TERM', 'termEnd cannot be before termStart', {
        field: 'termEnd',
      });
    const assetIds = [...new Set(input.assetIds)];
    const entitlements: AssetEntitlement[] = [];
    for (const assetId of assetIds) {
      const e = await this.entitlements.check(actor, platformId, {
        organisationId: actor.organisationId,
        assetId,
        purpose: 'commercial',
        on: input.termStart,
      });
      entitlements.push({
        assetId,
        right: e.right,
        discountBp: e.discountBp,
        ruleId: e.reason.ruleId,
        text: e.reason.text,
        committeeDecisionId: e.reason.committeeDecisionId,
      });
    }
    return this.dataSource.transaction(async (em) => {
      const standard = await this.termsInForce(em, platformId, input.termStart);
      const priced = priceLicence(standard, entitlements);
      if (priced.kind === 'refused') {
        throw DomainError.unprocessable(
          'LICENCE_REQUEST.NO_RIGHT',
          `no commercial licence is available: ${priced.refusals.map((r) => r.text).join(' ')}`,
          {
            refusals: priced.refusals.map((r) => ({
              assetId: r.assetId,
              right: r.right,
              ruleId: r.ruleId,
              reason: r.text,
            })),
          },
        );
      }
      const request = await em.save(
        em.create(LicenceRequest, {
          platformId,
          organisationId: actor.organisationId,
          assetIds,
          fieldOfUse: input.fieldOfUse.trim(),
          territory: [...new Set(input.territory)],
          exclusive: input.exclusive,
          sublicensing: input.sublicensing,
          termStart: input.termStart,
          termEnd: input.termEnd,
          note: input.note ?? null,
          status: priced.kind === 'priced' ? 'pending' : 'needs_committee',
          standardTermsId: standard.id,
          discountBp: priced.kind === 'priced' ? priced.discountBp : null,
          upfrontFeeYen: priced.kind === 'priced' ? priced.terms.upfrontFeeYen : null,
          royaltyBp: priced.kind === 'priced' ? priced.terms.royaltyBp : null,
          annualMinimumYen: priced.kind === 'priced' ? priced.terms.annualMinimumYen : null,
          ipFundShareBp: standard.ipFundShareBp,
          entitlements,
          createdByTokenId: actor.tokenId,
        }),
      );
      await this.audit.record(em, actor, {
        action: 'licence_request.made',
        entityType: 'licence_request',
        entityId: request.id,
        platformId,
        after: request,
      });
      return request;
    });
  }

  async listRequests(actor: Actor, platformId: string): Promise<LicenceRequest[]> {
    return this.dataSource.getRepository(LicenceRequest).find({
      where: { platformId, ...(isMember(actor) ? { organisationId: actor.organisationId } : {}) },
      order: { createdAt: 'ASC' },
    });
  }

  async getRequest(actor: Actor, platformId: string, id: string): Promise<LicenceRequest> {
    const request = await this.dataSource
      .getRepository(LicenceRequest)
      .findOne({ where: { id, platformId } });
    if (!request || (isMember(actor) && request.organisationId !== actor.organisationId))
      throw licenceRequestNotFound(id);
    return request;
  }

  private async lockPendingRequest(
    em: EntityManager,
    platformId: string,
    id: string,
  ): Promise<LicenceRequest> {
    const request = await em.findOne(LicenceRequest, {
      where: { id, platformId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!request) throw licenceRequestNotFound(id);
    if (request.status === 'approved' || request.status === 'rejected') {
      throw DomainError.conflict(
        'LICENCE_REQUEST.ALREADY_DECIDED',
        `the request was already ${request.status}`,
      );
    }
    return request;
  }

  /**
   * Grants the licence: the conflict check, the licence agreement, and the upfront fee's invoice.
   * Approvals of one platform are serialised (advisory lock), so two conflicting exclusive
   * licences cannot both pass the check.
   */
  async approve(
    actor: Actor,
    platformId: string,
    requestId: string,
    input: { approvedOn: LocalDate },
  ): Promise<LicenceView> {
    return this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`licensing:${platformId}`]);
      const request = await this.lockPendingRequest(em, platformId, requestId);
      if (request.status === 'needs_committee') {
        throw DomainError.unprocessable(
          'LICENCE_REQUEST.NEEDS_COMMITTEE',
          'the steering committee must decide the terms first; reject this request and let the member request again after the decision',
        );
      }
      const active = await em
        .getRepository(Licence)
        .createQueryBuilder('l')
        .where(
          "l.platform_id = :platformId AND l.status = 'active' AND l.asset_ids && :assetIds::uuid[]",
          { platformId, assetIds: request.assetIds },
        )
        .getMany();
      // A licence ended early no longer covers the days after its last one.
      const ended = await em.find(LicenceTermination, { where: { licenceId: In(active.map((l) => l.id)) } });
      const inForce = active.map((l) => {
        const end = ended.find((e) => e.licenceId === l.id)?.endsOn;
        return end && end < l.termEnd ? { ...l, termEnd: end } : l;
      });
      const rights: CommercialRight[] = [];
      if (request.exclusive) {
        for (const assetId of request.assetIds) {
          const page = await this.entitlements.forAsset(platformId, assetId, {
            purpose: 'commercial',
            on: request.termStart,
            limit: 100_000,
            offset: 0,
          });
          rights.push(
            ...page.items.map((r) => ({
              assetId,
              organisationId: r.organisationId,
              right: r.right,
              discountBp: r.discountBp,
              ruleId: r.reason.ruleId,
            })),
          );
        }
      }
      const conflicts = findConflicts(request, inForce satisfies ExistingLicence[], rights);
      if (conflicts.length > 0) {
        throw DomainError.conflict(
          'LICENCE.CONFLICT',
          `the licence conflicts with ${conflicts.length} existing right(s) (コンフリクトチェック)`,
          { conflicts },
        );
      }
      await em.update(
        LicenceRequest,
        { id: request.id },
        { status: 'approved', decidedOn: input.approvedOn, decidedByTokenId: actor.tokenId },
      );
      const licence = em.create(Licence, {
        platformId,
        requestId: request.id,
        organisationId: request.organisationId,
        assetIds: request.assetIds,
        fieldOfUse: request.fieldOfUse,
        territory: request.territory,
        exclusive: request.exclusive,
        sublicensing: request.sublicensing,
        termStart: request.termStart,
        termEnd: request.termEnd,
        upfrontFeeYen: request.upfrontFeeYen as bigint,
        royaltyBp: request.royaltyBp as number,
        annualMinimumYen: request.annualMinimumYen as bigint,
        ipFundShareBp: request.ipFundShareBp as number,
        discountBp: request.discountBp as number,
        entitlements: request.entitlements,
        status: 'active',
        grantedOn: input.approvedOn,
        upfrontEntryId: null,
        createdByTokenId: actor.tokenId,
      });
      licence.id = (await em.query<{ id: string }[]>('SELECT gen_random_uuid() AS id'))[0].id;
      if (licence.upfrontFeeYen > 0n) {
        const posted = await this.ledger.post(em, actor, {
          platformId,
          idempotencyKey: `licence-upfront:${licence.id}`,
          requestHash: requestHash({ op: 'licence.upfront', licenceId: licence.id }),
          entryDate: input.approvedOn,
          kind: 'licence_invoice',
          description: `Upfront fee of licence ${licence.id}`,
          lines: [
            debit(Accounts.companyReceivable(licence.organisationId), licence.upfrontFeeYen),
            credit(Accounts.licenceIncome(), licence.upfrontFeeYen),
          ],
          sourceType: 'licence',
          sourceId: licence.id,
        });
        licence.upfrontEntryId = posted.entry.id;
      }
      await em.insert(Licence, licence);
      await this.audit.record(em, actor, {
        action: 'licence.granted',
        entityType: 'licence',
        entityId: licence.id,
        platformId,
        before: request,
        after: licence,
      });
      return this.viewOf(em, licence, false);
    });
  }

  async reject(
    actor: Actor,
    platformId: string,
    requestId: string,
    input: { reason: string; rejectedOn: LocalDate },
  ): Promise<LicenceRequest> {
    return this.dataSource.transaction(async (em) => {
      const request = await this.lockPendingRequest(em, platformId, requestId);
      await em.update(
        LicenceRequest,
        { id: request.id },
        {
          status: 'rejected',
          decidedOn: input.rejectedOn,
          decisionReason: input.reason,
          decidedByTokenId: actor.tokenId,
        },
      );
      const after = await em.findOneOrFail(LicenceRequest, { where: { id: request.id } });
      await this.audit.record(em, actor, {
        action: 'licence_request.rejected',
        entityType: 'licence_request',
        entityId: request.id,
        platformId,
        before: request,
        after,
      });
      return after;
    });
  }

  // ── licences ──────────────────────────────────────────────────────────────────────────────

  async listLicences(
    actor: Actor,
    platformId: string,
    organisationId?: string,
  ): Promise<LicenceView[]> {
    const own = isMember(actor) ? actor.organisationId : organisationId;
    const licences = await this.dataSource
      .getRepository(Licence)
      .find({
        where: { platformId, ...(own ? { organisationId: own } : {}) },
        order: { grantedOn: 'ASC', createdAt: 'ASC' },
      });
    return this.viewsOf(this.dataSource.manager, licences, false);
  }

  async getLicence(actor: Actor, platformId: string, id: string): Promise<LicenceView> {
    return this.viewOf(
      this.dataSource.manager,
      await this.findLicence(this.dataSource.manager, actor, platformId, id),
      false,
    );
  }

  private async findLicence(
    em: EntityManager,
    actor: Actor,
    platformId: string,
    id: string,
    lock = false,
  ): Promise<Licence> {
    const licence = await em.findOne(Licence, {
      where: { id, platformId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!licence || (isMember(actor) && licence.organisationId !== actor.organisationId))
      throw licenceNotFound(id);
    return licence;
  }

  /**
   * Ends a licence before its term (the licensee withdrew, a breach, a settlement): `endsOn` is its
   * last day. From the next day it no longer conflicts with new licences and takes no royalty
   * report; what was invoiced stays due. Once per licence; audited.
   */
  async terminate(actor: Actor, platformId: string, licenceId: string, input: { endsOn: LocalDate; reason: string }): Promise<LicenceView> {
    return this.dataSource.transaction(async (em) => {
      // The same lock as approvals, so a conflict check sees the licence either whole or ended.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`licensing:${platformId}`]);
      const licence = await this.findLicence(em, actor, platformId, licenceId, true);
      const earlier = await em.findOne(LicenceTermination, { where: { licenceId } });
      if (earlier) {
        throw DomainError.conflict('LICENCE.ALREADY_TERMINATED', `the licence already ended on ${earlier.endsOn}`, { endsOn: earlier.endsOn });
      }
      if (input.endsOn < licence.grantedOn || input.endsOn >= licence.termEnd) {
        throw DomainError.unprocessable(
          'LICENCE.TERMINATION_OUTSIDE_TERM',
          `endsOn must fall between the grant (${licence.grantedOn}) and the day before the term's end (${licence.termEnd})`,
          { field: 'endsOn' },
        );
      }
      const termination = em.create(LicenceTermination, { licenceId, endsOn: input.endsOn, reason: input.reason, createdByTokenId: actor.tokenId });
      await em.insert(LicenceTermination, termination);
      await this.audit.record(em, actor, {
        action: 'licence.terminated',
        entityType: 'licence',
        entityId: licenceId,
        platformId,
        after: { endsOn: input.endsOn, reason: input.reason },
      });
      return this.viewOf(em, licence, false);
    });
  }

  // ── royalty reports ───────────────────────────────────────────────────────────────────────

  async report(
    actor: Actor,
    platformId: string,
    licenceId: string,
    idempotencyKey: string,
    input: NewRoyaltyReport,
  ): Promise<LicenceView & { report: RoyaltyReport }> {
    const hash = requestHash({ op: 'licence.royalty_report', platformId, licenceId, ...input });
    return this.dataSource.transaction(async (em) => {
      const licence = await this.findLicence(em, actor, platformId, licenceId, true);
      const existing = await em
        .getRepository(RoyaltyReport)
        .createQueryBuilder('r')
        .addSelect('r.requestHash')
        .where('r.licence_id = :licenceId AND r.idempotency_key = :idempotencyKey', {
          licenceId,
          idempotencyKey,
        })
        .getOne();
      if (existing) {
        assertSameRequest(existing.requestHash, hash, { reportId: existing.id });
        const { requestHash: _h, ...report } = existing;
        return { ...(await this.viewOf(em, licence, true)), report: report as RoyaltyReport };
      }
      if (input.periodEnd < input.periodStart)
        throw DomainError.validation('ROYALTY.PERIOD', 'periodEnd cannot be before periodStart', {
          field: 'periodEnd',
        });
      const termination = await em.findOne(LicenceTermination, { where: { licenceId } });
      if (termination && input.periodEnd > termination.endsOn) {
        throw DomainError.unprocessable('LICENCE.ENDED', `the licence ended on ${termination.endsOn}; a report cannot cover later days`, {
          field: 'periodEnd',
          endsOn: termination.endsOn,
        });
      }
      const year = licenceYearOf(licence, input.periodStart);
      if (input.periodEnd > year.end) {
        throw DomainError.unprocessable(
          'ROYALTY.PERIOD_SPANS_LICENCE_YEARS',
          `a report covers one licence year at most: year ${year.index} ends on ${year.end}`,
          {
            field: 'periodEnd',
          },
        );
      }
      const overlapping = await em
        .getRepository(RoyaltyReport)
        .createQueryBuilder('r')
        .where('r.licence_id = :licenceId AND r.period_start <= :end AND r.period_end >= :start', {
          licenceId,
          start: input.periodStart,
          end: input.periodEnd,
        })
        .andWhere(REPORT_NOT_WITHDRAWN)
        .getOne();
      if (overlapping) {
        throw DomainError.conflict(
          'ROYALTY.PERIOD_ALREADY_REPORTED',
          `report ${overlapping.id} already covers ${overlapping.periodStart} … ${overlapping.periodEnd}`,
        );
      }
      const [{ sum }] = await em.query<{ sum: string }[]>(
        `SELECT coalesce(sum(royalty_yen), 0)::text AS sum FROM licence_royalty_reports r
          WHERE licence_id = $1 AND licence_year = $2 AND ${REPORT_NOT_WITHDRAWN}`,
        [licenceId, year.index],
      );
      const due = royaltyDue({
        netSalesYen: input.netSalesYen,
        royaltyBp: licence.royaltyBp,
        annualMinimumYen: licence.annualMinimumYen,
        closesFullLicenceYear: year.full && input.periodEnd === year.end,
        earlierRoyaltiesInYearYen: BigInt(sum),
      });
      const report = em.create(RoyaltyReport, {
        licenceId,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        licenceYear: year.index,
        netSalesYen: input.netSalesYen,
        ...due,
        entryId: null,
        idempotencyKey,
        requestHash: hash,
        createdByTokenId: actor.tokenId,
      });
      if (due.dueYen > 0n) {
        const posted = await this.ledger.post(em, actor, {
          platformId,
          idempotencyKey: `licence-royalty:${licenceId}:${idempotencyKey}`,
          requestHash: hash,
          entryDate: input.periodEnd,
          kind: 'licence_invoice',
          description: `Royalties ${input.periodStart} … ${input.periodEnd} of licence ${licenceId}`,
          lines: [
            debit(Accounts.companyReceivable(licence.organisationId), due.dueYen),
            credit(Accounts.licenceIncome(), due.dueYen),
          ],
          sourceType: 'licence',
          sourceId: licenceId,
        });
        report.entryId = posted.entry.id;
      }
      const saved = await em.save(report);
      const { requestHash: _hidden, ...shown } = saved;
      await this.audit.record(em, actor, {
        action: 'licence.royalty_reported',
        entityType: 'licence',
        entityId: licenceId,
        platformId,
        after: shown,
      });
      return { ...(await this.viewOf(em, licence, false)), report: shown as RoyaltyReport };
    });
  }

  /**
   * Withdraws a royalty report with wrong figures: its invoice (if it had one) is reversed and the
   * licensee reports the period again. Only the latest report of its licence year can be withdrawn
   * (a later one's minimum top-up was computed on it), and only while its royalties are not paid
   * (reverse the receipt first). Once per report.
   */
  async reverseReport(
    actor: Actor,
    platformId: string,
    licenceId: string,
    reportId: string,
    idempotencyKey: string,
    input: { reversedOn: LocalDate; reason: string },
  ): Promise<LicenceView & { report: ReportView }> {
    const hash = requestHash({ op: 'licence.royalty_report_reverse', platformId, licenceId, reportId, ...input });
    return this.dataSource.transaction(async (em) => {
      const licence = await this.findLicence(em, actor, platformId, licenceId, true);
      const answer = async (replayed: boolean) => {
        const view = await this.viewOf(em, licence, replayed);
        return { ...view, report: view.reports.find((r) => r.id === reportId) as ReportView };
      };
      const report = await em.findOne(RoyaltyReport, { where: { id: reportId, licenceId } });
      if (!report) throw DomainError.notFound('ROYALTY.REPORT_NOT_FOUND', `royalty report ${reportId} of licence ${licenceId} does not exist`);
      const done = await em
        .getRepository(RoyaltyReportReversal)
        .createQueryBuilder('x')
        .addSelect(['x.idempotencyKey', 'x.requestHash'])
        .where('x.report_id = :reportId', { reportId })
        .getOne();
      if (done) {
        if (done.idempotencyKey !== idempotencyKey) {
          throw DomainError.conflict('ROYALTY.REPORT_ALREADY_REVERSED', `royalty report ${reportId} was already reversed`);
        }
        assertSameRequest(done.requestHash, hash, { reportId });
        return answer(true);
      }
      const [later] = await em.query<{ id: string }[]>(
        `SELECT r.id FROM licence_royalty_reports r
          WHERE r.licence_id = $1 AND r.licence_year = $2 AND r.period_start > $3
            AND ${REPORT_NOT_WITHDRAWN}
          ORDER BY r.period_start LIMIT 1`,
        [licenceId, report.licenceYear, report.periodStart],
      );
      if (later) {
        throw DomainError.conflict('ROYALTY.LATER_REPORT_EXISTS', `report ${later.id} of the same licence year came later; withdraw it first`, {
          reportId: later.id,
        });
      }
      if (input.reversedOn < report.periodEnd) {
        throw DomainError.validation('ROYALTY.REVERSED_BEFORE_PERIOD_END', 'reversedOn cannot be before the end of the reported period', {
          field: 'reversedOn',
        });
      }
      const before = await this.viewOf(em, licence, false);
      if (before.outstandingYen < report.dueYen) {
        throw DomainError.conflict('ROYALTY.ALREADY_PAID', `only ¥${before.outstandingYen} of the licence is unpaid; reverse the receipt first`, {
          outstandingYen: before.outstandingYen.toString(),
          dueYen: report.dueYen.toString(),
        });
      }
      const posted = report.entryId
        ? await this.ledger.reverse(em, actor, {
            platformId,
            entryId: report.entryId,
            entryDate: input.reversedOn,
            reason: input.reason,
            idempotencyKey: `royalty-report-reversal:${idempotencyKey}`,
            requestHash: hash,
          })
        : null;
      await em.insert(RoyaltyReportReversal, {
        reportId,
        reversedOn: input.reversedOn,
        reason: input.reason,
        entryId: posted?.entry.id ?? null,
        idempotencyKey,
        requestHash: hash,
        createdByTokenId: actor.tokenId,
      });
      await this.audit.record(em, actor, {
        action: 'licence.royalty_report_reversed',
        entityType: 'licence',
        entityId: licenceId,
        platformId,
        before: report,
        after: { reportId, reversedOn: input.reversedOn, reason: input.reason },
      });
      return answer(false);
    });
  }

  // ── receipts and income sharing ───────────────────────────────────────────────────────────

  async receive(
    actor: Actor,
    platformId: string,
    licenceId: string,
    idempotencyKey: string,
    input: NewLicenceReceipt,
  ): Promise<LicenceView & { receipt: ReceiptView }> {
    const hash = requestHash({ op: 'licence.receipt', platformId, licenceId, ...input });
    return this.dataSource.transaction(async (em) => {
      const licence = await this.findLicence(em, actor, platformId, licenceId, true);
      const existing = await em
        .getRepository(LicenceReceipt)
        .createQueryBuilder('r')
        .addSelect('r.requestHash')
        .where('r.licence_id = :licenceId AND r.idempotency_key = :idempotencyKey', {
          licenceId,
          idempotencyKey,
        })
        .getOne();
      if (existing) {
        assertSameRequest(existing.requestHash, hash, { receiptId: existing.id });
        const view = await this.viewOf(em, licence, true);
        return { ...view, receipt: view.receipts.find((r) => r.id === existing.id) as ReceiptView };
      }
      const before = await this.viewOf(em, licence, false);
      if (input.amountYen > before.outstandingYen) {
        throw DomainError.unprocessable(
          'LICENCE.RECEIPT_EXCEEDS_OUTSTANDING',
          `¥${before.outstandingYen} is outstanding`,
          {
            field: 'amountYen',
            outstandingYen: before.outstandingYen.toString(),
          },
        );
      }
      if (input.receivedOn < licence.grantedOn) {
        throw DomainError.validation(
          'LICENCE.RECEIVED_BEFORE_GRANT',
          'receivedOn cannot be before the licence was granted',
          { field: 'receivedOn' },
        );
      }
      const receivable = Accounts.companyReceivable(licence.organisationId);
      const receiptEntry = await this.ledger.post(em, actor, {
        platformId,
        idempotencyKey: `licence-receipt:${licenceId}:${idempotencyKey}`,
        requestHash: hash,
        entryDate: input.receivedOn,
        kind: 'licence_receipt',
        description: `Received for licence ${licenceId}`,
        lines: [debit(Accounts.bank(), input.amountYen), credit(receivable, input.amountYen)],
        sourceType: 'licence',
        sourceId: licenceId,
      });
      const sharing = shareIncome(
        input.amountYen,
        licence.ipFundShareBp,
        await this.ownersOn(em, licence.assetIds, input.receivedOn),
      );
      const sharingEntry = await this.ledger.post(em, actor, {
        platformId,
        idempotencyKey: `licence-sharing:${licenceId}:${idempotencyKey}`,
        requestHash: hash,
        entryDate: input.receivedOn,
        kind: 'licence_income_sharing',
        description: `Licence income of licence ${licenceId} shared to the IP fund and the owners`,
        lines: [
          debit(Accounts.licenceIncome(), input.amountYen),
          credit(Accounts.ipFund(), sharing.ipFundYen),
          ...sharing.byOwner.map((o) =>
            credit(Accounts.ownerPayable(o.organisationId), o.amountYen),
          ),
        ],
        sourceType: 'licence',
        sourceId: licenceId,
      });
      const receipt = await em.save(
        em.create(LicenceReceipt, {
          licenceId,
          receivedOn: input.receivedOn,
          amountYen: input.amountYen,
          ipFundYen: sharing.ipFundYen,
          receiptEntryId: receiptEntry.entry.id,
          sharingEntryId: sharingEntry.entry.id,
          idempotencyKey,
          requestHash: hash,
          createdByTokenId: actor.tokenId,
        }),
      );
      await em.insert(
        LicenceIncomeShare,
        sharing.lines.map((l) => ({
          receiptId: receipt.id,
          recipient: l.recipient,
          assetId: l.assetId,
          organisationId: l.organisationId,
          amountYen: l.amountYen,
        })),
      );
      await this.audit.record(em, actor, {
        action: 'licence.income_received',
        entityType: 'licence',
        entityId: licenceId,
        platformId,
        after: {
          receiptId: receipt.id,
          amountYen: input.amountYen,
          ipFundYen: sharing.ipFundYen,
          owners: sharing.byOwner,
        },
      });
      const view = await this.viewOf(em, licence, false);
      return { ...view, receipt: view.receipts.find((r) => r.id === receipt.id) as ReceiptView };
    });
  }

  /**
   * A correction of one receipt (recorded twice, the wrong amount): reversal entries of its
   * sharing and of the receipt itself, referencing them. The licence is outstanding again by the
   * amount. Refused when an owner has since been paid more of its share than it is still owed
   * (the payout would have to be recovered first). A receipt is reversed at most once.
   */
  async reverseReceipt(
    actor: Actor,
    platformId: string,
    licenceId: string,
    receiptId: string,
    idempotencyKey: string,
    input: { reversedOn: LocalDate; reason: string },
  ): Promise<LicenceView & { receipt: ReceiptView }> {
    const hash = requestHash({ op: 'licence.receipt_reverse', platformId, licenceId, receiptId, ...input });
    return this.dataSource.transaction(async (em) => {
      const licence = await this.findLicence(em, actor, platformId, licenceId, true);
      const receipt = await em.findOne(LicenceReceipt, { where: { id: receiptId, licenceId } });
      if (!receipt) throw DomainError.notFound('LICENCE.RECEIPT_NOT_FOUND', `receipt ${receiptId} of licence ${licenceId} does not exist`);
      const done = await em
        .getRepository(LicenceReceiptReversal)
        .createQueryBuilder('x')
        .addSelect('x.idempotencyKey')
        .where('x.receipt_id = :receiptId', { receiptId })
        .getOne();
      const answer = async (replayed: boolean) => {
        const view = await this.viewOf(em, licence, replayed);
        return { ...view, receipt: view.receipts.find((r) => r.id === receiptId) as ReceiptView };
      };
      if (done) {
        if (done.idempotencyKey !== idempotencyKey) {
          throw DomainError.conflict('LICENCE.RECEIPT_ALREADY_REVERSED', `receipt ${receiptId} was already reversed`);
        }
        await this.ledger.findReplay(em, platformId, `licence-receipt-reversal:${idempotencyKey}:receipt`, hash);
        return answer(true);
      }
      if (input.reversedOn < receipt.receivedOn) {
        throw DomainError.validation('LICENCE.REVERSED_BEFORE_RECEIPT', 'reversedOn cannot be before the receipt', { field: 'reversedOn' });
      }
      // Each owner must still be owed its share; the payable rows are locked as payouts lock them.
      const owners = await em.query<{ organisation_id: string; share: string }[]>(
        `SELECT organisation_id, sum(amount_yen)::text AS share FROM licence_income_shares
          WHERE receipt_id = $1 AND recipient = 'owner' GROUP BY organisation_id`,
        [receiptId],
      );
      const accounts = await em.query<{ id: string; code: string }[]>(
        `SELECT id, code FROM ledger_accounts WHERE platform_id = $1 AND code = ANY($2) ORDER BY id FOR UPDATE`,
        [platformId, owners.map((o) => Accounts.ownerPayable(o.organisation_id).code)],
      );
      for (const o of owners) {
        const account = accounts.find((a) => a.code === Accounts.ownerPayable(o.organisation_id).code);
        // The reversal takes the share back from reversedOn on: the owner must be owed it on every day since.
        const still = account ? await owedFrom(em, account.id, input.reversedOn) : 0n;
        if (still < BigInt(o.share)) {
          throw DomainError.conflict(
            'LICENCE.SHARE_ALREADY_PAID_OUT',
            `owner ${o.organisation_id} was paid its share of this receipt: it is owed only ¥${still} from ${input.reversedOn} on`,
            { organisationId: o.organisation_id, shareYen: o.share, payableYen: still.toString() },
          );
        }
      }
      const sharing = await this.ledger.reverse(em, actor, {
        platformId,
        entryId: receipt.sharingEntryId,
        entryDate: input.reversedOn,
        reason: input.reason,
        idempotencyKey: `licence-receipt-reversal:${idempotencyKey}:sharing`,
        requestHash: hash,
      });
      const received = await this.ledger.reverse(em, actor, {
        platformId,
        entryId: receipt.receiptEntryId,
        entryDate: input.reversedOn,
        reason: input.reason,
        idempotencyKey: `licence-receipt-reversal:${idempotencyKey}:receipt`,
        requestHash: hash,
      });
      const reversal = em.create(LicenceReceiptReversal, {
        receiptId,
        reversedOn: input.reversedOn,
        reason: input.reason,
        receiptReversalEntryId: received.entry.id,
        sharingReversalEntryId: sharing.entry.id,
        idempotencyKey,
        createdByTokenId: actor.tokenId,
      });
      await em.insert(LicenceReceiptReversal, reversal);
      await this.audit.record(em, actor, {
        action: 'licence.receipt_reversed',
        entityType: 'licence',
        entityId: licenceId,
        platformId,
        before: receipt,
        after: { receiptId, reversedOn: input.reversedOn, reason: input.reason },
      });
      return answer(false);
    });
  }

  /** Owners of each asset on the date, from the ownership version in force, in registry order. */
  private async ownersOn(
    em: EntityManager,
    assetIds: string[],
    on: LocalDate,
  ): Promise<AssetOwners[]> {
    const rows = await em.query<{ asset_id: string; organisation_id: string; share_bp: number }[]>(
      `SELECT v.asset_id, s.organisation_id, s.share_bp
         FROM ip_ownership_versions v JOIN ip_ownership_shares s ON s.version_id = v.id
        WHERE v.asset_id = ANY($1::uuid[])
          AND v.effective_from = (SELECT max(v2.effective_from) FROM ip_ownership_versions v2 WHERE v2.asset_id = v.asset_id AND v2.effective_from <= $2::date)
        ORDER BY v.asset_id, s.position`,
      [assetIds, on],
    );
    return assetIds.map((assetId) => ({
      assetId,
      owners: rows
        .filter((r) => r.asset_id === assetId)
        .map((r) => ({ organisationId: r.organisation_id, shareBp: r.share_bp })),
    }));
  }

  // ── commercialisations ────────────────────────────────────────────────────────────────────

  async commercialise(
    actor: Actor,
    platformId: string,
    licenceId: string,
    input: { launchedOn: LocalDate; product: string; note?: string | null },
  ): Promise<Commercialisation> {
    return this.dataSource.transaction(async (em) => {
      const licence = await this.findLicence(em, actor, platformId, licenceId);
      if (input.launchedOn < licence.grantedOn) {
        throw DomainError.validation(
          'COMMERCIALISATION.BEFORE_GRANT',
          'launchedOn cannot be before the licence was granted',
          { field: 'launchedOn' },
        );
      }
      const event = await em.save(
        em.create(Commercialisation, {
          licenceId,
          launchedOn: input.launchedOn,
          product: input.product,
          note: input.note ?? null,
          createdByTokenId: actor.tokenId,
        }),
      );
      await this.audit.record(em, actor, {
        action: 'licence.commercialised',
        entityType: 'licence',
        entityId: licenceId,
        platformId,
        after: event,
      });
      return event;
    });
  }

  async commercialisations(
    actor: Actor,
    platformId: string,
    licenceId: string,
  ): Promise<Commercialisation[]> {
    await this.findLicence(this.dataSource.manager, actor, platformId, licenceId);
    return this.dataSource
      .getRepository(Commercialisation)
      .find({ where: { licenceId }, order: { launchedOn: 'ASC', createdAt: 'ASC' } });
  }

  // ── views ─────────────────────────────────────────────────────────────────────────────────

  private async viewOf(
    em: EntityManager,
    licence: Licence,
    replayed: boolean,
  ): Promise<LicenceView> {
    const [view] = await this.viewsOf(em, [licence], replayed);
    return view;
  }

  private async viewsOf(
    em: EntityManager,
    licences: Licence[],
    replayed: boolean,
  ): Promise<LicenceView[]> {
    const ids = licences.map((l) => l.id);
    if (ids.length === 0) return [];
    const [reportRows, receipts, events, terminations, reversals, reportReversals] = await readAll(em, [
      () => em.find(RoyaltyReport, { where: { licenceId: In(ids) }, order: { periodStart: 'ASC' } }),
      () => em.find(LicenceReceipt, { where: { licenceId: In(ids) }, order: { receivedOn: 'ASC', createdAt: 'ASC' } }),
      () => em.find(Commercialisation, { where: { licenceId: In(ids) }, order: { launchedOn: 'ASC' } }),
      () => em.find(LicenceTermination, { where: { licenceId: In(ids) } }),
      () =>
        em
          .getRepository(LicenceReceiptReversal)
          .createQueryBuilder('x')
          .where('x.receipt_id IN (SELECT id FROM licence_receipts WHERE licence_id = ANY(:ids))', { ids })
          .getMany(),
      () =>
        em
          .getRepository(RoyaltyReportReversal)
          .createQueryBuilder('x')
          .where('x.report_id IN (SELECT id FROM licence_royalty_reports WHERE licence_id = ANY(:ids))', { ids })
          .getMany(),
    ] as const);
    const reports: ReportView[] = reportRows.map((r) => ({ ...r, reversal: reportReversals.find((x) => x.reportId === r.id) ?? null }));
    const shares = receipts.length
      ? await em.find(LicenceIncomeShare, {
          where: { receiptId: In(receipts.map((r) => r.id)) },
          order: { id: 'ASC' },
        })
      : [];
    return licences.map((licence) => {
      const own = reports.filter((r) => r.licenceId === licence.id);
      const ownReceipts = receipts
        .filter((r) => r.licenceId === licence.id)
        .map((r) => ({
          ...r,
          shares: shares.filter((s) => s.receiptId === r.id),
          reversal: reversals.find((x) => x.receiptId === r.id) ?? null,
        }));
      const invoicedYen = licence.upfrontFeeYen + own.filter((r) => !r.reversal).reduce((sum, r) => sum + r.dueYen, 0n);
      const receivedYen = ownReceipts.filter((r) => !r.reversal).reduce((sum, r) => sum + r.amountYen, 0n);
      return {
        licence,
        termination: terminations.find((x) => x.licenceId === licence.id) ?? null,
        reports: own,
        receipts: ownReceipts,
        commercialisations: events.filter((e) => e.licenceId === licence.id),
        invoicedYen,
        receivedYen,
        outstandingYen: invoicedYen - receivedYen,
        replayed,
      };
    });
  }
}
