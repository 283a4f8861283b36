import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/access';
import { todayInJapan } from '@app/kernel';
import { PlatformService } from '@app/platform';
import { UuidPipe } from '../http/uuid.pipe';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { ApiErrors } from '../http/api-errors.decorator';
import { OnDateQueryDto } from '../http/common.dto';
import { CreatePlatformDto, CreatePolicyVersionDto, CreatedPlatformDto, PlatformDto, PolicyVersionDto } from './platform.dto';

@ApiTags('platforms')
@Controller('platforms')
export class PlatformsController {
  constructor(private readonly platforms: PlatformService) {}

  @Post()
  @Roles('admin', 'cpo')
  @ApiOperation({ summary: 'Create a platform with its lead institution, fiscal-year convention and policy version 1' })
  @ApiOkResponse({ type: CreatedPlatformDto })
  @ApiErrors(400, 404, 409)
  async create(@CurrentActor() actor: Actor, @Body() dto: CreatePlatformDto): Promise<CreatedPlatformDto> {
    const { platform, policy } = await this.platforms.create(actor, dto);
    return { ...platform, policy };
  }

  @Get()
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({ summary: 'List platforms (a member token sees the platforms it belongs to)' })
  @ApiOkResponse({ type: [PlatformDto] })
  list(@CurrentActor() actor: Actor): Promise<PlatformDto[]> {
    return this.platforms.list(actor);
  }

  @Get(':platformId')
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({ summary: 'Read a platform' })
  @ApiOkResponse({ type: PlatformDto })
  @ApiErrors(400, 404)
  get(@CurrentActor() actor: Actor, @Param('platformId', UuidPipe) platformId: string): Promise<PlatformDto> {
    return this.platforms.get(actor, platformId);
  }

  @Post(':platformId/policies')
  @Roles('admin', 'cpo')
  @ApiOperation({ summary: 'Write a new policy version effective from a date (omitted terms carry over)' })
  @ApiOkResponse({ type: PolicyVersionDto })
  @ApiErrors(400, 404, 409)
  addPolicy(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Body() dto: CreatePolicyVersionDto,
  ): Promise<PolicyVersionDto> {
    return this.platforms.addPolicyVersion(actor, platformId, dto);
  }

  @Get(':platformId/policies')
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({ summary: 'Every policy version, oldest first' })
  @ApiOkResponse({ type: [PolicyVersionDto] })
  @ApiErrors(400, 404)
  listPolicies(@CurrentActor() actor: Actor, @Param('platformId', UuidPipe) platformId: string): Promise<PolicyVersionDto[]> {
    return this.platforms.listPolicies(actor, platformId);
  }

  @Get(':platformId/policy')
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({ summary: 'The policy in force on a date (default: today in Japan)' })
  @ApiOkResponse({ type: PolicyVersionDto })
  @ApiErrors(400, 404)
  policyOn(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Query() q: OnDateQueryDto,
  ): Promise<PolicyVersionDto> {
    return this.platforms.policyOn(actor, platformId, q.on ?? todayInJapan());
  }
}
