import { z } from 'zod';
import { abilities } from './abilities.js';
import { id, sync } from './common.js';
import { personStatus, tenantRole } from './enums.js';

/** The language of a person's mail (invitation, notices): German first, English second. */
export const personLocale = z.enum(['de', 'en']);

export const personOut = z
  .object({
    id,
    tenantId: id,
    username: z.string(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    role: tenantRole,
    status: personStatus,
    sync,
    locale: personLocale,
    /** When their last invitation by e-mail went out; null: none yet. */
    invitedAt: z.string().nullable(),
    /** They get the workspace's notices by e-mail (e.g. being added to a room). */
    mailNotices: z.boolean(),
    /** A tenant guest's sponsor and the end of their access; null for everyone else. */
    guestTerm: z
      .object({
        sponsorId: id,
        expiresAt: z.string(),
        /** The sponsor was told that the end is near. */
        sponsorNotified: z.boolean(),
      })
      .nullable(),
    createdAt: z.string(),
    abilities,
  })
  .meta({ id: 'Person' });
export type Person = z.output<typeof personOut>;

export const peopleList = z.object({ people: z.array(personOut), abilities });
export type PeopleList = z.output<typeof peopleList>;

export const peopleQuery = z
  .object({
    search: z.string().trim().max(100).optional(),
    status: personStatus.optional(),
    /** Only tenant guests whose access ends within this many days (ended ones included). */
    guestsEndingWithinDays: z.coerce.number<number>().int().min(1).max(365).optional(),
    /** Only the guests this person sponsors. */
    sponsorId: id.optional(),
  })
  .strict();
export type PeopleFilter = z.input<typeof peopleQuery>;

export const personParams = z.object({ tenantId: id, personId: id });

const name = (max: number) => z.string().trim().min(1).max(max);

export const personIn = z
  .object({
    email: z.email().max(254),
    firstName: name(100),
    lastName: name(100),
    role: tenantRole.default('member'),
    username: z.string().trim().min(1).max(64).optional(),
    locale: personLocale.default('de'),
    /** A guest's sponsor: a member or admin of the tenant; the creating admin when left out. */
    sponsorId: id.optional(),
    /** When a guest's access ends (at most a year ahead); 90 days from now when left out. */
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type NewPerson = z.input<typeof personIn>;

export const roleChangeIn = z.object({ role: tenantRole }).strict();

/** A new end date for a tenant guest's access, and (tenant admins only) another sponsor. */
export const guestTermIn = z
  .object({
    expiresAt: z.iso.datetime({ offset: true }),
    sponsorId: id.optional(),
  })
  .strict();
export type GuestTermChange = z.input<typeof guestTermIn>;

/** A person turns the workspace's notices by e-mail on or off for themselves. */
export const mailNoticesIn = z.object({ enabled: z.boolean() }).strict();

export const importIn = z
  .object({
    csv: z
      .string()
      .min(1)
      .max(2_000_000)
      .describe(
        'CSV with a header row: email, firstName, lastName, role (tenant-admin, member, guest), username (optional)',
      ),
    dryRun: z.boolean().default(true),
  })
  .strict();

/** The fields a row of a people import can be wrong in ('file': the CSV as a whole). */
export const importProblemFields = ['email', 'firstName', 'lastName', 'role', 'username', 'file'] as const;
export type ImportProblemField = (typeof importProblemFields)[number];

export const importProblem = z.object({
  line: z.number().int(),
  field: z.enum(importProblemFields),
  code: z.string(),
  value: z.string().catch(''),
});
export type ImportProblem = z.output<typeof importProblem>;

export const importOut = z
  .object({
    dryRun: z.boolean(),
    rows: z.number().int(),
    valid: z.number().int(),
    problems: z.array(importProblem),
    created: z.array(id),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.output<typeof importOut>;
