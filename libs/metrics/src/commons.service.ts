import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AuditService, isMember } from '@app/access';
import { DomainError, LocalDate, todayInJapan } from '@app/kernel';
import { ipAssetNotFound } from '@app/patents';
import { ipcClassOf } from './domain/metrics.calculator';

/**
 * The Research Patent Commons (DOMAIN.md §4, S2): assets their holders opted in, which any
 * domestic institution may use for research, free. The public view is built from an explicit
 * column list: no shares, inventors, costs, licences, projects or notes, and no abstract of a
 * confidential asset.
 */
export interface CommonsAsset {
  id: string;
  platformName: string;
  reference: string | null;
  title: string;
  abstract: string | null;
  technologyField: string;
  ipcClass: string;
  firstFiledYear: number | null;
  holders: string[];
  filings: {
    jurisdiction: string;
    status: string;
    registrationNumber: string | null;
    grantDate: string | null;
  }[];
}

export interface CommonsFilter {
  /** IPC prefix: section, class, subclass or full symbol (already normalised). */
  technologyField?: string;
  /** Calendar year of the first application. */
  year?: number;
  limit: number;
  offset: number;
}

export interface ResearchUse {
  id: string;
  assetId: string;
  organisationId: string;
  organisationName: string;
  purpose: string;
  startedOn: LocalDate;
  createdAt: Date;
}

const FIRST_FILED = `(SELECT min(f.application_date) FROM ip_filings f WHERE f.asset_id = a.id AND f.status <> 'drafted')`;

function commonsAssetNotFound(id: string) {
  return DomainError.notFound(
    'COMMONS.ASSET_NOT_FOUND',
    `asset ${id} is not in the research commons`,
  );
}

@Injectable()
export class CommonsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async catalogue(
    filter: CommonsFilter,
    today: LocalDate = todayInJapan(),
  ): Promise<CommonsAsset[]> {
    const rows: {
      id: string;
      platform_name: string;
      reference: string | null;
      title: string;
      abstract: string | null;
      technology_field: string;
      first_year: number | null;
    }[] = await this.dataSource.query(
      `SELECT a.id, pl.name AS platform_name, a.reference, a.title,
              CASE WHEN a.confidential THEN NULL ELSE a.abstract END AS abstract,
              a.technology_field, extract(year FROM ${FIRST_FILED})::int AS first_year
         FROM ip_assets a JOIN platforms pl ON pl.id = a.platform_id
        WHERE a.research_commons
          AND ($1::text IS NULL OR a.technology_field LIKE $1::text || '%')
          AND ($2::int IS NULL OR extract(year FROM ${FIRST_FILED}) = $2::int)
        ORDER BY a.technology_field, a.title, a.id
        LIMIT $3 OFFSET $4`,
      [filter.technologyField ?? null, filter.year ?? null, filter.limit, filter.offset],
    );
    const ids = rows.map((r) => r.id);
    const holders: { asset_id: string; name: string }[] = ids.length
      ? await this.dataSource.query(
          `SELECT cur.asset_id, o.name
             FROM (SELECT DISTINCT ON (v.asset_id) v.asset_id, v.id FROM ip_ownership_versions v
                    WHERE v.asset_id = ANY($1::uuid[]) AND v.effective_from <= $2 ORDER BY v.asset_id, v.effective_from DESC) cur
             JOIN ip_ownership_shares s ON s.version_id = cur.id JOIN organisations o ON o.id = s.organisation_id
            ORDER BY cur.asset_id, s.position`,
          [ids, today],
        )
      : [];
    const filings: {
      asset_id: string;
      jurisdiction: string;
      status: string;
      registration_number: string | null;
      grant_date: string | null;
    }[] = ids.length
      ? await this.dataSource.query(
          `SELECT f.asset_id, f.jurisdiction, f.status, f.registration_number, f.grant_date::text AS grant_date
             FROM ip_filings f WHERE f.asset_id = ANY($1::uuid[]) AND f.status <> 'drafted'
            ORDER BY f.asset_id, f.application_date NULLS LAST, f.id`,
          [ids],
        )
      : [];
    return rows.map((r) => ({
      id: r.id,
      platformName: r.platform_name,
      reference: r.reference,
      title: r.title,
      abstract: r.abstract,
      technologyField: r.technology_field,
      ipcClass: ipcClassOf(r.technology_field),
      firstFiledYear: r.first_year === null ? null : Number(r.first_year),
      holders: holders.filter((h) => h.asset_id === r.id).map((h) => h.name),
      filings: filings
        .filter((f) => f.asset_id === r.id)
        .map((f) => ({
          jurisdiction: f.jurisdiction,
          status: f.status,
          registrationNumber: f.registration_number,
          grantDate: f.grant_date,
        })),
    }));
  }

  /** Commons assets counted by IPC class × calendar year of first application (null: not filed yet). */
  async patentMap(): Promise<{
    cells: { ipcClass: string; firstFiledYear: number | null; count: number }[];
    total: number;
  }> {
    const rows: { ipc_class: string; year: number | null; n: number }[] =
      await this.dataSource.query(
        `SELECT left(a.technology_field, 3) AS ipc_class, extract(year FROM ${FIRST_FILED})::int AS year, count(*)::int AS n
         FROM ip_assets a WHERE a.research_commons
        GROUP BY 1, 2 ORDER BY 1, 2 NULLS LAST`,
      );
    const cells = rows.map((r) => ({
      ipcClass: r.ipc_class,
      firstFiledYear: r.year === null ? null : Number(r.year),
      count: r.n,
    }));
    return { cells, total: cells.reduce((s, c) => s + c.count, 0) };
  }

  /**
   * An institution registers its research use of a commons asset. Members register for their
   * own organisation; staff name the organisation. Only domestic institutions (country JP).
   */
  async registerUse(
    actor: Actor,
    assetId: string,
    input: { purpose: string; startedOn: LocalDate; organisationId?: string },
  ): Promise<ResearchUse> {
    let organisationId: string;
    if (isMember(actor)) {
      if (input.organisationId !== undefined && input.organisationId !== actor.organisationId) {
        throw DomainError.forbidden(
          'COMMONS.OTHER_ORGANISATION',
          'a member token registers research use for its own organisation only',
          { field: 'organisationId' },
        );
      }
      organisationId = actor.organisationId;
    } else {
      if (!input.organisationId)
        throw DomainError.validation(
          'COMMONS.ORGANISATION_REQUIRED',
          'staff must name the organisationId that uses the asset',
          { field: 'organisationId' },
        );
      organisationId = input.organisationId;
    }
    const id = await this.dataSource.transaction(async (em) => {
      const asset: { platform_id: string }[] = await em.query(
        `SELECT platform_id FROM ip_assets WHERE id = $1 AND research_commons`,
        [assetId],
      );
      if (asset.length === 0) throw commonsAssetNotFound(assetId);
      const org: { country: string }[] = await em.query(
        `SELECT country FROM organisations WHERE id = $1`,
        [organisationId],
      );
      if (org.length === 0)
        throw DomainError.notFound(
          'ORGANISATION.NOT_FOUND',
          `organisation ${organisationId} not found`,
          { field: 'organisationId' },
        );
      if (org[0].country !== 'JP') {
        throw DomainError.unprocessable(
          'COMMONS.NOT_DOMESTIC',
          'the research commons is open to domestic (JP) institutions only',
          { field: 'organisationId' },
        );
      }
      const [row]: { id: string }[] = await em.query(
        `INSERT INTO commons_research_uses (asset_id, organisation_id, purpose, started_on, created_by_token_id)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [assetId, organisationId, input.purpose, input.startedOn, actor.tokenId],
      );
      await this.audit.record(em, actor, {
        action: 'commons_research_use.register',
        entityType: 'commons_research_use',
        entityId: row.id,
        platformId: asset[0].platform_id,
        after: { assetId, organisationId, purpose: input.purpose, startedOn: input.startedOn },
      });
      return row.id;
    });
    return (await this.uses(`u.id = $1`, [id]))[0];
  }

  /**
   * Who uses an asset, as its holder sees it: staff, or a member whose organisation owns the
   * asset today. Anyone else gets the same 404 as for an unknown asset.
   */
  async usesForHolder(
    actor: Actor,
    platformId: string,
    assetId: string,
    today: LocalDate = todayInJapan(),
  ): Promise<ResearchUse[]> {
    const asset: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM ip_assets WHERE id = $1 AND platform_id = $2`,
      [assetId, platformId],
    );
    if (asset.length === 0) throw ipAssetNotFound(assetId);
    if (isMember(actor)) {
      const owner: unknown[] = await this.dataSource.query(
        `SELECT 1 FROM (SELECT v.id FROM ip_ownership_versions v WHERE v.asset_id = $1 AND v.effective_from <= $3
                         ORDER BY v.effective_from DESC LIMIT 1) cur
           JOIN ip_ownership_shares s ON s.version_id = cur.id WHERE s.organisation_id = $2`,
        [assetId, actor.organisationId, today],
      );
      if (owner.length === 0) throw ipAssetNotFound(assetId);
    }
    return this.uses(`u.asset_id = $1`, [assetId]);
  }

  private async uses(where: string, params: unknown[]): Promise<ResearchUse[]> {
    const rows: {
      id: string;
      asset_id: string;
      organisation_id: string;
      name: string;
      purpose: string;
      started_on: string;
      created_at: Date;
    }[] = await this.dataSource.query(
      `SELECT u.id, u.asset_id, u.organisation_id, o.name, u.purpose, u.started_on::text AS started_on, u.created_at
           FROM commons_research_uses u JOIN organisations o ON o.id = u.organisation_id
          WHERE ${where} ORDER BY u.started_on, u.created_at, u.id`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      assetId: r.asset_id,
      organisationId: r.organisation_id,
      organisationName: r.name,
      purpose: r.purpose,
      startedOn: r.started_on,
      createdAt: r.created_at,
    }));
  }
}
