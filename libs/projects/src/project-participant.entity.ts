import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ParticipantRole = 'lead' | 'researcher' | 'funder';

@Entity('project_participants')
export class ProjectParticipant {
  @PrimaryColumn('uuid')
  projectId: string;

  @PrimaryColumn('uuid')
  organisationId: string;

  @Column('text')
  role: ParticipantRole;
}
