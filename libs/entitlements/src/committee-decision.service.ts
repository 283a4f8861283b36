import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '@app/access';
import { DomainError, LocalDate } from '@app/kernel';
import { DerivedKind, JobName, JobProducer, markStale } from '@app/queue';
import { rightsAssetNotFound, rightsOrganisationNotFound } from './entitlements.service';

export interface NewCommitteeDecision {
  decidedOn: LocalDate;
  right: 'free' | 'discounted' | 'standard' | 'none';
  discountBp?: number | null;
  holderAccepted?: boolean;
  holderAcceptedOn?: LocalDate | null;
  organisationId?: string | null;
  note?: string | null;
}

export interface CommitteeDecisionView {
  id: string;
  platformId: string;
  assetId: string;
  decidedOn: string;
  right: string;
  discountBp: number | null;
  organisationId: string | null;
  note: string | null;
  holderAccepted: boolean;
  holderAcceptedOn: string | null;
  createdAt: Date;
}

const VIEW_SQL = `
  SELECT d.id, d.platform_id AS "platformId", d.asset_id AS "assetId", d.decided_on::text AS "decidedOn", d.terms_right AS "right",
         d.discount_bp AS "discountBp", d.organisation_id AS "organisationId", d.note,
         (a.decision_id IS NOT NULL) AS "holderAccepted", a.accepted_on::text AS "holderAcceptedOn", d.created_at AS "createdAt"
    FROM committee_decisions d LEFT JOIN committee_decision_acceptances a ON a.decision_id = d.id`;

/**
 * Steering-committee decisions on background IP (Nagoya: business terms decided by the
 * committee, which the holder respects) and the holder's research consent. Both are history:
 * rows are appended, never edited; each change marks the platform's entitlements stale in the
 * same transaction and enqueues their recompute after commit.
 */
@Injectable()
export class CommitteeDecisionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: JobProducer,
  ) {}

  private async backgroundAsset(em: EntityManager, platformId: string, assetId: string): Promise<void> {
    const rows = await em.query<{ origin: string }[]>('SELECT origin FROM ip_assets WHERE id = $1 AND platform_id = $2 FOR SHARE', [assetId, platformId]);
    if (rows.length === 0) throw rightsAssetNotFound(assetId);
    if (rows[0].origin !== 'background') {
      throw DomainError.unprocessable(
        'COMMITTEE.FOREGROUND_ASSET',
        'steering-committee terms and holder consents are for background IP; foreground IP follows the consortium rules',
        { field: 'assetId' },
      );
    }
  }

  private async afterCommit(platformId: string): Promise<void> {
    await this.jobs.enqueueBestEffort({ name: JobName.RecomputeEntitlements, data: { platformId } });
  }

  async record(actor: Actor, platformId: string, assetId: string, input: NewCommitteeDecision): Promise<CommitteeDecisionView> {
    if ((input.right === 'discounted') !== (input.discountBp !== undefined && input.discountBp !== null)) {
      throw DomainError.validation('COMMITTEE.DISCOUNT', 'discounted terms carry discountBp (1..9999); other terms carry none', { field: 'discountBp' });
    }
    if (input.holderAcceptedOn && !input.holderAccepted) {
      throw DomainError.validation('COMMITTEE.ACCEPTANCE', 'holderAcceptedOn needs holderAccepted: true', { field: 'holderAccepted' });
    }
    const acceptedOn = input.holderAccepted ? (input.holderAcceptedOn ?? input.decidedOn) : null;
    if (acceptedOn && acceptedOn < input.decidedOn) {
      throw DomainError.validation('COMMITTEE.ACCEPTED_BEFORE_DECISION', 'the holder cannot accept before the decision', { field: 'holderAcceptedOn' });
    }
    const view = await this.dataSource.transaction(async (em) => {
      await this.backgroundAsset(em, platformId, assetId);
      if (input.organisationId) {
        const org = await em.query<unknown[]>('SELECT 1 FROM organisations WHERE id = $1', [input.organisationId]);
        if (org.length === 0) throw rightsOrganisationNotFound(input.organisationId);
      }
      const [row] = await em.query<{ id: string }[]>(
        `INSERT INTO committee_decisions (platform_id, asset_id, decided_on, terms_right, discount_bp, organisation_id, note, created_by_token_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [platformId, assetId, input.decidedOn, input.right, input.discountBp ?? null, input.organisationId ?? null, input.note ?? null, actor.tokenId],
      );
      if (acceptedOn) {
        await em.query('INSERT INTO committee_decision_acceptances (decision_id, accepted_on, created_by_token_id) VALUES ($1, $2, $3)', [
          row.id,
          acceptedOn,
          actor.tokenId,
        ]);
      }
      const view = await this.viewIn(em, platformId, assetId, row.id);
      await this.audit.record(em, actor, { action: 'committee_decision.recorded', entityType: 'committee_decision', entityId: row.id, platformId, after: view });
      await markStale(em, platformId, DerivedKind.Entitlements);
      return view;
    });
    await this.afterCommit(platformId);
    return view;
  }

  async accept(actor: Actor, platformId: string, assetId: string, decisionId: string, acceptedOn: LocalDate): Promise<CommitteeDecisionView> {
    const view = await this.dataSource.transaction(async (em) => {
      await this.backgroundAsset(em, platformId, assetId);
      const before = await this.viewIn(em, platformId, assetId, decisionId);
      if (before.holderAccepted) {
        throw DomainError.conflict('COMMITTEE.ALREADY_ACCEPTED', `the holder accepted this decision on ${before.holderAcceptedOn}`);
      }
      if (acceptedOn < before.decidedOn) {
        throw DomainError.validation('COMMITTEE.ACCEPTED_BEFORE_DECISION', 'the holder cannot accept before the decision', { field: 'acceptedOn' });
      }
      await em.query('INSERT INTO committee_decision_acceptances (decision_id, accepted_on, created_by_token_id) VALUES ($1, $2, $3)', [
        decisionId,
        acceptedOn,
        actor.tokenId,
      ]);
      const after = await this.viewIn(em, platformId, assetId, decisionId);
      await this.audit.record(em, actor, { action: 'committee_decision.holder_accepted', entityType: 'committee_decision', entityId: decisionId, platformId, before, after });
      await markStale(em, platformId, DerivedKind.Entitlements);
      return after;
    });
    await this.afterCommit(platformId);
    return view;
  }

  async list(platformId: string, assetId: string): Promise<CommitteeDecisionView[]> {
    const asset = await this.dataSource.query<unknown[]>('SELECT 1 FROM ip_assets WHERE id = $1 AND platform_id = $2', [assetId, platformId]);
    if (asset.length === 0) throw rightsAssetNotFound(assetId);
    return this.dataSource.query(`${VIEW_SQL} WHERE d.platform_id = $1 AND d.asset_id = $2 ORDER BY d.decided_on, d.created_at`, [platformId, assetId]);
  }

  /** The holder of background IP accepts (or withdraws) research use inside the consortium from a date. */
  async setResearchConsent(
    actor: Actor,
    platformId: string,
    assetId: string,
    input: { consents: boolean; effectiveFrom: LocalDate; note?: string | null },
  ): Promise<{ assetId: string; consents: boolean; effectiveFrom: string }> {
    await this.dataSource.transaction(async (em) => {
      await this.backgroundAsset(em, platformId, assetId);
      const [row] = await em.query<{ id: string }[]>(
        `INSERT INTO holder_research_consents (platform_id, asset_id, consents, effective_from, note, created_by_token_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text`,
        [platformId, assetId, input.consents, input.effectiveFrom, input.note ?? null, actor.tokenId],
      );
      await this.audit.record(em, actor, { action: 'ip_asset.holder_research_consent', entityType: 'ip_asset', entityId: assetId, platformId, after: { ...input, id: row.id } });
      await markStale(em, platformId, DerivedKind.Entitlements);
    });
    await this.afterCommit(platformId);
    return { assetId, consents: input.consents, effectiveFrom: input.effectiveFrom };
  }

  private async viewIn(em: EntityManager, platformId: string, assetId: string, id: string): Promise<CommitteeDecisionView> {
    const rows = await em.query<CommitteeDecisionView[]>(`${VIEW_SQL} WHERE d.platform_id = $1 AND d.asset_id = $2 AND d.id = $3`, [platformId, assetId, id]);
    if (rows.length === 0) throw DomainError.notFound('COMMITTEE.NOT_FOUND', `committee decision ${id} does not exist`);
    return rows[0];
  }
}
