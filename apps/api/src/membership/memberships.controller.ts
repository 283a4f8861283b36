import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/access';
import { MembershipService } from '@app/membership';
import { PlatformService } from '@app/platform';
import { UuidPipe } from '../http/uuid.pipe';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { ApiErrors } from '../http/api-errors.decorator';
import { CreateMembershipDto, EndMembershipDto, MembershipDto, MembershipQueryDto } from './membership.dto';

@ApiTags('memberships')
@Controller('platforms/:platformId/memberships')
export class MembershipsController {
  constructor(
    private readonly memberships: MembershipService,
    private readonly platforms: PlatformService,
  ) {}

  @Post()
  @Roles('admin', 'cpo')
  @ApiOperation({ summary: 'Add a member to the platform from a date' })
  @ApiOkResponse({ type: MembershipDto })
  @ApiErrors(400, 404, 409)
  add(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Body() dto: CreateMembershipDto,
  ): Promise<MembershipDto> {
    return this.memberships.addMembership(actor, platformId, dto);
  }

  @Get()
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({ summary: "List the platform's memberships (a member token sees only its own)" })
  @ApiOkResponse({ type: [MembershipDto] })
  @ApiErrors(400, 404)
  async list(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Query() q: MembershipQueryDto,
  ): Promise<MembershipDto[]> {
    await this.platforms.get(actor, platformId);
    return this.memberships.listMemberships(actor, platformId, q.activeOn);
  }

  @Post(':membershipId/end')
  @HttpCode(200)
  @Roles('admin', 'cpo')
  @ApiOperation({ summary: 'End a membership on a date (history is kept)' })
  @ApiOkResponse({ type: MembershipDto })
  @ApiErrors(400, 404, 409)
  end(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('membershipId', UuidPipe) membershipId: string,
    @Body() dto: EndMembershipDto,
  ): Promise<MembershipDto> {
    return this.memberships.endMembership(actor, platformId, membershipId, dto.leftOn);
  }
}
