import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { DomainError, LocalDate, fiscalYearOf } from '@app/kernel';
import { Actor, AuditService, isMember } from '@app/access';
import { platformNotFound } from '@app/membership';
import { ParticipantRole, ProjectParticipant } from './project-participant.entity';
import { FundingSourceKind, ProjectFundingSource } from './project-funding-source.entity';
import { ProjectKind, ResearchProject } from './research-project.entity';

export interface NewParticipant {
  organisationId: string;
  role: ParticipantRole;
}

export interface NewFundingSource {
  sourceKind: FundingSourceKind;
  organisationId?: string | null;
  funderName?: string | null;
  fiscalYear: number;
  plannedAmountYen: bigint;
}

export interface NewProject {
  code: string;
  title: string;
  kind: ProjectKind;
  startsOn: LocalDate;
  endsOn: LocalDate;
  derivedFromProjectId?: string | null;
  technologyField?: string | null;
  participants: NewParticipant[];
  fundingSources?: NewFundingSource[];
}

export interface ProjectView {
  project: ResearchProject;
  participants: ProjectParticipant[];
  fundingSources: ProjectFundingSource[];
}

export function projectNotFound(id: string): DomainError {
  return DomainError.notFound('PROJECT.NOT_FOUND', `project ${id} does not exist`);
}

@Injectable()
export class ProjectService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, platformId: string, input: NewProject): Promise<ProjectView> {
    if (input.endsOn < input.startsOn) {
      throw DomainError.validation('PROJECT.ENDS_BEFORE_START', 'endsOn cannot be before startsOn', { field: 'endsOn' });
    }
    const orgIds = input.participants.map((p) => p.organisationId);
    if (new Set(orgIds).size !== orgIds.length) {
      throw DomainError.validation('PROJECT.DUPLICATE_PARTICIPANT', 'an organisation is listed twice as participant', { field: 'participants' });
    }
    return this.dataSource.transaction(async (em) => {
      const platform = await em.query<{ fiscal_year_start_month: number }[]>('SELECT fiscal_year_start_month FROM platforms WHERE id = $1', [platformId]);
      if (platform.length === 0) throw platformNotFound(platformId);
      const startMonth = platform[0].fiscal_year_start_month;
      const clash = await em.query<{ id: string }[]>('SELECT id FROM research_projects WHERE platform_id = $1 AND code = $2', [platformId, input.code]);
      if (clash.length > 0) {
        throw DomainError.conflict('PROJECT.CODE_TAKEN', `project code ${input.code} is already used on this platform`, {
          field: 'code',
          existingId: clash[0].id,
        });
      }
      if (input.derivedFromProjectId) {
        const origin = await em.query<unknown[]>('SELECT 1 FROM research_projects WHERE id = $1 AND platform_id = $2', [
          input.derivedFromProjectId,
          platformId,
        ]);
        if (origin.length === 0) {
          throw DomainError.notFound('PROJECT.ORIGIN_NOT_FOUND', `project ${input.derivedFromProjectId} is not a project of this platform`, {
            field: 'derivedFromProjectId',
          });
        }
      }
      await this.assertParticipantsAreMembers(em, platformId, orgIds, input.startsOn, input.endsOn);
      const project = await em.save(
        em.create(ResearchProject, {
          platformId,
          code: input.code,
          title: input.title,
          kind: input.kind,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          derivedFromProjectId: input.derivedFromProjectId ?? null,
          technologyField: input.technologyField ?? null,
        }),
      );
      const participants = await em.save(
        input.participants.map((p) => em.create(ProjectParticipant, { projectId: project.id, organisationId: p.organisationId, role: p.role })),
      );
      const fiscalYears = { first: fiscalYearOf(input.startsOn, startMonth), last: fiscalYearOf(input.endsOn, startMonth) };
      const fundingSources = await em.save(
        (input.fundingSources ?? []).map((f, i) => {
          this.checkFundingSource(f, i, orgIds, fiscalYears);
          return em.create(ProjectFundingSource, {
            projectId: project.id,
            sourceKind: f.sourceKind,
            organisationId: f.organisationId ?? null,
            funderName: f.funderName ?? null,
            fiscalYear: f.fiscalYear,
            plannedAmountYen: f.plannedAmountYen,
          });
        }),
      );
      const view = { project, participants, fundingSources };
      await this.audit.record(em, actor, { action: 'project.created', entityType: 'research_project', entityId: project.id, platformId, after: view });
      return view;
    });
  }

  private checkFundingSource(f: NewFundingSource, i: number, participantIds: string[], years: { first: number; last: number }) {
    const field = `fundingSources[${i}]`;
    if (f.sourceKind === 'public_matching') {
      if (!f.funderName) throw DomainError.validation('PROJECT.FUNDER_NAME_REQUIRED', 'public matching money names its funder', { field: `${field}.funderName` });
      if (f.organisationId) throw DomainError.validation('PROJECT.FUNDER_NOT_ORGANISATION', 'public matching money has a funderName, not an organisationId', { field: `${field}.organisationId` });
    } else if (!f.organisationId || !participantIds.includes(f.organisationId)) {
      throw DomainError.validation('PROJECT.FUNDER_NOT_PARTICIPANT', 'company and university funding must come from a participant of the project', {
        field: `${field}.organisationId`,
      });
    }
    if (f.fiscalYear < years.first || f.fiscalYear > years.last) {
      throw DomainError.validation('PROJECT.FUNDING_OUTSIDE_TERM', `fiscal year ${f.fiscalYear} is outside the project's term (FY${years.first}–FY${years.last})`, {
        field: `${field}.fiscalYear`,
      });
    }
  }

  /** Participants must exist and be members of the platform at some point of the project's term. */
  private async assertParticipantsAreMembers(
    em: EntityManager,
    platformId: string,
    orgIds: string[],
    startsOn: LocalDate,
    endsOn: LocalDate,
    field = 'participants',
  ) {
    if (orgIds.length === 0) return;
    const rows: { id: string; member: boolean }[] = await em.query(
      `SELECT o.id, EXISTS (
          SELECT 1 FROM memberships m
           WHERE m.platform_id = $1 AND m.organisation_id = o.id
             AND m.joined_on <= $3 AND (m.left_on IS NULL OR m.left_on >= $2)) AS member
         FROM organisations o WHERE o.id = ANY($4::uuid[])`,
      [platformId, startsOn, endsOn, orgIds],
    );
    const missing = orgIds.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length > 0) {
      throw DomainError.notFound('ORGANISATION.NOT_FOUND', `organisation ${missing[0]} does not exist`, { field, missing });
    }
    const outsiders = rows.filter((r) => !r.member).map((r) => r.id);
    if (outsiders.length > 0) {
      throw DomainError.unprocessable('PROJECT.PARTICIPANT_NOT_MEMBER', 'every participant must be a member of the platform during the project', {
        field,
        organisationIds: outsiders,
      });
    }
  }

  async list(actor: Actor, platformId: string): Promise<ResearchProject[]> {
    const qb = this.dataSource
      .getRepository(ResearchProject)
      .createQueryBuilder('p')
      .where('p.platform_id = :platformId', { platformId })
      .orderBy('p.starts_on', 'ASC')
      .addOrderBy('p.code', 'ASC');
    if (isMember(actor)) {
      qb.andWhere('EXISTS (SELECT 1 FROM project_participants pp WHERE pp.project_id = p.id AND pp.organisation_id = :org)', {
        org: actor.organisationId,
      });
    }
    return qb.getMany();
  }

  /**
   * A project with its participants and funding. A member sees only projects it takes part in,
   * and of the money only its own and public funding: never another company's amounts.
   */
  async get(actor: Actor, platformId: string, projectId: string): Promise<ProjectView> {
    const em = this.dataSource.manager;
    const project = await em.findOne(ResearchProject, { where: { id: projectId, platformId } });
    if (!project) throw projectNotFound(projectId);
    const participants = await em.find(ProjectParticipant, { where: { projectId }, order: { organisationId: 'ASC' } });
    if (isMember(actor) && !participants.some((p) => p.organisationId === actor.organisationId)) throw projectNotFound(projectId);
    let fundingSources = await em.find(ProjectFundingSource, { where: { projectId }, order: { fiscalYear: 'ASC', id: 'ASC' } });
    if (isMember(actor)) {
      fundingSources = fundingSources.filter((f) => f.sourceKind === 'public_matching' || f.organisationId === actor.organisationId);
    }
    return { project, participants, fundingSources };
  }

  async addParticipant(actor: Actor, platformId: string, projectId: string, input: NewParticipant): Promise<ProjectParticipant> {
    return this.dataSource.transaction(async (em) => {
      const project = await em.findOne(ResearchProject, { where: { id: projectId, platformId }, lock: { mode: 'pessimistic_write' } });
      if (!project) throw projectNotFound(projectId);
      const existing = await em.findOne(ProjectParticipant, { where: { projectId, organisationId: input.organisationId } });
      if (existing) throw DomainError.conflict('PROJECT.ALREADY_PARTICIPANT', 'the organisation already takes part in this project');
      // The body of this request names one organisation: errors point at its field.
      await this.assertParticipantsAreMembers(em, platformId, [input.organisationId], project.startsOn, project.endsOn, 'organisationId');
      const participant = await em.save(em.create(ProjectParticipant, { projectId, organisationId: input.organisationId, role: input.role }));
      await this.audit.record(em, actor, {
        action: 'project.participant_added',
        entityType: 'research_project',
        entityId: projectId,
        platformId,
        after: participant,
      });
      return participant;
    });
  }

  /** Participants of several projects at once (for reports). */
  async participantsOf(projectIds: string[]): Promise<ProjectParticipant[]> {
    if (projectIds.length === 0) return [];
    return this.dataSource.getRepository(ProjectParticipant).find({ where: { projectId: In(projectIds) } });
  }
}
