import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type MembershipRole = 'lead' | 'member';

/** An organisation's membership of a platform over [joinedOn, leftOn]; periods never overlap. */
@Entity('memberships')
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  platformId: string;

  @Column('uuid')
  organisationId: string;

  @Column('text')
  role: MembershipRole;

  @Column('date')
  joinedOn: string;

  @Column('date', { nullable: true })
  leftOn: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
