import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/access';
import { parseYen } from '@app/kernel';
import { PlatformService } from '@app/platform';
import { ProjectService } from '@app/projects';
import { UuidPipe } from '../http/uuid.pipe';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { ApiErrors } from '../http/api-errors.decorator';
import { CreateProjectDto, ParticipantDto, ProjectDetailDto, ProjectDto, ProjectParticipantDto, presentProject, presentProjectView } from './project.dto';

@ApiTags('projects')
@Controller('platforms/:platformId/projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectService,
    private readonly platforms: PlatformService,
  ) {}

  @Post()
  @Roles('admin', 'cpo')
  @ApiOperation({ summary: 'Create a research project with participants and funding sources' })
  @ApiOkResponse({ type: ProjectDetailDto })
  @ApiErrors(400, 404, 409, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Body() dto: CreateProjectDto,
  ): Promise<ProjectDetailDto> {
    const view = await this.projects.create(actor, platformId, {
      ...dto,
      fundingSources: (dto.fundingSources ?? []).map((f, i) => ({
        ...f,
        plannedAmountYen: parseYen(f.plannedAmountYen, `fundingSources[${i}].plannedAmountYen`),
      })),
    });
    return presentProjectView(view);
  }

  @Get()
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({ summary: "List the platform's projects (a member token sees the ones it takes part in)" })
  @ApiOkResponse({ type: [ProjectDto] })
  @ApiErrors(400, 404)
  async list(@CurrentActor() actor: Actor, @Param('platformId', UuidPipe) platformId: string): Promise<ProjectDto[]> {
    await this.platforms.get(actor, platformId);
    return (await this.projects.list(actor, platformId)).map(presentProject);
  }

  @Get(':projectId')
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({ summary: 'Read a project with participants and funding' })
  @ApiOkResponse({ type: ProjectDetailDto })
  @ApiErrors(400, 404)
  async get(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('projectId', UuidPipe) projectId: string,
  ): Promise<ProjectDetailDto> {
    return presentProjectView(await this.projects.get(actor, platformId, projectId));
  }

  @Post(':projectId/participants')
  @Roles('admin', 'cpo')
  @ApiOperation({ summary: 'Add a participant to a project' })
  @ApiOkResponse({ type: ProjectParticipantDto })
  @ApiErrors(400, 404, 409, 422)
  async addParticipant(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('projectId', UuidPipe) projectId: string,
    @Body() dto: ParticipantDto,
  ): Promise<ProjectParticipantDto> {
    const p = await this.projects.addParticipant(actor, platformId, projectId, dto);
    return { organisationId: p.organisationId, role: p.role };
  }
}
