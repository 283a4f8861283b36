import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, isMember } from '@app/access';
import { EntitlementsService } from '@app/entitlements';
import { DomainError, todayInJapan } from '@app/kernel';
import { PlatformService } from '@app/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { JsonSafe, jsonSafe } from '../http/json-safe';
import { UuidPipe } from '../http/uuid.pipe';
import { AssetRightsQueryDto, MatrixQueryDto, MemberRightsQueryDto, RightsCheckQueryDto } from './entitlements.dto';

/** Cached answers come back as the same object: convert each one once, not on every request. */
const presented = new WeakMap<object, unknown>();
function presentOnce<T extends object>(answer: T): JsonSafe<T> {
  let safe = presented.get(answer) as JsonSafe<T> | undefined;
  if (safe === undefined) {
    safe = jsonSafe(answer);
    presented.set(answer, safe);
  }
  return safe;
}

/**
 * Licence rights (DOMAIN.md §3 "Entitlement"): answers come from the stored member classes and
 * the live histories of assets, membership, ownership and committee decisions as of `on`; each
 * says when its classes were computed and whether a recompute is pending (`stale`).
 */
@ApiTags('entitlements')
@Controller('platforms/:platformId')
export class RightsController {
  constructor(
    private readonly rights: EntitlementsService,
    private readonly platforms: PlatformService,
  ) {}

  @Get('rights')
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({ summary: 'May member M use asset A for this purpose on this date, on what terms, and why (rule, class, contributions, policy version)?' })
  @ApiErrors(400, 404)
  async check(@CurrentActor() actor: Actor, @Param('platformId', UuidPipe) platformId: string, @Query() q: RightsCheckQueryDto) {
    // The hot path: platform visibility is checked inside the check's single statement.
    const organisationId = q.organisationId ?? (isMember(actor) ? actor.organisationId : undefined);
    if (!organisationId) throw DomainError.validation('RIGHTS.ORGANISATION_REQUIRED', 'organisationId is required', { field: 'organisationId' });
    return presentOnce(await this.rights.check(actor, platformId, { organisationId, assetId: q.assetId, purpose: q.purpose, on: q.on ?? todayInJapan() }));
  }

  @Get('organisations/:organisationId/rights')
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({ summary: "A member's rights on every asset of the platform (paged; filter by project, technology field, right, purpose)" })
  @ApiErrors(400, 404)
  async listForMember(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('organisationId', UuidPipe) organisationId: string,
    @Query() q: MemberRightsQueryDto,
  ) {
    await this.platforms.get(actor, platformId);
    return jsonSafe(await this.rights.listForMember(actor, platformId, organisationId, { ...q, on: q.on ?? todayInJapan() }));
  }

  @Get('ip-assets/:assetId/rights')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({ summary: 'Who may use asset P for this purpose (default commercial), on what terms' })
  @ApiErrors(400, 404)
  async forAsset(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Query() q: AssetRightsQueryDto,
  ) {
    await this.platforms.get(actor, platformId);
    return jsonSafe(await this.rights.forAsset(platformId, assetId, { ...q, on: q.on ?? todayInJapan() }));
  }

  @Get('rights/matrix')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({ summary: 'The full rights matrix: members × assets × purposes, paged in that order' })
  @ApiErrors(400, 404)
  async matrix(@CurrentActor() actor: Actor, @Param('platformId', UuidPipe) platformId: string, @Query() q: MatrixQueryDto) {
    await this.platforms.get(actor, platformId);
    return jsonSafe(await this.rights.matrix(platformId, { ...q, on: q.on ?? todayInJapan() }));
  }
}
