import { tenantRoles, type TenantRole } from '../../domain/actor.js';
import { conflict, invalid } from '../../domain/errors.js';
import {
  belongsToTenantDomains,
  emailDomain,
  isReservedUsername,
  usernameFromEmail,
  usernamePattern,
} from '../../domain/personRules.js';
import type { Store } from '../../domain/ports/store.js';
import { auditEntry, type CommandContext } from '../context.js';
import { insertPerson } from './personCreator.js';
import { loadTenantFor } from '../loadTenant.js';

/** One data row of an import file; `line` is its line number in the file. */
export interface ImportRow {
  line: number;
  email: string;
  firstName: string;
  lastName: string;
  role: string;
  username: string;
}

export type ImportProblemCode =
  | 'missing-email'
  | 'invalid-email'
  | 'foreign-domain'
  | 'duplicate-in-file'
  | 'exists-already'
  | 'missing-name'
  | 'invalid-role'
  | 'invalid-username'
  | 'reserved-username';

export interface ImportProblem {
  line: number;
  field: 'email' | 'firstName' | 'lastName' | 'role' | 'username';
  code: ImportProblemCode;
  value: string;
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  valid: number;
  problems: ImportProblem[];
  /** Ids of the people created (empty in a dry run). */
  created: string[];
}

export const MAX_IMPORT_ROWS = 5000;

/** Whether the caller may import people into the tenant; checked before the file is read. */
export async function checkMayImportPeople(store: Store, ctx: CommandContext, tenantId: string): Promise<void> {
  await loadTenantFor(store, ctx, 'person.import', tenantId, true);
}

/**
 * Checks every row and reports each bad one; a dry run changes nothing. A
 * confirmed import applies the valid rows in one transaction and skips the
 * bad ones, which the report names.
 */
export async function importPeople(
  store: Store,
  ctx: CommandContext,
  tenantId: string,
  rows: ImportRow[],
  dryRun: boolean,
): Promise<ImportReport> {
  const tenant = await loadTenantFor(store, ctx, 'person.import', tenantId, true);
  if (rows.length > MAX_IMPORT_ROWS) throw invalid(`An import may hold at most ${MAX_IMPORT_ROWS} people`);

  const normalized = rows.map((r) => {
    const email = r.email.trim().toLowerCase();
    const username = (r.username.trim() || usernameFromEmail(email)).toLowerCase();
    return { ...r, email, username, role: (r.role.trim().toLowerCase() || 'member') as TenantRole };
  });
  const existing = await store.read.people.taken(
    normalized.map((r) => r.email).filter(Boolean),
    normalized.map((r) => r.username).filter(Boolean),
  );

  const problems: ImportProblem[] = [];
  const seenEmails = new Set<string>();
  const seenUsernames = new Set<string>();
  const valid: typeof normalized = [];
  for (const row of normalized) {
    const problem = ((): ImportProblem | undefined => {
      const at = (field: ImportProblem['field'], code: ImportProblemCode, value: string): ImportProblem => ({
        line: row.line,
        field,
        code,
        value,
      });
      if (row.email === '') return at('email', 'missing-email', '');
      if (emailDomain(row.email) === undefined) return at('email', 'invalid-email', row.email);
      if (!belongsToTenantDomains(row.email, tenant.emailDomains)) return at('email', 'foreign-domain', row.email);
      if (seenEmails.has(row.email)) return at('email', 'duplicate-in-file', row.email);
      if (existing.emails.has(row.email)) return at('email', 'exists-already', row.email);
      if (row.firstName.trim() === '') return at('firstName', 'missing-name', '');
      if (row.lastName.trim() === '') return at('lastName', 'missing-name', '');
      if (!(tenantRoles as readonly string[]).includes(row.role)) return at('role', 'invalid-role', row.role);
      if (!usernamePattern.test(row.username)) return at('username', 'invalid-username', row.username);
      if (isReservedUsername(row.username)) return at('username', 'reserved-username', row.username);
      if (seenUsernames.has(row.username)) return at('username', 'duplicate-in-file', row.username);
      if (existing.usernames.has(row.username)) return at('username', 'exists-already', row.username);
      return undefined;
    })();
    if (row.email !== '') seenEmails.add(row.email);
    if (problem) problems.push(problem);
    else {
      seenUsernames.add(row.username);
      valid.push(row);
    }
  }

  const report: ImportReport = { dryRun, rows: rows.length, valid: valid.length, problems, created: [] };
  if (dryRun || valid.length === 0) return report;

  await store.transaction(async (tx) => {
    // Checked again inside the transaction, for all rows at once: someone may
    // have added one of these people since the check above.
    const taken = await tx.people.taken(
      valid.map((r) => r.email),
      valid.map((r) => r.username),
    );
    if (taken.emails.size > 0 || taken.usernames.size > 0) {
      throw conflict('Some of these people were added meanwhile; check the file again');
    }
    for (const row of valid) {
      report.created.push(
        await insertPerson(
          tx,
          ctx,
          tenant,
          {
            email: row.email,
            firstName: row.firstName,
            lastName: row.lastName,
            role: row.role,
            username: row.username,
          },
          'import',
        ),
      );
    }
    await tx.audit.append(
      auditEntry(ctx, {
        tenantId,
        action: 'person.import',
        targetType: 'tenant',
        targetId: tenantId,
        outcome: 'success',
        details: { rows: rows.length, created: report.created.length, skipped: problems.length },
      }),
    );
  });
  return report;
}
