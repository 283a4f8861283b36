import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    // Rows that record history are never edited in place: a trigger refuses it.
    await q.query(`
      CREATE FUNCTION forbid_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'rows of % are append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
      END $$`);

    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('university','research_agency','company','tlo')),
        company_size text CHECK (company_size IN ('large','sme','startup')),
        country text NOT NULL DEFAULT 'JP',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organisations_company_size CHECK ((kind = 'company') = (company_size IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX organisations_name_key ON organisations (lower(name))`);

    await q.query(`
      CREATE TABLE platforms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        lead_institution_id uuid NOT NULL REFERENCES organisations(id),
        fiscal_year_start_month smallint NOT NULL DEFAULT 4 CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
        established_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX platforms_name_key ON platforms (lower(name))`);

    await q.query(`
      CREATE TABLE policy_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id uuid NOT NULL REFERENCES platforms(id),
        version integer NOT NULL CHECK (version > 0),
        effective_from date NOT NULL,
        overhead_rate_bp integer NOT NULL CHECK (overhead_rate_bp BETWEEN 0 AND 10000),
        standard_overhead_rate_bp integer NOT NULL CHECK (standard_overhead_rate_bp BETWEEN 0 AND 10000),
        member_class_rules jsonb NOT NULL,
        cost_bearing_rules jsonb NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT policy_versions_rates CHECK (standard_overhead_rate_bp <= overhead_rate_bp),
        CONSTRAINT policy_versions_version_key UNIQUE (platform_id, version),
        CONSTRAINT policy_versions_effective_key UNIQUE (platform_id, effective_from)
      )`);
    await q.query(`CREATE TRIGGER policy_versions_append_only BEFORE UPDATE OR DELETE ON policy_versions
      FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);

    await q.query(`
      CREATE TABLE memberships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id uuid NOT NULL REFERENCES platforms(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        role text NOT NULL CHECK (role IN ('lead','member')),
        joined_on date NOT NULL,
        left_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT memberships_dates CHECK (left_on IS NULL OR left_on >= joined_on)
      )`);
    await q.query(`CREATE INDEX memberships_platform_idx ON memberships (platform_id, organisation_id)`);
    await q.query(`CREATE UNIQUE INDEX memberships_open_key ON memberships (platform_id, organisation_id) WHERE left_on IS NULL`);

    await q.query(`
      CREATE TABLE research_projects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id uuid NOT NULL REFERENCES platforms(id),
        code text NOT NULL,
        title text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('cooperative','individual')),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        derived_from_project_id uuid REFERENCES research_projects(id),
        technology_field text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT research_projects_dates CHECK (ends_on >= starts_on),
        CONSTRAINT research_projects_code_key UNIQUE (platform_id, code)
      )`);

    await q.query(`
      CREATE TABLE project_participants (
        project_id uuid NOT NULL REFERENCES research_projects(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        role text NOT NULL CHECK (role IN ('lead','researcher','funder')),
        PRIMARY KEY (project_id, organisation_id)
      )`);
    await q.query(`CREATE INDEX project_participants_org_idx ON project_participants (organisation_id)`);

    await q.query(`
      CREATE TABLE project_funding_sources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES research_projects(id),
        source_kind text NOT NULL CHECK (source_kind IN ('company','public_matching','university')),
        organisation_id uuid REFERENCES organisations(id),
        funder_name text,
        fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 9998),
        planned_amount_yen bigint NOT NULL CHECK (planned_amount_yen > 0),
        CONSTRAINT project_funding_sources_funder CHECK (
          (source_kind = 'public_matching' AND funder_name IS NOT NULL) OR
          (source_kind <> 'public_matching' AND organisation_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX project_funding_sources_project_idx ON project_funding_sources (project_id)`);

    await q.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        label text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin','cpo','finance','member','auditor')),
        organisation_id uuid REFERENCES organisations(id),
        token_hash bytea NOT NULL UNIQUE,
        token_prefix text NOT NULL,
        created_by_token_id uuid REFERENCES api_tokens(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CONSTRAINT api_tokens_member_org CHECK ((role = 'member') = (organisation_id IS NOT NULL))
      )`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_token_id uuid,
        actor_role text NOT NULL,
        actor_label text NOT NULL,
        request_id text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        platform_id uuid,
        before jsonb,
        after jsonb
      )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id)`);
    await q.query(`CREATE INDEX audit_log_platform_idx ON audit_log (platform_id, occurred_at)`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'audit_log',
      'api_tokens',
      'project_funding_sources',
      'project_participants',
      'research_projects',
      'memberships',
      'policy_versions',
      'platforms',
      'organisations',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS forbid_mutation()`);
  }
}
