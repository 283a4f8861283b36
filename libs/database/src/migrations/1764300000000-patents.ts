import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The IP registry: Sakura Tool types (data, seeded here), joint-research agreements, IP assets
 * (patent families) with versioned ownership, options from their agreement, inventors, filings
 * per jurisdiction and their status history. History tables are append-only; every ownership
 * version's shares add up to 10000 bp, checked at commit.
 */
export class Patents1764300000000 implements MigrationInterface {
  name = 'Patents1764300000000';

  async up(q: QueryRunner): Promise<void> {
    // さくらツール types 0–10 (S3). Groups of 0–8 and the co-owned terms of 7–8 come from the
    // seed and are fixed by CHECKs; everything else is a product default, editable until verified.
    await q.query(`
      CREATE TABLE sakura_types (
        type smallint PRIMARY KEY CHECK (type BETWEEN 0 AND 10),
        name text NOT NULL,
        type_group text NOT NULL CHECK (type_group IN ('university_owned','company_owned','co_owned','consortium')),
        owner_rule text NOT NULL CHECK (owner_rule IN ('university','company','co_owned')),
        default_university_share_bp integer CHECK (default_university_share_bp BETWEEN 1 AND 9999),
        non_owner_right text NOT NULL CHECK (non_owner_right IN ('non_exclusive_licence','exclusive_licence_option','assignment_option')),
        consideration text NOT NULL CHECK (consideration IN ('free','paid','by_agreement')),
        option_period_months integer CHECK (option_period_months BETWEEN 1 AND 120),
        prior_consent_third_party_licence boolean NOT NULL,
        exclusivity_fee boolean NOT NULL,
        verified boolean NOT NULL DEFAULT false,
        source_note text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sakura_types_share CHECK ((owner_rule = 'co_owned') = (default_university_share_bp IS NOT NULL)),
        CONSTRAINT sakura_types_option CHECK (
          (non_owner_right IN ('exclusive_licence_option','assignment_option')) = (option_period_months IS NOT NULL)),
        CONSTRAINT sakura_types_group_from_seed CHECK (type > 8 OR type_group =
          CASE WHEN type <= 3 THEN 'university_owned' WHEN type <= 6 THEN 'company_owned' ELSE 'co_owned' END),
        CONSTRAINT sakura_types_owner_from_group CHECK (type_group = 'consortium' OR owner_rule =
          CASE type_group WHEN 'university_owned' THEN 'university' WHEN 'company_owned' THEN 'company' ELSE 'co_owned' END),
        CONSTRAINT sakura_types_co_owned_terms CHECK (type NOT IN (7, 8) OR (prior_consent_third_party_licence AND exclusivity_fee))
      )`);
    const fromSeed = 'S3 (MEXT さくらツール, H28): group and owner from the seed';
    const defaults = "right, consideration and option period are product defaults: check them against MEXT's published model contracts";
    const coOwned = `${fromSeed}, with prior blanket consent to third-party licences and a fee for exclusivity; share 50:50 and the rest are product defaults`;
    const consortium = (model: string) =>
      `product default after the ${model} (DOMAIN.md §1); S3 names consortium contracts as a separate tool under study (H29): not checked against MEXT`;
    type SeedRow = [number, string, string, string, number | null, string, string, number | null, boolean, string];
    // prettier-ignore
    const seed: SeedRow[] = [
      // type, name, group, owner rule, default university share, non-owner's right, consideration, option months, 7–8 terms, source
      [0, '類型0（大学帰属）', 'university_owned', 'university', null, 'non_exclusive_licence', 'free', null, false, `${fromSeed}; ${defaults}`],
      [1, '類型1（大学帰属）', 'university_owned', 'university', null, 'non_exclusive_licence', 'paid', null, false, `${fromSeed}; ${defaults}`],
      [2, '類型2（大学帰属）', 'university_owned', 'university', null, 'exclusive_licence_option', 'paid', 12, false, `${fromSeed}; ${defaults}`],
      [3, '類型3（大学帰属）', 'university_owned', 'university', null, 'assignment_option', 'paid', 12, false, `${fromSeed}; ${defaults}`],
      [4, '類型4（企業帰属）', 'company_owned', 'company', null, 'non_exclusive_licence', 'free', null, false, `${fromSeed}; ${defaults}`],
      [5, '類型5（企業帰属）', 'company_owned', 'company', null, 'non_exclusive_licence', 'paid', null, false, `${fromSeed}; ${defaults}`],
      [6, '類型6（企業帰属）', 'company_owned', 'company', null, 'non_exclusive_licence', 'by_agreement', null, false, `${fromSeed}; ${defaults}`],
      [7, '類型7（共有）', 'co_owned', 'co_owned', 5000, 'exclusive_licence_option', 'paid', 12, true, coOwned],
      [8, '類型8（共有）', 'co_owned', 'co_owned', 5000, 'non_exclusive_licence', 'by_agreement', null, true, coOwned],
      [9, '類型9（コンソーシアム）', 'consortium', 'university', null, 'non_exclusive_licence', 'free', null, false, consortium('Tohoku IP Pool')],
      [10, '類型10（コンソーシアム）', 'consortium', 'co_owned', 5000, 'non_exclusive_licence', 'by_agreement', null, false, consortium('Nagoya consortium rules')],
    ];
    for (const [type, name, group, ownerRule, share, right, consideration, months, coOwnedTerms, note] of seed) {
      await q.query(
        `INSERT INTO sakura_types (type, name, type_group, owner_rule, default_university_share_bp, non_owner_right, consideration,
           option_period_months, prior_consent_third_party_licence, exclusivity_fee, verified, source_note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, false, $10)`,
        [type, name, group, ownerRule, share, right, consideration, months, coOwnedTerms, note],
      );
    }

    await q.query(`
      CREATE TABLE joint_research_agreements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id uuid NOT NULL REFERENCES platforms(id),
        project_id uuid NOT NULL REFERENCES research_projects(id),
        sakura_type smallint NOT NULL REFERENCES sakura_types(type),
        university_id uuid NOT NULL REFERENCES organisations(id),
        title text NOT NULL,
        signed_on date NOT NULL,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT joint_research_agreements_platform_key UNIQUE (id, platform_id)
      )`);
    await q.query(
      `CREATE INDEX joint_research_agreements_project_idx ON joint_research_agreements (platform_id, project_id)`,
    );
    await q.query(`
      CREATE TABLE joint_research_agreement_companies (
        agreement_id uuid NOT NULL REFERENCES joint_research_agreements(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        position smallint NOT NULL CHECK (position >= 0),
        PRIMARY KEY (agreement_id, organisation_id),
        CONSTRAINT joint_research_agreement_companies_position_key UNIQUE (agreement_id, position)
      )`);

    await q.query(`
      CREATE TABLE ip_assets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id uuid NOT NULL REFERENCES platforms(id),
        reference text CHECK (reference ~ '^[A-Za-z0-9._/-]{1,50}$'),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
        abstract text,
        technology_field text NOT NULL CHECK (technology_field ~ '^[A-H][0-9]{2}[A-Z]( [1-9][0-9]{0,3}/[0-9]{2,6})?$'),
        origin text NOT NULL CHECK (origin IN ('foreground','background')),
        project_id uuid REFERENCES research_projects(id),
        agreement_id uuid,
        holder_organisation_id uuid REFERENCES organisations(id),
        sakura_type smallint,
        prior_consent_third_party_licence boolean,
        exclusivity_fee boolean,
        owners_from_agreement boolean NOT NULL DEFAULT false,
        pooled boolean NOT NULL DEFAULT false,
        research_commons boolean NOT NULL DEFAULT false,
        confidential boolean NOT NULL DEFAULT false,
        created_on date NOT NULL,
        filed_on date,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ip_assets_platform_key UNIQUE (id, platform_id),
        CONSTRAINT ip_assets_agreement_fk FOREIGN KEY (agreement_id, platform_id) REFERENCES joint_research_agreements(id, platform_id),
        CONSTRAINT ip_assets_origin CHECK (
          (origin = 'foreground' AND project_id IS NOT NULL AND holder_organisation_id IS NULL) OR
          (origin = 'background' AND project_id IS NULL AND agreement_id IS NULL AND holder_organisation_id IS NOT NULL)),
        CONSTRAINT ip_assets_agreement_terms CHECK (
          (agreement_id IS NULL) = (sakura_type IS NULL) AND
          (agreement_id IS NULL) = (prior_consent_third_party_licence IS NULL) AND
          (agreement_id IS NULL) = (exclusivity_fee IS NULL) AND
          (agreement_id IS NOT NULL OR NOT owners_from_agreement))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX ip_assets_reference_key ON ip_assets (platform_id, reference) WHERE reference IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ip_assets_platform_idx ON ip_assets (platform_id, technology_field)`,
    );
    await q.query(`CREATE INDEX ip_assets_project_idx ON ip_assets (project_id)`);

    await q.query(`
      CREATE TABLE ip_asset_inventors (
        asset_id uuid NOT NULL REFERENCES ip_assets(id),
        position smallint NOT NULL CHECK (position >= 0),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        organisation_id uuid REFERENCES organisations(id),
        PRIMARY KEY (asset_id, position)
      )`);

    // What a non-owner party may do with a foreground asset, fixed by its agreement's type when
    // the asset was created (a later edit of the type does not rewrite existing assets).
    await q.query(`
      CREATE TABLE ip_asset_options (
        asset_id uuid NOT NULL REFERENCES ip_assets(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        sakura_type smallint NOT NULL REFERENCES sakura_types(type),
        right_kind text NOT NULL CHECK (right_kind IN ('non_exclusive_licence','exclusive_licence_option','assignment_option')),
        consideration text NOT NULL CHECK (consideration IN ('free','paid','by_agreement')),
        option_period_months integer CHECK (option_period_months BETWEEN 1 AND 120),
        starts_on date NOT NULL,
        ends_on date,
        PRIMARY KEY (asset_id, organisation_id),
        CONSTRAINT ip_asset_options_period CHECK ((option_period_months IS NULL) = (ends_on IS NULL) AND (ends_on IS NULL OR ends_on >= starts_on))
      )`);

    // Ownership is history: each change is a new version from a date; rows are never edited.
    await q.query(`
      CREATE TABLE ip_ownership_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        asset_id uuid NOT NULL REFERENCES ip_assets(id),
        version integer NOT NULL CHECK (version > 0),
        effective_from date NOT NULL,
        reason text,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ip_ownership_versions_version_key UNIQUE (asset_id, version),
        CONSTRAINT ip_ownership_versions_effective_key UNIQUE (asset_id, effective_from)
      )`);
    await q.query(`
      CREATE TABLE ip_ownership_shares (
        version_id uuid NOT NULL REFERENCES ip_ownership_versions(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        position smallint NOT NULL CHECK (position >= 0),
        share_bp integer NOT NULL CHECK (share_bp BETWEEN 1 AND 10000),
        PRIMARY KEY (version_id, organisation_id)
      )`);
    await q.query(
      `CREATE INDEX ip_ownership_shares_org_idx ON ip_ownership_shares (organisation_id)`,
    );
    await q.query(`
      CREATE FUNCTION check_ownership_complete() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target uuid := coalesce(to_jsonb(NEW)->>'version_id', to_jsonb(NEW)->>'id')::uuid;
        total bigint;
      BEGIN
        SELECT coalesce(sum(share_bp), 0) INTO total FROM ip_ownership_shares WHERE version_id = target;
        IF total <> 10000 THEN
          RAISE EXCEPTION 'ownership version % has shares adding up to % bp, not 10000', target, total
            USING ERRCODE = 'P0004';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER ip_ownership_versions_complete AFTER INSERT ON ip_ownership_versions
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_ownership_complete()`);
    await q.query(`CREATE CONSTRAINT TRIGGER ip_ownership_shares_complete AFTER INSERT ON ip_ownership_shares
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_ownership_complete()`);

    await q.query(`
      CREATE TABLE ip_filings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id uuid NOT NULL,
        asset_id uuid NOT NULL,
        jurisdiction text NOT NULL CHECK (jurisdiction ~ '^(PCT|[A-Z]{2})$'),
        parent_filing_id uuid,
        application_number text CHECK (length(application_number) BETWEEN 1 AND 100),
        application_date date,
        priority_date date,
        grant_date date,
        registration_number text CHECK (length(registration_number) BETWEEN 1 AND 100),
        claims_count integer CHECK (claims_count BETWEEN 1 AND 9999),
        entity_status text CHECK (entity_status IN ('standard','small','micro')),
        status text NOT NULL CHECK (status IN ('drafted','filed','examination_requested','granted','lapsed','abandoned','expired')),
        status_effective_on date NOT NULL,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ip_filings_asset_key UNIQUE (id, asset_id),
        CONSTRAINT ip_filings_asset_fk FOREIGN KEY (asset_id, platform_id) REFERENCES ip_assets(id, platform_id),
        -- A national phase entry belongs to the same family as its PCT application.
        CONSTRAINT ip_filings_parent_fk FOREIGN KEY (parent_filing_id, asset_id) REFERENCES ip_filings(id, asset_id),
        CONSTRAINT ip_filings_entity_status CHECK ((jurisdiction = 'US') = (entity_status IS NOT NULL)),
        CONSTRAINT ip_filings_pct_parent CHECK (jurisdiction <> 'PCT' OR parent_filing_id IS NULL),
        CONSTRAINT ip_filings_not_own_parent CHECK (parent_filing_id IS NULL OR parent_filing_id <> id),
        CONSTRAINT ip_filings_priority_date CHECK (priority_date IS NULL OR application_date IS NULL OR priority_date <= application_date),
        CONSTRAINT ip_filings_grant_date CHECK (grant_date IS NULL OR (application_date IS NOT NULL AND grant_date >= application_date)),
        CONSTRAINT ip_filings_filed_dated CHECK (status NOT IN ('filed','examination_requested','granted','expired') OR application_date IS NOT NULL),
        CONSTRAINT ip_filings_granted_dated CHECK (status NOT IN ('granted','expired') OR grant_date IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX ip_filings_asset_idx ON ip_filings (asset_id)`);
    await q.query(`CREATE UNIQUE INDEX ip_filings_application_number_key ON ip_filings (platform_id, jurisdiction, application_number)
      WHERE application_number IS NOT NULL`);

    await q.query(`
      CREATE TABLE ip_filing_status_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        filing_id uuid NOT NULL REFERENCES ip_filings(id),
        from_status text,
        to_status text NOT NULL CHECK (to_status IN ('drafted','filed','examination_requested','granted','lapsed','abandoned','expired')),
        effective_on date NOT NULL,
        note text,
        actor_token_id uuid,
        actor_label text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX ip_filing_status_history_filing_idx ON ip_filing_status_history (filing_id, id)`,
    );

    for (const table of [
      'ip_ownership_versions',
      'ip_ownership_shares',
      'ip_asset_options',
      'ip_filing_status_history',
    ]) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION forbid_mutation()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS ip_filing_status_history, ip_filings, ip_ownership_shares, ip_ownership_versions,
      ip_asset_options, ip_asset_inventors, ip_assets, joint_research_agreement_companies, joint_research_agreements, sakura_types`);
    await q.query(`DROP FUNCTION IF EXISTS check_ownership_complete()`);
  }
}
