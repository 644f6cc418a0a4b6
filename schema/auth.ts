/**
 * Staff authentication: `STAFF_TOKENS` lists who may edit (`name:role:sha256-of-token`), a request
 * proves it is one of them with `Authorization: Bearer <token>`. Only hashes are configured; the
 * presented token is hashed and compared in constant time. Authorization itself is declared on
 * the schema's fields (scope-auth, `schema/builder.ts`); this module only says who is calling.
 *
 * Usage: `const staff = parseStaffTokens(config.STAFF_TOKENS); const viewer = authenticate(header, staff)`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { GraphQLResolveInfo } from 'graphql';
import { ConfigError } from '../api/core/config.js';
import { apiError } from '../api/core/errors.js';

/** The caller, once authenticated. */
export interface Viewer {
  name: string;
  role: 'editor' | 'admin';
}

export const STAFF_ROLES = ['editor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffMember {
  name: string;
  role: StaffRole;
  /** SHA-256 of the member's token (32 bytes). */
  tokenHash: Buffer;
}

/** Who may edit; empty when STAFF_TOKENS is unset (then nobody can). */
export type StaffDirectory = readonly StaffMember[];

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]*$/;
const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** The hex SHA-256 of a token: what STAFF_TOKENS stores. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Parses STAFF_TOKENS. A malformed entry throws a `ConfigError` naming the entry (by position and
 * staff name, never echoing the hash) and what is expected.
 */
export function parseStaffTokens(value: string): StaffDirectory {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const members: StaffMember[] = [];
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    const problemsBefore = problems.length;
    const parts = entry.split(':');
    const where = `entry ${index + 1}${parts[0] ? ` ("${parts[0]}")` : ''}`;
    if (parts.length !== 3) {
      problems.push(`${where}: expected name:role:sha256, got ${parts.length} part(s) separated by ":"`);
      return;
    }
    const [name = '', role = '', hash = ''] = parts.map((part) => part.trim());
    if (!NAME_PATTERN.test(name)) {
      problems.push(`${where}: the name must be letters, digits, ".", "_", "@" or "-"`);
    } else if (members.some((m) => m.name === name)) {
      problems.push(`${where}: "${name}" is listed twice`);
    }
    if (!(STAFF_ROLES as readonly string[]).includes(role)) {
      problems.push(`${where}: the role must be "editor" or "admin", got "${role}"`);
    }
    if (!SHA256_HEX.test(hash)) {
      problems.push(
        `${where}: expected the SHA-256 of the token as 64 hex digits (got ${hash.length} characters); ` +
          'put the hash in STAFF_TOKENS, never the token itself',
      );
    } else if (members.some((m) => m.tokenHash.equals(Buffer.from(hash, 'hex')))) {
      problems.push(`${where}: the same token is already given to another staff member`);
    }
    if (problems.length === problemsBefore) {
      members.push({ name, role: role as StaffRole, tokenHash: Buffer.from(hash.toLowerCase(), 'hex') });
    }
  });
  if (problems.length > 0) {
    throw new ConfigError(
      `Invalid configuration:\n${problems.map((p) => `  STAFF_TOKENS ${p}`).join('\n')}\n` +
        'Each entry is name:role:sha256hex, e.g. alice:editor:$(printf %s "$TOKEN" | sha256sum | cut -c1-64) (see "Staff editing" in README.md).',
    );
  }
  return members;
}

/**
 * The staff member a request's `Authorization: Bearer <token>` header proves, or null (no header,
 * another scheme, or an unknown token). Every configured hash is compared, in constant time, so
 * the answer's timing says nothing about which entry matched.
 */
export function authenticate(authorization: string | null | undefined, staff: StaffDirectory): Viewer | null {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!token || staff.length === 0) return null;
  const presented = createHash('sha256').update(token, 'utf8').digest();
  let found: StaffMember | null = null;
  for (const member of staff) {
    if (timingSafeEqual(presented, member.tokenHash) && !found) found = member;
  }
  return found ? { name: found.name, role: found.role } : null;
}

/** Roles named in a scope-auth failure (`editor`, `admin`), for the error message. */
function requiredRoles(failure: unknown): string[] {
  const f = failure as { scope?: string; failures?: unknown[] };
  if (f.scope) return [f.scope];
  return [...new Set((f.failures ?? []).flatMap(requiredRoles))];
}

/**
 * The error a refused field answers with: UNAUTHENTICATED without a staff credential, FORBIDDEN
 * when the caller's role is not enough. Scope-auth raises it before the resolver runs, so a
 * refused mutation never touches the database.
 */
export function authorizationError(
  viewer: Viewer | null,
  info: Pick<GraphQLResolveInfo, 'parentType' | 'fieldName'>,
  failure: unknown,
) {
  const field = `${info.parentType.name}.${info.fieldName}`;
  if (!viewer) {
    return apiError(
      'UNAUTHENTICATED',
      `${field} is for staff only: send a staff token as "Authorization: Bearer <token>" (missing or unknown token)`,
    );
  }
  const roles = requiredRoles(failure);
  return apiError(
    'FORBIDDEN',
    `${field} needs the ${roles.length ? roles.join(' or ') : 'required'} role; ${viewer.name} is ${viewer.role}`,
    { requiredRoles: roles },
  );
}
