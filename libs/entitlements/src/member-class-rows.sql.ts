/** Stands in for "platform-wide" (project_id NULL) where a join needs an equality; the unique key uses it too. */
const NO_PROJECT = `'00000000-0000-0000-0000-000000000000'::uuid`;

const KEY_COLUMNS = ['organisation_id', 'project_id', 'fiscal_year', 'policy_version_id'] as const;

/** The stored columns a recompute may change, compared with `IS DISTINCT FROM`. */
const SCALAR_COLUMNS = [
  'policy_version',
  'policy_effective_from',
  'window_kind',
  'from_fiscal_year',
  'class_code',
  'benefit',
  'discount_bp',
  'contributed_yen',
  'total_yen',
  'share_bp',
] as const;

/** Every value column, `contributions` last: a set of contribution ids (array order carries no meaning), compared as a set. */
const VALUE_COLUMNS = [...SCALAR_COLUMNS, 'contributions'] as const;

const list = (alias: string, columns: readonly string[]) => columns.map((c) => `${alias}.${c}`).join(', ');

/**
 * The index (1-based) of the first class whose minimum the row reaches: the comparison of
 * `classify()` in policy-terms (share thresholds exactly: contributed × 10000 ≥ minimum × total;
 * yen thresholds directly). Unrolled to a CASE over `maxClasses` array slots rather than a
 * set-returning function per row, which costs more than the rest of the query; slots past a
 * policy's last class are NULL and never match.
 *
 * bigint, not numeric: exact for any yen amount below 9.2 × 10^14 per scope and several times
 * faster; above it PostgreSQL raises "bigint out of range" (the recompute fails, it never
 * answers wrong).
 */
export function firstReachedClassSql(maxClasses: number): string {
  if (!Number.isInteger(maxClasses) || maxClasses < 0) throw new Error(`maxClasses must be a whole number, got ${maxClasses}`);
  if (maxClasses === 0) return 'NULL::int';
  const slots = Array.from({ length: maxClasses }, (_, i) => i + 1);
  const byShare = slots.map((i) => `WHEN t.contributed * 10000 >= w.minimums[${i}] * t.total THEN ${i}`).join(' ');
  const byYen = slots.map((i) => `WHEN t.contributed >= w.minimums[${i}] THEN ${i}`).join(' ');
  return `CASE WHEN t.contributed <= 0 THEN NULL
               WHEN w.threshold_kind = 'share_bp' THEN CASE WHEN t.total > 0 THEN CASE ${byShare} END END
               ELSE CASE ${byYen} END END`;
}

/**
 * ONE statement that computes a platform's member classes for the given class segments and
 * brings entitlement_member_classes to exactly that set, writing only the difference: new rows
 * are inserted, rows whose values changed are updated, rows no longer computed are deleted;
 * equal rows are not touched (no dead tuples, index entries or FK checks for them).
 * $1 = platform id, $2 = segment fiscal years, $3 = segment policy version ids.
 *
 * - Counted contributions: company money, not reversed. A segment counts those of its fiscal
 *   year (window fiscal_year) or of every fiscal year up to it (cumulative).
 * - A cumulative segment counts exactly what the last fiscal year with counted contributions up
 *   to it counts, so classes are computed once per distinct window (`win`: policy version ×
 *   that year), then copied to every segment sharing it (the years after the last contribution).
 * - Per (window, member, project | platform-wide): the member's sum and contribution ids; the
 *   scope's total is everyone's sum in the same window and scope.
 * - The data-modifying CTEs all see the statement's snapshot and act on disjoint rows of `diff`.
 */
export function syncMemberClassRowsSql(maxClasses: number): string {
  return `
    WITH seg AS MATERIALIZED (
      -- The segments with their policy's rules, the class list unpacked once into arrays.
      SELECT s.fiscal_year, pv.id AS policy_version_id, pv.version AS policy_version, pv.effective_from AS policy_effective_from,
             pv.member_class_rules->>'basis' AS basis, pv.member_class_rules->>'window' AS window_kind,
             pv.member_class_rules->>'thresholdKind' AS threshold_kind, cls.minimums, cls.codes, cls.benefits, cls.discounts
        FROM unnest($2::int[], $3::uuid[]) AS s(fiscal_year, policy_version_id)
        JOIN policy_versions pv ON pv.id = s.policy_version_id
       CROSS JOIN LATERAL (
         SELECT array_agg((e.x->>'minimum')::bigint ORDER BY e.i) AS minimums, array_agg(e.x->>'code' ORDER BY e.i) AS codes,
                array_agg(e.x->>'benefit' ORDER BY e.i) AS benefits, array_agg((e.x->>'discountBp')::int ORDER BY e.i) AS discounts
           FROM jsonb_array_elements(pv.member_class_rules->'classes') WITH ORDINALITY AS e(x, i)
       ) cls
    ), counted AS MATERIALIZED (
      SELECT c.id, c.organisation_id, c.project_id, c.fiscal_year, c.direct_cost_yen
        FROM contributions c
       WHERE c.platform_id = $1 AND c.source_kind = 'company'
         AND NOT EXISTS (SELECT 1 FROM contribution_reversals r WHERE r.contribution_id = c.id)
    ), years AS MATERIALIZED (
      SELECT DISTINCT fiscal_year FROM counted
    ), seg_win AS MATERIALIZED (
      -- window_year: the fiscal year whose window the segment counts; NULL = nothing counted yet.
      SELECT s.*, CASE WHEN s.window_kind = 'cumulative'
                       THEN (SELECT max(y.fiscal_year) FROM years y WHERE y.fiscal_year <= s.fiscal_year)
                       ELSE s.fiscal_year END AS window_year
        FROM seg s
    ), win AS (
      SELECT DISTINCT policy_version_id, window_year, basis, window_kind, threshold_kind, minimums, codes, benefits, discounts
        FROM seg_win WHERE window_year IS NOT NULL
    ), own AS (
      -- array_agg without ORDER BY keeps this a hash aggregate: the ids are a set, compared as one.
      SELECT w.policy_version_id, w.window_year, c.organisation_id,
             CASE WHEN w.basis = 'project' THEN c.project_id END AS project_id,
             sum(c.direct_cost_yen)::bigint AS contributed, array_agg(c.id) AS contributions
        FROM win w
        JOIN counted c ON c.fiscal_year <= w.window_year AND (w.window_kind = 'cumulative' OR c.fiscal_year = w.window_year)
       GROUP BY 1, 2, 3, 4
    ), scoped AS (
      SELECT o.*, (sum(o.contributed) OVER (PARTITION BY o.policy_version_id, o.window_year, o.project_id))::bigint AS total
        FROM own o
    ), ranked AS (
      SELECT t.*, w.codes, w.benefits, w.discounts, ${firstReachedClassSql(maxClasses)} AS k
        FROM scoped t
        JOIN win w ON w.policy_version_id = t.policy_version_id AND w.window_year = t.window_year
    ), classified AS MATERIALIZED (
      SELECT policy_version_id, window_year, organisation_id, project_id, contributed, total, contributions,
             codes[k] AS class_code, coalesce(benefits[k], 'research_only') AS benefit, discounts[k] AS discount_bp,
             (CASE WHEN total > 0 THEN contributed * 10000 / total ELSE 0 END)::int AS share_bp
        FROM ranked
    ), computed AS (
      SELECT t.organisation_id, t.project_id, s.fiscal_year, s.policy_version_id, s.policy_version, s.policy_effective_from, s.window_kind,
             CASE WHEN s.window_kind = 'fiscal_year' THEN s.fiscal_year END AS from_fiscal_year,
             t.class_code, t.benefit, t.discount_bp, t.contributed AS contributed_yen, t.total AS total_yen, t.share_bp, t.contributions
        FROM classified t
        JOIN seg_win s ON s.policy_version_id = t.policy_version_id AND s.window_year = t.window_year
    ), stored AS (
      SELECT e.ctid AS row_id, e.* FROM entitlement_member_classes e WHERE e.platform_id = $1
    ), diff AS MATERIALIZED (
      -- row_id NULL: a new row; organisation_id NULL: a stored row no longer computed; else changed values.
      SELECT s.row_id, c.*
        FROM computed c
        FULL JOIN stored s
          ON s.organisation_id = c.organisation_id AND s.fiscal_year = c.fiscal_year AND s.policy_version_id = c.policy_version_id
         AND coalesce(s.project_id, ${NO_PROJECT}) = coalesce(c.project_id, ${NO_PROJECT})
       WHERE s.row_id IS NULL OR c.organisation_id IS NULL
          OR (${list('s', SCALAR_COLUMNS)}) IS DISTINCT FROM (${list('c', SCALAR_COLUMNS)})
          OR NOT (s.contributions @> c.contributions AND s.contributions <@ c.contributions)
    ), deleted AS (
      DELETE FROM entitlement_member_classes e USING diff d
       WHERE d.organisation_id IS NULL AND e.ctid = d.row_id
      RETURNING 1
    ), updated AS (
      UPDATE entitlement_member_classes e SET ${VALUE_COLUMNS.map((c) => `${c} = d.${c}`).join(', ')}
        FROM diff d
       WHERE d.organisation_id IS NOT NULL AND e.ctid = d.row_id
      RETURNING 1
    ), inserted AS (
      INSERT INTO entitlement_member_classes (platform_id, ${KEY_COLUMNS.join(', ')}, ${VALUE_COLUMNS.join(', ')})
      SELECT $1, ${list('d', KEY_COLUMNS)}, ${list('d', VALUE_COLUMNS)} FROM diff d WHERE d.row_id IS NULL
      RETURNING 1
    )
    -- The row count from the windows, so that computed rows stream into the diff instead of being stored twice.
    SELECT coalesce((SELECT sum(x.n * (SELECT count(*) FROM seg_win s WHERE s.policy_version_id = x.policy_version_id AND s.window_year = x.window_year))
              FROM (SELECT policy_version_id, window_year, count(*) AS n FROM classified GROUP BY 1, 2) x), 0)::int AS "rows",
           (SELECT count(*) FROM inserted)::int AS inserted,
           (SELECT count(*) FROM updated)::int AS updated, (SELECT count(*) FROM deleted)::int AS deleted`;
}
