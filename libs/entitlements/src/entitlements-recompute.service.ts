import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ChangeFeed } from '@app/database';
import { DomainError, LocalDate, fiscalYearOf, todayInJapan } from '@app/kernel';
import { DerivedKind, markComputed, requestedVersion } from '@app/queue';
import { ClassSegment, classSegments } from './domain';
import { syncMemberClassRowsSql } from './member-class-rows.sql';

export { ASSET_FACTS_SQL } from './asset-facts.sql';

/** Fiscal years after the last contribution that still get class rows (cumulative windows carry on). */
const YEARS_AHEAD = 2;

/** What a recompute wrote to entitlement_member_classes: only the difference with what was stored. */
export interface ClassRowWrites {
  inserted: number;
  updated: number;
  deleted: number;
}

export interface RecomputeResult {
  version: number;
  /** Class rows the result holds (written or already stored and equal). */
  classRows: number;
  written: ClassRowWrites;
}

interface SegmentInputs {
  m: number;
  versions: { id: string; version: number; effectiveFrom: string; classes: number }[];
  lo: number | null;
  hi: number | null;
}

/** Memory for the recompute's sorts and hash aggregates, for its own transaction only. */
const RECOMPUTE_WORK_MEM = '64MB';

/**
 * Rebuilds a platform's derived rights (README "Storage"): member classes per class segment,
 * in ONE REPEATABLE READ transaction with set-based SQL, like funding shares. The rows and the
 * version they reflect come from one snapshot; only rows that differ from the stored ones are
 * written; a kill at any line rolls back to the previous complete result, and a re-run gives
 * the same rows (and writes none).
 */
@Injectable()
export class EntitlementsRecomputeService {
  private readonly logger = new Logger(EntitlementsRecomputeService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly feed?: ChangeFeed,
  ) {}

  async recompute(platformId: string): Promise<RecomputeResult> {
    const result = await this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const version = await requestedVersion(em, platformId, DerivedKind.Entitlements);
      const { segments, maxClasses } = await this.segments(em, platformId, todayInJapan());
      const { rows, ...written } = await this.syncClassRows(em, platformId, segments, maxClasses);
      await markComputed(em, platformId, DerivedKind.Entitlements, version);
      this.logger.log({ platformId, version, classRows: rows, ...written }, 'entitlements recomputed');
      return { version, classRows: rows, written };
    });
    // This process's rights answers go at once; other processes hear the commit's NOTIFY.
    this.feed?.localChange();
    return result;
  }

  /** Class segments (fiscal year × policy version in force in it) worth storing for this platform. */
  private async segments(em: EntityManager, platformId: string, today: LocalDate): Promise<{ segments: ClassSegment[]; maxClasses: number }> {
    // One round trip; it also turns JIT off for this transaction (compiling the recompute's plan
    // costs more than running it) and gives it room to group contributions in memory (the
    // per-member aggregate keeps an id array per group and spilled to disk at the default).
    const [inputs] = await em.query<SegmentInputs[]>(
      `SELECT p.fiscal_year_start_month AS m,
              (SELECT coalesce(jsonb_agg(jsonb_build_object('id', v.id, 'version', v.version, 'effectiveFrom', v.effective_from::text,
                                                            'classes', jsonb_array_length(v.member_class_rules->'classes'))), '[]')
                 FROM policy_versions v WHERE v.platform_id = p.id) AS versions,
              c.lo, c.hi, set_config('jit', 'off', true) AS jit, set_config('work_mem', '${RECOMPUTE_WORK_MEM}', true) AS work_mem
         FROM platforms p,
              LATERAL (SELECT min(fiscal_year) AS lo, max(fiscal_year) AS hi FROM contributions
                        WHERE platform_id = p.id AND source_kind = 'company') c
        WHERE p.id = $1`,
      [platformId],
    );
    if (!inputs) throw DomainError.notFound('PLATFORM.NOT_FOUND', `platform ${platformId} does not exist`);
    const { m, versions, lo, hi } = inputs;
    if (lo === null || hi === null || versions.length === 0) return { segments: [], maxClasses: 0 };
    const policyYears = versions.map((v) => fiscalYearOf(v.effectiveFrom, m));
    const to = Math.max(hi, fiscalYearOf(today, m), ...policyYears) + YEARS_AHEAD;
    return { segments: classSegments(versions, lo, to, m), maxClasses: Math.max(...versions.map((v) => v.classes)) };
  }

  private async syncClassRows(em: EntityManager, platformId: string, segments: ClassSegment[], maxClasses: number): Promise<ClassRowWrites & { rows: number }> {
    // With no segment the statement still runs: it deletes whatever was stored.
    const [r] = await em.query<(ClassRowWrites & { rows: number })[]>(syncMemberClassRowsSql(maxClasses), [
      platformId,
      segments.map((s) => s.fiscalYear),
      segments.map((s) => s.policyVersionId),
    ]);
    return r;
  }
}
