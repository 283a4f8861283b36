import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { readAll } from '@app/database';
import { DomainError, LocalDate, fiscalYearOf, todayInJapan } from '@app/kernel';
import { Actor, AuditService, isMember } from '@app/access';
import { ExchangeRateRecord, MAX_HORIZON_FISCAL_YEARS, YenForecastItem } from '../fees';
import { PatentForecastService } from '../forecast/patent-forecast.service';
import { ForecastOwnerFacts, forecastPortfolio } from '../forecast/portfolio-forecast.calculator';
import { IpFiling } from '../registry/ip-filing.entity';
import { IpAssetService, OwnershipVersionView } from '../registry/ip-asset.service';
import { IpFilingService } from '../registry/ip-filing.service';
import { TERMINAL_FILING_STATUSES } from '../registry/filing-status';
import { filingNotFound } from '../registry/registry-errors';
import { PatentReviewDecision, ReviewDecisionKind } from './patent-review-decision.entity';
import { PatentTakeoverOffer } from './patent-takeover-offer.entity';
import { planAbandon, reviewWindowEnd } from './review-rules.calculator';

export interface ReviewQueueEntry {
  filingId: string;
  assetId: string;
  assetReference: string | null;
  assetTitle: string;
  pooled: boolean;
  jurisdiction: string;
  status: string;
  nextDueOn: LocalDate;
  /** Forecast payments of the filing due within the window, in yen too. */
  nextFees: YenForecastItem[];
  /** Posted patent costs of the filing; 0 until patent cost events are recorded (built separately). */
  costToDateYen: bigint;
  coOwners: { organisationId: string; organisationName: string; shareBp: number }[];
  licensing: { licences: never[]; incomeYen: bigint; explanation: string };
  /** Who may use the asset commercially and on what terms (null when no lookup was given). */
  entitlements: EntitlementHolder[] | null;
  lastDecision: PatentReviewDecision | null;
  openOffer: PatentTakeoverOffer | null;
}

/** An organisation with a commercial right on the asset, as the entitlement engine answers it. */
export interface EntitlementHolder {
  organisationId: string;
  right: string;
  discountBp: number | null;
  ruleId: string;
}

/** Supplied by the caller (the entitlement engine lives above this library). */
export type EntitlementHolderLookup = (assetIds: string[], on: LocalDate) => Promise<Map<string, EntitlementHolder[]>>;

export interface ReviewQueue {
  asOf: LocalDate;
  withinDays: number;
  until: LocalDate;
  entries: ReviewQueueEntry[];
  notes: string[];
}

export interface NewReviewDecision {
  filingId: string;
  decision: ReviewDecisionKind;
  reason: string;
  decidedOn: LocalDate;
  /** Days the other co-owners have to take a co-owned filing over; default 60. */
  offerDays?: number;
}

export interface ReviewDecisionResult {
  decision: PatentReviewDecision;
  offer: PatentTakeoverOffer | null;
  filingStatus: string;
}

export interface OfferResult {
  offer: PatentTakeoverOffer;
  filingStatus: string;
  ownership: OwnershipVersionView | null;
}

const LICENSING_EXPLANATION =
  'licence agreements are a later feature: none are recorded, so there are no licences and no licence income yet';
const COST_NOTE =
  'costToDateYen is 0: patent cost events are not recorded in this database yet (they come with the patent-costs feature)';
const COST_NOTE_RECORDED =
  "costToDateYen sums the filing's patent cost events posted to the ledger (approved or paid; reversed and cancelled ones excluded)";
const ENTITLEMENT_NOTE =
  'entitlements lists the organisations with a commercial right on the asset on asOf (free, discounted or standard), from the entitlement engine';

function offerNotFound(id: string): DomainError {
  return DomainError.notFound('REVIEW.OFFER_NOT_FOUND', `takeover offer ${id} does not exist`);
}

@Injectable()
export class PatentReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly forecasts: PatentForecastService,
    private readonly assets: IpAssetService,
    private readonly filings: IpFilingService,
  ) {}

  /** Filings whose next fee falls due within the window, with what a maintain/abandon review needs. */
  async queue(
    platformId: string,
    input: { withinDays: number; asOf?: LocalDate; rates: readonly ExchangeRateRecord[]; entitlementHolders?: EntitlementHolderLookup },
  ): Promise<ReviewQueue> {
    const em = this.dataSource.manager;
    await this.forecasts.requireAprilFiscalYear(em, platformId);
    const asOf = input.asOf ?? todayInJapan();
    const until = reviewWindowEnd(asOf, input.withinDays);
    const years = Math.min(MAX_HORIZON_FISCAL_YEARS, fiscalYearOf(until) - fiscalYearOf(asOf) + 1);
    const facts = await this.forecasts.loadFilings(em, platformId, asOf);
    const rates = await this.forecasts.ratesFor(em, platformId, input.rates);
    const forecast = forecastPortfolio({ filings: facts, asOf, years, rates, withItems: true });
    const dueSoon = new Map<string, YenForecastItem[]>();
    for (const item of forecast.items) {
      if (item.dueOn > until && item.payOn > until) continue;
      const list = dueSoon.get(item.filingId) ?? [];
      dueSoon.set(item.filingId, list);
      list.push(item);
    }
    const ids = [...dueSoon.keys()];
    const costs = await this.costsToDate(em, ids);
    const assetIds = [...new Set(facts.filter((f) => dueSoon.has(f.filingId)).map((f) => f.assetId))];
    const holders = input.entitlementHolders ? await input.entitlementHolders(assetIds, asOf) : null;
    const [decisions, offers] = ids.length
      ? await readAll(em, [
          () =>
            em
              .getRepository(PatentReviewDecision)
              .createQueryBuilder('d')
              .distinctOn(['d.filing_id'])
              .where('d.filing_id = ANY(:ids)', { ids })
              .orderBy('d.filing_id')
              .addOrderBy('d.decided_on', 'DESC')
              .addOrderBy('d.created_at', 'DESC')
              .getMany(),
          () =>
            em
              .getRepository(PatentTakeoverOffer)
              .createQueryBuilder('o')
              .where('o.filing_id = ANY(:ids)', { ids })
              .andWhere("o.status = 'offered'")
              .getMany(),
        ] as const)
      : [[], []];
    const entries: ReviewQueueEntry[] = [];
    for (const f of facts) {
      const items = dueSoon.get(f.filingId);
      if (!items) continue;
      entries.push({
        filingId: f.filingId,
        assetId: f.assetId,
        assetReference: f.assetReference,
        assetTitle: f.assetTitle,
        pooled: f.pooled,
        jurisdiction: f.jurisdiction,
        status: f.status,
        nextDueOn: items.reduce((min, i) => (i.dueOn < min ? i.dueOn : min), items[0].dueOn),
        nextFees: items,
        costToDateYen: costs.byFiling.get(f.filingId) ?? 0n,
        coOwners: f.owners.map((o: ForecastOwnerFacts) => ({
          organisationId: o.organisationId,
          organisationName: o.organisationName,
          shareBp: o.shareBp,
        })),
        licensing: { licences: [], incomeYen: 0n, explanation: LICENSING_EXPLANATION },
        entitlements: holders ? (holders.get(f.assetId) ?? []) : null,
        lastDecision: decisions.find((d) => d.filingId === f.filingId) ?? null,
        openOffer: offers.find((o) => o.filingId === f.filingId) ?? null,
      });
    }
    entries.sort((a, b) =>
      a.nextDueOn === b.nextDueOn
        ? a.filingId < b.filingId
          ? -1
          : 1
        : a.nextDueOn < b.nextDueOn
          ? -1
          : 1,
    );
    return {
      asOf,
      withinDays: input.withinDays,
      until,
      entries,
      notes: [costs.recorded ? COST_NOTE_RECORDED : COST_NOTE, ENTITLEMENT_NOTE],
    };
  }

  /**
   * Posted patent costs per filing: cost events approved into the ledger (approved or paid, not
   * reversed or cancelled), when the patent-costs tables exist in this database; else none.
   */
  private async costsToDate(
    em: EntityManager,
    filingIds: string[],
  ): Promise<{ recorded: boolean; byFiling: Map<string, bigint> }> {
    const exists: { t: string | null }[] = await em.query(
      `SELECT to_regclass('patent_cost_events')::text AS t`,
    );
    if (!exists[0].t) return { recorded: false, byFiling: new Map() };
    if (filingIds.length === 0) return { recorded: true, byFiling: new Map() };
    const rows: { filing_id: string; yen: string }[] = await em.query(
      `SELECT filing_id, sum(amount_yen)::text AS yen FROM patent_cost_events
        WHERE filing_id = ANY($1::uuid[]) AND status IN ('approved','paid') AND approval_entry_id IS NOT NULL
        GROUP BY filing_id`,
      [filingIds],
    );
    return { recorded: true, byFiling: new Map(rows.map((r) => [r.filing_id, BigInt(r.yen)])) };
  }

  private async requireFiling(
    em: EntityManager,
    platformId: string,
    filingId: string,
  ): Promise<IpFiling> {
    const filing = await em.findOne(IpFiling, {
      where: { id: filingId, platformId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!filing) throw filingNotFound(filingId);
    return filing;
  }

  /**
   * Records the CPO's decision (append-only, audited). Maintain: recorded only. Abandon: a
   * sole-owned filing becomes abandoned on the decision's date (the registry's transition); a
   * co-owned one is offered to the other co-owners until the deadline instead.
   */
  async decide(
    actor: Actor,
    platformId: string,
    input: NewReviewDecision,
  ): Promise<ReviewDecisionResult> {
    return this.dataSource.transaction(async (em) => {
      const filing = await this.requireFiling(em, platformId, input.filingId);
      if (TERMINAL_FILING_STATUSES.includes(filing.status)) {
        throw DomainError.conflict(
          'REVIEW.FILING_NOT_ACTIVE',
          `the filing is ${filing.status}: there is nothing left to decide`,
          {
            status: filing.status,
          },
        );
      }
      const open = await em.findOne(PatentTakeoverOffer, {
        where: { filingId: filing.id, status: 'offered' },
      });
      if (open) {
        throw DomainError.conflict(
          'REVIEW.OFFER_OPEN',
          'a takeover offer for this filing is still open: accept or close it first',
          {
            offerId: open.id,
          },
        );
      }
      let offer: PatentTakeoverOffer | null = null;
      let outcome: PatentReviewDecision['outcome'] = 'maintained';
      let filingStatus: string = filing.status;
      let plan: ReturnType<typeof planAbandon> | null = null;
      if (input.decision === 'abandon') {
        // Owners in force on the decision's date (the latest version on or before it).
        const owners: { organisationId: string; shareBp: number }[] = await em.query(
          `SELECT s.organisation_id AS "organisationId", s.share_bp AS "shareBp"
             FROM ip_ownership_shares s
            WHERE s.version_id = (SELECT id FROM ip_ownership_versions WHERE asset_id = $1 AND effective_from <= $2
                                   ORDER BY effective_from DESC LIMIT 1)
            ORDER BY s.position`,
          [filing.assetId, input.decidedOn],
        );
        const lead: { lead: string }[] = await em.query(
          'SELECT lead_institution_id AS lead FROM platforms WHERE id = $1',
          [platformId],
        );
        plan = planAbandon(owners, lead[0].lead, input.decidedOn, input.offerDays);
        outcome = plan.kind === 'offer' ? 'takeover_offered' : 'abandoned';
      }
      const decision = await em.save(
        em.create(PatentReviewDecision, {
          platformId,
          assetId: filing.assetId,
          filingId: filing.id,
          decision: input.decision,
          reason: input.reason.trim(),
          decidedOn: input.decidedOn,
          outcome,
          createdByTokenId: actor.tokenId,
        }),
      );
      if (plan?.kind === 'offer') {
        offer = await em.save(
          em.create(PatentTakeoverOffer, {
            platformId,
            decisionId: decision.id,
            assetId: filing.assetId,
            filingId: filing.id,
            offeredOn: input.decidedOn,
            deadline: plan.deadline,
            offeredTo: plan.offeredTo,
            status: 'offered',
            takenByOrganisationId: null,
            resolvedOn: null,
            ownershipVersionId: null,
            resolvedAt: null,
          }),
        );
      } else if (plan?.kind === 'abandon') {
        filingStatus = (
          await this.filings.changeStatusIn(em, actor, platformId, filing.assetId, filing.id, {
            status: 'abandoned',
            effectiveOn: input.decidedOn,
            note: `abandon decision ${decision.id}: ${decision.reason}`,
          })
        ).filing.status;
      }
      await this.audit.record(em, actor, {
        action: 'patent_review.decided',
        entityType: 'patent_review_decision',
        entityId: decision.id,
        platformId,
        after: { decision, offer },
      });
      return { decision, offer, filingStatus };
    });
  }

  private async requireOffer(
    em: EntityManager,
    actor: Actor,
    platformId: string,
    offerId: string,
  ): Promise<PatentTakeoverOffer> {
    const offer = await em.findOne(PatentTakeoverOffer, {
      where: { id: offerId, platformId },
      lock: { mode: 'pessimistic_write' },
    });
    // A member only ever sees offers made to its own organisation.
    if (!offer || (isMember(actor) && !offer.offeredTo.includes(actor.organisationId)))
      throw offerNotFound(offerId);
    return offer;
  }

  private assertOpen(offer: PatentTakeoverOffer): void {
    if (offer.status !== 'offered') {
      throw DomainError.conflict('REVIEW.OFFER_SETTLED', `the offer is ${offer.status} already`, {
        status: offer.status,
      });
    }
  }

  /**
   * A co-owner takes the filing over: the asset's ownership moves to it in a new ownership
   * version from `acceptedOn` (it bears the future costs), and the filing stays alive. The CPO
   * records it for the co-owner, or a member token of that co-owner accepts for itself.
   */
  async acceptOffer(
    actor: Actor,
    platformId: string,
    offerId: string,
    input: { organisationId: string; acceptedOn?: LocalDate },
  ): Promise<OfferResult> {
    // A member accepts for its own organisation only; anything else looks like no offer at all.
    if (isMember(actor) && actor.organisationId !== input.organisationId)
      throw offerNotFound(offerId);
    return this.dataSource.transaction(async (em) => {
      const offer = await this.requireOffer(em, actor, platformId, offerId);
      this.assertOpen(offer);
      const acceptedOn = input.acceptedOn ?? todayInJapan();
      if (!offer.offeredTo.includes(input.organisationId)) {
        throw DomainError.unprocessable(
          'REVIEW.NOT_OFFERED_TO',
          'the offer was not made to this organisation',
          {
            field: 'organisationId',
            offeredTo: offer.offeredTo,
          },
        );
      }
      if (acceptedOn < offer.offeredOn || acceptedOn > offer.deadline) {
        throw DomainError.conflict(
          'REVIEW.OFFER_NOT_OPEN_ON',
          `the offer is open from ${offer.offeredOn} to ${offer.deadline}`,
          {
            field: 'acceptedOn',
            offeredOn: offer.offeredOn,
            deadline: offer.deadline,
          },
        );
      }
      const ownership = await this.assets.setOwnersIn(em, actor, platformId, offer.assetId, {
        effectiveFrom: acceptedOn,
        owners: [{ organisationId: input.organisationId, shareBp: 10000 }],
        reason: `takeover of filing ${offer.filingId} (offer ${offer.id}) after an abandon decision`,
      });
      const before = { ...offer };
      offer.status = 'accepted';
      offer.takenByOrganisationId = input.organisationId;
      offer.resolvedOn = acceptedOn;
      offer.ownershipVersionId = ownership.id;
      offer.resolvedAt = new Date();
      await em.save(offer);
      await this.audit.record(em, actor, {
        action: 'patent_review.offer_accepted',
        entityType: 'patent_takeover_offer',
        entityId: offer.id,
        platformId,
        before,
        after: offer,
      });
      const filing = await em.findOneOrFail(IpFiling, { where: { id: offer.filingId } });
      return { offer, filingStatus: filing.status, ownership };
    });
  }

  /** The deadline passed without a taker: the filing is abandoned (registry transition) on `closedOn`. */
  async closeOffer(
    actor: Actor,
    platformId: string,
    offerId: string,
    input: { closedOn?: LocalDate },
  ): Promise<OfferResult> {
    return this.dataSource.transaction(async (em) => {
      const offer = await this.requireOffer(em, actor, platformId, offerId);
      this.assertOpen(offer);
      const closedOn = input.closedOn ?? todayInJapan();
      if (closedOn <= offer.deadline) {
        throw DomainError.conflict(
          'REVIEW.OFFER_STILL_OPEN',
          `the co-owners may take the filing over until ${offer.deadline}`,
          {
            field: 'closedOn',
            deadline: offer.deadline,
          },
        );
      }
      const filing = await this.filings.changeStatusIn(
        em,
        actor,
        platformId,
        offer.assetId,
        offer.filingId,
        {
          status: 'abandoned',
          effectiveOn: closedOn,
          note: `takeover offer ${offer.id} closed without a taker`,
        },
      );
      const before = { ...offer };
      offer.status = 'closed';
      offer.resolvedOn = closedOn;
      offer.resolvedAt = new Date();
      await em.save(offer);
      await this.audit.record(em, actor, {
        action: 'patent_review.offer_closed',
        entityType: 'patent_takeover_offer',
        entityId: offer.id,
        platformId,
        before,
        after: offer,
      });
      return { offer, filingStatus: filing.filing.status, ownership: null };
    });
  }
}
