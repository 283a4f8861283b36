import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { COMPANY_SIZES, CompanySize, ORGANISATION_KINDS, OrganisationKind } from '@app/membership';
import { IsLocalDate } from '../http/is-local-date';

export class CreateOrganisationDto {
  @ApiProperty({ example: '青葉大学' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;

  @ApiPropertyOptional({ enum: COMPANY_SIZES, description: 'required for companies, forbidden otherwise (S0 splits by size)' })
  @IsOptional()
  @IsIn(COMPANY_SIZES)
  companySize?: CompanySize;

  @ApiPropertyOptional({ example: 'JP', default: 'JP', description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @Length(2, 2)
  @Matches(/^[A-Z]{2}$/)
  country?: string;
}

export class OrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: string;
  @ApiProperty({ enum: COMPANY_SIZES, nullable: true, type: String }) companySize: string | null;
  @ApiProperty() country: string;
  @ApiProperty() createdAt: Date;
}

export class CreateMembershipDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ example: '2026-04-01' })
  @IsLocalDate()
  joinedOn: string;
}

export class EndMembershipDto {
  @ApiProperty({ example: '2027-03-31', description: 'last day of membership' })
  @IsLocalDate()
  leftOn: string;
}

export class MembershipQueryDto {
  @ApiPropertyOptional({ example: '2027-01-15', description: 'only memberships active on this date' })
  @IsOptional()
  @IsLocalDate()
  activeOn?: string;
}

export class MembershipDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) platformId: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ enum: ['lead', 'member'] }) role: string;
  @ApiProperty({ example: '2026-04-01' }) joinedOn: string;
  @ApiProperty({ nullable: true, type: String, example: null }) leftOn: string | null;
  @ApiProperty() createdAt: Date;
}
