import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A company party to an agreement; `position` keeps the agreement's order (it breaks ties in share splits). */
@Entity('joint_research_agreement_companies')
export class JointResearchAgreementCompany {
  @PrimaryColumn('uuid')
  agreementId: string;

  @PrimaryColumn('uuid')
  organisationId: string;

  @Column('smallint')
  position: number;
}
