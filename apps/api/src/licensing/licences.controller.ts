import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Reply } from '../http/reply';
import { Actor, isMember } from '@app/access';
import { parseYen } from '@app/kernel';
import { LicensingService, LicensingStatementsService } from '@app/licensing';
import { organisationNotFound } from '@app/membership';
import { PlatformService } from '@app/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { ApiIdempotencyKey, IdempotencyKey, markReplay } from '../http/idempotency';
import { jsonSafe } from '../http/json-safe';
import { UuidPipe } from '../http/uuid.pipe';
import {
  CreateCommercialisationDto,
  CreateLicenceReceiptDto,
  CreateRoyaltyReportDto,
  LicenceStatementQueryDto,
  LicensingReversalDto,
  TerminateLicenceDto,
} from './licensing.dto';
import { presentLicence, presentReport } from './present';

@ApiTags('licensing')
@Controller('platforms/:platformId')
export class LicencesController {
  constructor(
    private readonly licensing: LicensingService,
    private readonly statements: LicensingStatementsService,
    private readonly platforms: PlatformService,
  ) {}

  @Get('licences')
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({ summary: 'Licence agreements (a member token sees only its own)' })
  @ApiOkResponse({
    description: 'licences with reports, receipts, income shares and commercialisations',
  })
  @ApiErrors(400, 404)
  async list(@CurrentActor() actor: Actor, @Param('platformId', UuidPipe) platformId: string) {
    await this.platforms.get(actor, platformId);
    return (await this.licensing.listLicences(actor, platformId)).map(presentLicence);
  }

  @Get('licences/:licenceId')
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({
    summary:
      'A licence agreement: licensee, assets, field, territory, exclusivity, term, fees, royalty, minimum, discount, status',
  })
  @ApiOkResponse({ description: 'the licence' })
  @ApiErrors(400, 404)
  async get(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('licenceId', UuidPipe) licenceId: string,
  ) {
    await this.platforms.get(actor, platformId);
    return presentLicence(await this.licensing.getLicence(actor, platformId, licenceId));
  }

  @Post('licences/:licenceId/royalty-reports')
  @Roles('member')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary:
      'Report net sales for a period (the licensee): royalties = net sales × royalty bp (truncated), topped up to the annual minimum when the report closes a full licence year; invoiced to the ledger',
  })
  @ApiCreatedResponse({ description: 'the licence, with `report`' })
  @ApiErrors(400, 404, 409, 422)
  async report(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('licenceId', UuidPipe) licenceId: string,
    @IdempotencyKey() key: string,
    @Body() dto: CreateRoyaltyReportDto,
    @Res({ passthrough: true }) res: Reply,
  ) {
    await this.platforms.get(actor, platformId);
    const view = await this.licensing.report(actor, platformId, licenceId, key, {
      ...dto,
      netSalesYen: parseYen(dto.netSalesYen, 'netSalesYen'),
    });
    markReplay(res, view.replayed);
    return { ...presentLicence(view), report: presentReport(view.report) };
  }

  @Post('licences/:licenceId/receipts')
  @Roles('admin', 'finance')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary:
      'Licence money received (bank ← receivable), shared at once: IP fund share, the rest over the assets equally and each asset over its owners by share',
  })
  @ApiCreatedResponse({ description: 'the licence, with `receipt` and its income shares' })
  @ApiErrors(400, 404, 409, 422)
  async receive(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('licenceId', UuidPipe) licenceId: string,
    @IdempotencyKey() key: string,
    @Body() dto: CreateLicenceReceiptDto,
    @Res({ passthrough: true }) res: Reply,
  ) {
    await this.platforms.get(actor, platformId);
    const view = await this.licensing.receive(actor, platformId, licenceId, key, {
      receivedOn: dto.receivedOn,
      amountYen: parseYen(dto.amountYen, 'amountYen'),
    });
    markReplay(res, view.replayed);
    const shown = presentLicence(view);
    return { ...shown, receipt: shown.receipts.find((r) => r.id === view.receipt.id) };
  }

  @Post('licences/:licenceId/royalty-reports/:reportId/reversal')
  @Roles('admin', 'finance')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary:
      'Withdraw a royalty report with wrong figures: its invoice is reversed and the licensee reports the period again. Only the latest report of its licence year, and only while its royalties are unpaid.',
  })
  @ApiCreatedResponse({ description: 'the licence, with `report` and its `reversal`' })
  @ApiErrors(400, 404, 409)
  async reverseReport(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('licenceId', UuidPipe) licenceId: string,
    @Param('reportId', UuidPipe) reportId: string,
    @IdempotencyKey() key: string,
    @Body() dto: LicensingReversalDto,
    @Res({ passthrough: true }) res: Reply,
  ) {
    await this.platforms.get(actor, platformId);
    const view = await this.licensing.reverseReport(actor, platformId, licenceId, reportId, key, dto);
    markReplay(res, view.replayed);
    return { ...presentLicence(view), report: presentReport(view.report) };
  }

  @Post('licences/:licenceId/receipts/:receiptId/reversal')
  @Roles('admin', 'finance')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary:
      'Correct one receipt (booked twice, the wrong amount): reversal entries of its income sharing and of the receipt; the licence is outstanding again by that amount. Refused while an owner has been paid out more than it is still owed.',
  })
  @ApiCreatedResponse({ description: 'the licence, with `receipt` and its `reversal`' })
  @ApiErrors(400, 404, 409)
  async reverseReceipt(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('licenceId', UuidPipe) licenceId: string,
    @Param('receiptId', UuidPipe) receiptId: string,
    @IdempotencyKey() key: string,
    @Body() dto: LicensingReversalDto,
    @Res({ passthrough: true }) res: Reply,
  ) {
    await this.platforms.get(actor, platformId);
    const view = await this.licensing.reverseReceipt(actor, platformId, licenceId, receiptId, key, dto);
    markReplay(res, view.replayed);
    const shown = presentLicence(view);
    return { ...shown, receipt: shown.receipts.find((r) => r.id === view.receipt.id) };
  }

  @Post('licences/:licenceId/termination')
  @HttpCode(200)
  @Roles('admin', 'cpo')
  @ApiOperation({
    summary:
      'End a licence before its term: endsOn is its last day; afterwards it no longer conflicts with new licences and takes no royalty report for later days; what was invoiced stays due',
  })
  @ApiOkResponse({ description: 'the licence, status terminated, with its termination' })
  @ApiErrors(400, 404, 409, 422)
  async terminate(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('licenceId', UuidPipe) licenceId: string,
    @Body() dto: TerminateLicenceDto,
  ) {
    await this.platforms.get(actor, platformId);
    return presentLicence(await this.licensing.terminate(actor, platformId, licenceId, { endsOn: dto.endsOn, reason: dto.reason }));
  }

  @Post('licences/:licenceId/commercialisations')
  @Roles('admin', 'cpo', 'member')
  @ApiOperation({
    summary: 'Record a product launched under the licence (the licensee or the CPO)',
  })
  @ApiCreatedResponse({ description: 'the event' })
  @ApiErrors(400, 404)
  async commercialise(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('licenceId', UuidPipe) licenceId: string,
    @Body() dto: CreateCommercialisationDto,
  ) {
    await this.platforms.get(actor, platformId);
    const { createdByTokenId: _by, ...event } = await this.licensing.commercialise(
      actor,
      platformId,
      licenceId,
      dto,
    );
    return event;
  }

  @Get('licences/:licenceId/commercialisations')
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({ summary: 'Commercialisation events of a licence' })
  @ApiOkResponse({ description: 'events by launch date' })
  @ApiErrors(400, 404)
  async commercialisations(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('licenceId', UuidPipe) licenceId: string,
  ) {
    await this.platforms.get(actor, platformId);
    return (await this.licensing.commercialisations(actor, platformId, licenceId)).map(
      ({ createdByTokenId: _by, ...e }) => e,
    );
  }

  @Get('organisations/:organisationId/licence-statement')
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({
    summary:
      "A licensee's statement for a fiscal year: per licence invoiced (upfront, royalties), received, outstanding at year end (members: own only)",
  })
  @ApiOkResponse({ description: 'the statement' })
  @ApiErrors(400, 404)
  async licenseeStatement(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('organisationId', UuidPipe) organisationId: string,
    @Query() q: LicenceStatementQueryDto,
  ) {
    if (isMember(actor) && actor.organisationId !== organisationId)
      throw organisationNotFound(organisationId);
    const platform = await this.platforms.get(actor, platformId);
    return jsonSafe(
      await this.statements.licenseeStatement(
        platformId,
        organisationId,
        q.fiscalYear,
        platform.fiscalYearStartMonth,
      ),
    );
  }

  @Get('organisations/:organisationId/licence-income')
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({
    summary:
      "An owner's share of licence income received in a fiscal year, per licence and asset (members: own only)",
  })
  @ApiOkResponse({ description: 'the statement' })
  @ApiErrors(400, 404)
  async ownerIncome(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('organisationId', UuidPipe) organisationId: string,
    @Query() q: LicenceStatementQueryDto,
  ) {
    if (isMember(actor) && actor.organisationId !== organisationId)
      throw organisationNotFound(organisationId);
    const platform = await this.platforms.get(actor, platformId);
    return jsonSafe(
      await this.statements.ownerIncome(
        platformId,
        organisationId,
        q.fiscalYear,
        platform.fiscalYearStartMonth,
      ),
    );
  }
}
