import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/access';
import { MembershipService } from '@app/membership';
import { UuidPipe } from '../http/uuid.pipe';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { ApiErrors } from '../http/api-errors.decorator';
import { CreateOrganisationDto, OrganisationDto } from './membership.dto';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly memberships: MembershipService) {}

  @Post()
  @Roles('admin', 'cpo')
  @ApiOperation({ summary: 'Register an organisation (university, research agency, company with size, TLO)' })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiErrors(400, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.memberships.createOrganisation(actor, dto);
  }

  @Get()
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({ summary: 'List organisations (a member token sees only its own)' })
  @ApiOkResponse({ type: [OrganisationDto] })
  list(@CurrentActor() actor: Actor): Promise<OrganisationDto[]> {
    return this.memberships.listOrganisations(actor);
  }

  @Get(':id')
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({ summary: 'Read one organisation' })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiErrors(400, 404)
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<OrganisationDto> {
    return this.memberships.getOrganisation(actor, id);
  }
}
