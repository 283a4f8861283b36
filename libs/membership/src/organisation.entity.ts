import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ORGANISATION_KINDS = ['university', 'research_agency', 'company', 'tlo'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const COMPANY_SIZES = ['large', 'sme', 'startup'] as const;
export type CompanySize = (typeof COMPANY_SIZES)[number];

@Entity('organisations')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: OrganisationKind;

  @Column('text', { nullable: true })
  companySize: CompanySize | null;

  @Column('text', { default: 'JP' })
  country: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
