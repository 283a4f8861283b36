import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/access';
import { parseYen } from '@app/kernel';
import { LicensingService } from '@app/licensing';
import { PlatformService } from '@app/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { jsonSafe } from '../http/json-safe';
import { UuidPipe } from '../http/uuid.pipe';
import {
  ApproveLicenceRequestDto,
  CreateLicenceRequestDto,
  RejectLicenceRequestDto,
  SetLicenceTermsDto,
} from './licensing.dto';
import { presentLicence, presentRequest } from './present';

@ApiTags('licensing')
@Controller('platforms/:platformId')
export class LicenceRequestsController {
  constructor(
    private readonly licensing: LicensingService,
    private readonly platforms: PlatformService,
  ) {}

  @Post('licence-terms')
  @Roles('admin', 'cpo')
  @ApiOperation({
    summary:
      "Set the platform's standard licence terms from a date (upfront fee, royalty bp, annual minimum, IP-fund share of income)",
  })
  @ApiCreatedResponse({ description: 'the terms version' })
  @ApiErrors(400, 404, 409)
  async setTerms(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Body() dto: SetLicenceTermsDto,
  ) {
    await this.platforms.get(actor, platformId);
    const { createdByTokenId: _by, ...terms } = await this.licensing.setTerms(actor, platformId, {
      ...dto,
      upfrontFeeYen: parseYen(dto.upfrontFeeYen, 'upfrontFeeYen'),
      annualMinimumYen: parseYen(dto.annualMinimumYen, 'annualMinimumYen'),
    });
    return jsonSafe(terms);
  }

  @Get('licence-terms')
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({ summary: 'Every version of the standard licence terms' })
  @ApiOkResponse({ description: 'terms versions, oldest first' })
  @ApiErrors(400, 404)
  async listTerms(@CurrentActor() actor: Actor, @Param('platformId', UuidPipe) platformId: string) {
    await this.platforms.get(actor, platformId);
    return (await this.licensing.listTerms(platformId)).map(({ createdByTokenId: _by, ...t }) =>
      jsonSafe(t),
    );
  }

  @Post('licence-requests')
  @Roles('member')
  @ApiOperation({
    summary:
      "Request a licence (member token, for its own organisation): priced from the member's commercial entitlement on each asset on termStart; refused (422) without a right; needs_committee when the steering committee decides",
  })
  @ApiCreatedResponse({ description: 'the request with its price and the entitlements behind it' })
  @ApiErrors(400, 404, 422)
  async request(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Body() dto: CreateLicenceRequestDto,
  ) {
    await this.platforms.get(actor, platformId);
    return presentRequest(await this.licensing.request(actor, platformId, dto));
  }

  @Get('licence-requests')
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({ summary: 'Licence requests (a member token sees only its own)' })
  @ApiOkResponse({ description: 'requests, oldest first' })
  @ApiErrors(400, 404)
  async list(@CurrentActor() actor: Actor, @Param('platformId', UuidPipe) platformId: string) {
    await this.platforms.get(actor, platformId);
    return (await this.licensing.listRequests(actor, platformId)).map(presentRequest);
  }

  @Get('licence-requests/:requestId')
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({ summary: 'A licence request with its pricing' })
  @ApiOkResponse({ description: 'the request' })
  @ApiErrors(400, 404)
  async get(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('requestId', UuidPipe) requestId: string,
  ) {
    await this.platforms.get(actor, platformId);
    return presentRequest(await this.licensing.getRequest(actor, platformId, requestId));
  }

  @Post('licence-requests/:requestId/approve')
  @Roles('admin', 'cpo')
  @ApiOperation({
    summary:
      'Approve: the conflict check (409 LICENCE.CONFLICT with details.conflicts), then the licence agreement and the upfront fee invoice',
  })
  @ApiCreatedResponse({ description: 'the licence agreement' })
  @ApiErrors(400, 404, 409, 422)
  async approve(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('requestId', UuidPipe) requestId: string,
    @Body() dto: ApproveLicenceRequestDto,
  ) {
    await this.platforms.get(actor, platformId);
    return presentLicence(await this.licensing.approve(actor, platformId, requestId, dto));
  }

  @Post('licence-requests/:requestId/reject')
  @Roles('admin', 'cpo')
  @ApiOperation({ summary: 'Reject a pending (or needs_committee) request with a reason' })
  @ApiCreatedResponse({ description: 'the rejected request' })
  @ApiErrors(400, 404, 409)
  async reject(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('requestId', UuidPipe) requestId: string,
    @Body() dto: RejectLicenceRequestDto,
  ) {
    await this.platforms.get(actor, platformId);
    return presentRequest(await this.licensing.reject(actor, platformId, requestId, dto));
  }
}
