import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Consideration, NonOwnerRight, OwnerRule, SakuraGroup } from './sakura-terms';

/** One さくらツール type (類型0–10), seeded by the migration, editable by admins until verified. */
@Entity('sakura_types')
export class SakuraType {
  @PrimaryColumn('smallint')
  type: number;

  @Column('text')
  name: string;

  @Column('text', { name: 'type_group' })
  group: SakuraGroup;

  @Column('text')
  ownerRule: OwnerRule;

  @Column('integer', { nullable: true })
  defaultUniversityShareBp: number | null;

  @Column('text')
  nonOwnerRight: NonOwnerRight;

  @Column('text')
  consideration: Consideration;

  @Column('integer', { nullable: true })
  optionPeriodMonths: number | null;

  @Column('boolean')
  priorConsentThirdPartyLicence: boolean;

  @Column('boolean')
  exclusivityFee: boolean;

  /** Checked against MEXT's published tool. Verified types 0–8 can no longer be edited. */
  @Column('boolean')
  verified: boolean;

  /** Where the values come from and what was checked. */
  @Column('text')
  sourceNote: string;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt: Date;
}
