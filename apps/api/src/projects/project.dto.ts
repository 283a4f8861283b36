import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ProjectFundingSource, ProjectParticipant, ProjectView, ResearchProject } from '@app/projects';
import { IsLocalDate, POSITIVE_YEN_PATTERN } from '../http/is-local-date';

const PARTICIPANT_ROLES = ['lead', 'researcher', 'funder'] as const;
const SOURCE_KINDS = ['company', 'public_matching', 'university'] as const;

export class ParticipantDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ enum: PARTICIPANT_ROLES })
  @IsIn(PARTICIPANT_ROLES)
  role: (typeof PARTICIPANT_ROLES)[number];
}

export class FundingSourceInputDto {
  @ApiProperty({ enum: SOURCE_KINDS, description: 'public_matching = matching-fund money such as JST OPERA' })
  @IsIn(SOURCE_KINDS)
  sourceKind: (typeof SOURCE_KINDS)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'the funding participant (company or university)' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ example: 'JST OPERA', description: 'the public funder, for public_matching' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  funderName?: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(1900)
  @Max(9998)
  fiscalYear: number;

  @ApiProperty({ example: '20000000', description: 'planned amount in whole yen, as a decimal string' })
  @IsString()
  @Matches(POSITIVE_YEN_PATTERN, { message: 'plannedAmountYen must be a positive whole number of yen written as a string' })
  plannedAmountYen: string;
}

export class CreateProjectDto {
  @ApiProperty({ example: 'OPERA-2026-01' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,50}$/)
  code: string;

  @ApiProperty({ example: '全固体電池の界面制御' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title: string;

  @ApiProperty({ enum: ['cooperative', 'individual'] })
  @IsIn(['cooperative', 'individual'])
  kind: 'cooperative' | 'individual';

  @ApiProperty({ example: '2026-04-01' })
  @IsLocalDate()
  startsOn: string;

  @ApiProperty({ example: '2028-03-31' })
  @IsLocalDate()
  endsOn: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the earlier project this research derives from' })
  @IsOptional()
  @IsUUID()
  derivedFromProjectId?: string;

  @ApiPropertyOptional({ example: 'H01M', description: 'main technology field (IPC)' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  technologyField?: string;

  @ApiProperty({ type: [ParticipantDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ParticipantDto)
  participants: ParticipantDto[];

  @ApiPropertyOptional({ type: [FundingSourceInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => FundingSourceInputDto)
  fundingSources?: FundingSourceInputDto[];
}

export class FundingSourceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SOURCE_KINDS }) sourceKind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ nullable: true, type: String }) funderName: string | null;
  @ApiProperty() fiscalYear: number;
  @ApiProperty({ example: '20000000', description: 'whole yen as a string' }) plannedAmountYen: string;
}

export class ProjectParticipantDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ enum: PARTICIPANT_ROLES }) role: string;
}

export class ProjectDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) platformId: string;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['cooperative', 'individual'] }) kind: string;
  @ApiProperty() startsOn: string;
  @ApiProperty() endsOn: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) derivedFromProjectId: string | null;
  @ApiProperty({ nullable: true, type: String }) technologyField: string | null;
  @ApiProperty() createdAt: Date;
}

export class ProjectDetailDto extends ProjectDto {
  @ApiProperty({ type: [ProjectParticipantDto] }) participants: ProjectParticipantDto[];
  @ApiProperty({ type: [FundingSourceDto], description: "a member token sees only its own and public funding" })
  fundingSources: FundingSourceDto[];
}

export function presentProject(p: ResearchProject): ProjectDto {
  return { ...p };
}

function presentParticipant(p: ProjectParticipant): ProjectParticipantDto {
  return { organisationId: p.organisationId, role: p.role };
}

function presentFunding(f: ProjectFundingSource): FundingSourceDto {
  return { ...f, plannedAmountYen: f.plannedAmountYen.toString() };
}

export function presentProjectView(v: ProjectView): ProjectDetailDto {
  return {
    ...presentProject(v.project),
    participants: v.participants.map(presentParticipant),
    fundingSources: v.fundingSources.map(presentFunding),
  };
}
