/**
 * An asset's rule facts as of a date ($2), from their histories: flags (ip_asset_flag_history),
 * the holder's research consent, the ownership version in force. $1 = platform id. Callers
 * append their own filters (alias `a0` is ip_assets). Checks and listings read these live, as
 * of the date asked; nothing stores them (docs: README "Storage").
 */
export const ASSET_FACTS_SQL = `
  SELECT a0.platform_id, a0.id AS "assetId", a0.origin, a0.project_id AS "projectId", p.kind AS "projectKind",
         a0.holder_organisation_id AS "holderOrganisationId", a0.technology_field AS "technologyField",
         coalesce(f.pooled, a0.pooled) AS pooled, coalesce(f.research_commons, a0.research_commons) AS "researchCommons",
         CASE WHEN a0.origin = 'background' THEN coalesce(hc.consents, false) END AS "holderConsentsToResearchUse",
         coalesce(o.owners, '[]'::jsonb) AS owners
    FROM ip_assets a0
    LEFT JOIN research_projects p ON p.id = a0.project_id
    LEFT JOIN LATERAL (
      SELECT h.pooled, h.research_commons FROM ip_asset_flag_history h
       WHERE h.asset_id = a0.id AND h.effective_from <= $2::date ORDER BY h.effective_from DESC, h.id DESC LIMIT 1
    ) f ON true
    LEFT JOIN LATERAL (
      SELECT c.consents FROM holder_research_consents c
       WHERE c.asset_id = a0.id AND c.effective_from <= $2::date ORDER BY c.effective_from DESC, c.id DESC LIMIT 1
    ) hc ON a0.origin = 'background'
    LEFT JOIN LATERAL (
      SELECT jsonb_agg(jsonb_build_object('organisationId', s.organisation_id, 'shareBp', s.share_bp) ORDER BY s.position) AS owners
        FROM ip_ownership_shares s
       WHERE s.version_id = (SELECT v.id FROM ip_ownership_versions v
                              WHERE v.asset_id = a0.id AND v.effective_from <= $2::date
                              ORDER BY v.effective_from DESC LIMIT 1)
    ) o ON true
   WHERE a0.platform_id = $1`;
