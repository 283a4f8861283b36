import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Entitlements (docs/entitlements.md): steering-committee decisions and holder consents as
 * append-only history, the history of the pooled / commons flags, and the derived, compact
 * rights tables (member classes per segment, one rule row per asset) a recompute rebuilds.
 */
export class Entitlements1764600000000 implements MigrationInterface {
  name = 'Entitlements1764600000000';

  async up(q: QueryRunner): Promise<void> {
    // Terms for a background asset's business licence (Nagoya: "terms decided by the steering committee").
    await q.query(`
      CREATE TABLE committee_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id uuid NOT NULL REFERENCES platforms(id),
        asset_id uuid NOT NULL,
        decided_on date NOT NULL,
        terms_right text NOT NULL CHECK (terms_right IN ('free','discounted','standard','none')),
        discount_bp integer CHECK (discount_bp BETWEEN 1 AND 9999),
        organisation_id uuid REFERENCES organisations(id),
        note text,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT committee_decisions_asset_fk FOREIGN KEY (asset_id, platform_id) REFERENCES ip_assets(id, platform_id),
        CONSTRAINT committee_decisions_discount CHECK ((terms_right = 'discounted') = (discount_bp IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX committee_decisions_asset_idx ON committee_decisions (asset_id, decided_on)`);
    // The holder's acceptance is a later fact of its own: a row, never an edit of the decision.
    await q.query(`
      CREATE TABLE committee_decision_acceptances (
        decision_id uuid PRIMARY KEY REFERENCES committee_decisions(id),
        accepted_on date NOT NULL,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Background IP: whether the holder accepts research use inside the consortium, from a date.
    await q.query(`
      CREATE TABLE holder_research_consents (
        id bigserial PRIMARY KEY,
        platform_id uuid NOT NULL REFERENCES platforms(id),
        asset_id uuid NOT NULL,
        consents boolean NOT NULL,
        effective_from date NOT NULL,
        note text,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT holder_research_consents_asset_fk FOREIGN KEY (asset_id, platform_id) REFERENCES ip_assets(id, platform_id)
      )`);
    await q.query(`CREATE INDEX holder_research_consents_asset_idx ON holder_research_consents (asset_id, effective_from)`);

    // ip_assets.pooled / research_commons are edited in place; a trigger keeps their history so
    // an as-of check sees the flags as they were. Inserts count from the asset's creation date,
    // edits from the day they are made.
    await q.query(`
      CREATE TABLE ip_asset_flag_history (
        id bigserial PRIMARY KEY,
        asset_id uuid NOT NULL REFERENCES ip_assets(id),
        effective_from date NOT NULL,
        pooled boolean NOT NULL,
        research_commons boolean NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ip_asset_flag_history_asset_idx ON ip_asset_flag_history (asset_id, effective_from, id)`);
    await q.query(`
      CREATE FUNCTION record_ip_asset_flags() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO ip_asset_flag_history (asset_id, effective_from, pooled, research_commons)
          VALUES (NEW.id, NEW.created_on, NEW.pooled, NEW.research_commons);
        ELSIF NEW.pooled IS DISTINCT FROM OLD.pooled OR NEW.research_commons IS DISTINCT FROM OLD.research_commons THEN
          INSERT INTO ip_asset_flag_history (asset_id, effective_from, pooled, research_commons)
          VALUES (NEW.id, greatest((now() AT TIME ZONE 'Asia/Tokyo')::date, NEW.created_on), NEW.pooled, NEW.research_commons);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER ip_assets_flag_history AFTER INSERT OR UPDATE OF pooled, research_commons ON ip_assets
      FOR EACH ROW EXECUTE FUNCTION record_ip_asset_flags()`);
    await q.query(`INSERT INTO ip_asset_flag_history (asset_id, effective_from, pooled, research_commons)
      SELECT id, created_on, pooled, research_commons FROM ip_assets`);

    for (const table of ['committee_decisions', 'committee_decision_acceptances', 'holder_research_consents', 'ip_asset_flag_history']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);
    }

    // Derived: a member's class per (platform, member, project | platform-wide, fiscal year,
    // policy version) — one row per class segment (rights-storage.ts MemberClassRow).
    await q.query(`
      CREATE TABLE entitlement_member_classes (
        platform_id uuid NOT NULL REFERENCES platforms(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        project_id uuid REFERENCES research_projects(id),
        fiscal_year integer NOT NULL,
        policy_version_id uuid NOT NULL REFERENCES policy_versions(id),
        policy_version integer NOT NULL,
        policy_effective_from date NOT NULL,
        window_kind text NOT NULL CHECK (window_kind IN ('fiscal_year','cumulative')),
        from_fiscal_year integer,
        class_code text,
        benefit text NOT NULL CHECK (benefit IN ('free','discount','standard','research_only')),
        discount_bp integer,
        contributed_yen bigint NOT NULL,
        total_yen bigint NOT NULL,
        share_bp integer NOT NULL,
        contributions jsonb NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX entitlement_member_classes_key ON entitlement_member_classes
      (platform_id, organisation_id, fiscal_year, policy_version_id, coalesce(project_id, '00000000-0000-0000-0000-000000000000'::uuid))`);
    // Derived: one rule row per asset, its facts as of the recompute (rights-storage.ts AssetRuleRow);
    // the staff matrix reads it. Checks and member listings read asset facts live, as of the date asked.
    await q.query(`
      CREATE TABLE entitlement_asset_rules (
        platform_id uuid NOT NULL REFERENCES platforms(id),
        asset_id uuid NOT NULL REFERENCES ip_assets(id),
        origin text NOT NULL,
        project_id uuid,
        project_kind text,
        holder_organisation_id uuid,
        holder_consents_to_research_use boolean,
        pooled boolean NOT NULL,
        research_commons boolean NOT NULL,
        technology_field text NOT NULL,
        owners jsonb NOT NULL,
        as_of date NOT NULL,
        PRIMARY KEY (platform_id, asset_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE entitlement_asset_rules');
    await q.query('DROP TABLE entitlement_member_classes');
    await q.query('DROP TRIGGER ip_assets_flag_history ON ip_assets');
    await q.query('DROP FUNCTION record_ip_asset_flags()');
    await q.query('DROP TABLE ip_asset_flag_history');
    await q.query('DROP TABLE holder_research_consents');
    await q.query('DROP TABLE committee_decision_acceptances');
    await q.query('DROP TABLE committee_decisions');
  }
}
