import { z } from 'zod';
import { eventCatalog, type EventOf } from '../eventSchemas';
import { PersonIdSchema, RoleSchema } from '../roles';
import { OnboardingEndReasonSchema, OnboardingStartSchema } from './commands';

const IsoDate = z.iso.date();

/** A milestone as pinned at the start: from the policy, with its due date computed from the effective date. */
export const PinnedMilestoneSchema = z.object({
  id: z.string(),
  title: z.string(),
  dueDay: z.number().int().nonnegative(),
  dueDate: IsoDate,
  owner: RoleSchema,
});
export type PinnedMilestone = z.infer<typeof PinnedMilestoneSchema>;

/** Milestone ids by how they were confirmed; the rule is in rules.ts (`onboardingSummary`). */
export const OnboardingSummarySchema = z.object({
  onTime: z.array(z.string()),
  late: z.array(z.string()),
  neverConfirmed: z.array(z.string()),
});
export type OnboardingSummary = z.infer<typeof OnboardingSummarySchema>;

/** Every onboarding event type with its payload schema, all at version 1 so far (domain/eventSchemas.ts: how a payload changes). */
export const ONBOARDING_EVENT_SCHEMAS = {
  /** Pins the policy version, its milestones with their due dates, and the escalation delay. */
  OnboardingStarted: z.object({
    start: OnboardingStartSchema,
    policyVersion: z.string(),
    milestones: z.array(PinnedMilestoneSchema).min(1),
    escalationAfterDays: z.number().int().positive(),
  }),
  OnboardingSupervisorAndMentorAssigned: z.object({
    assignedBy: PersonIdSchema,
    supervisorId: PersonIdSchema,
    mentorId: PersonIdSchema.nullable(),
    coachId: PersonIdSchema.nullable(),
    /** The supervisor this assignment replaces, or null for the first. */
    previousSupervisorId: PersonIdSchema.nullable(),
  }),
  OnboardingMilestoneConfirmed: z.object({
    milestoneId: z.string(),
    confirmedBy: PersonIdSchema,
    role: RoleSchema,
    dueDate: IsoDate,
    late: z.boolean(),
    /** Calendar days after the due date (0 when on time). */
    daysLate: z.number().int().nonnegative(),
    note: z.string().optional(),
  }),
  OnboardingMilestoneReminderSent: z.object({
    milestoneId: z.string(),
    dueDate: IsoDate,
    owner: RoleSchema,
    /** The assigned supervisor for a supervisor-owned milestone, else null (the office as a whole). */
    ownerId: PersonIdSchema.nullable(),
  }),
  OnboardingMilestoneEscalated: z.object({
    milestoneId: z.string(),
    dueDate: IsoDate,
    escalatedTo: z.literal('executive-resources-office'),
    daysOverdue: z.number().int().positive(),
  }),
  OnboardingCompleted: z.object({ summary: OnboardingSummarySchema }),
  OnboardingEnded: z.object({ reason: OnboardingEndReasonSchema, note: z.string(), endedBy: PersonIdSchema, summary: OnboardingSummarySchema }),
} as const;

export const onboardingEvents = eventCatalog('onboarding', ONBOARDING_EVENT_SCHEMAS);

export type OnboardingEventType = keyof typeof ONBOARDING_EVENT_SCHEMAS;

export type OnboardingEvent = EventOf<typeof ONBOARDING_EVENT_SCHEMAS>;

/** Validates a stored event's payload against its type and version, and upcasts it (ARCHITECTURE rule 5: store reads too). */
export const parseOnboardingEvent = onboardingEvents.parse;

/** The schema version stamped on a new onboarding event of that type. */
export const onboardingEventVersion = onboardingEvents.eventVersion;
