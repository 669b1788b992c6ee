import { sql } from 'kysely';
import { actingInForceSql } from '../relations/relations-service.ts';
import type { Actor } from './authz.ts';

/** A session with everything its actor needs (`sessionActorSelect`). */
export interface SessionActorRow {
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
  userId: string;
  username: string;
  displayName: string;
  employeeId: string | null;
  active: boolean;
  mustChangePassword: boolean;
  nip: string | null;
  grants: Array<{ role: string; unitId: string | null; unitName: string | null; unitPath: string | null }>;
  isAtasan: boolean;
}

/**
 * The select behind every authenticated request, as a fragment other statements can embed (the check-in reads
 * its session in the same statement as its own context): the session, its user and NIP, the grants with their
 * units, and whether the employee supervises anyone on `date` (direct staff still in service, or an active
 * Plt/Plh assignment). No row when there is no such session.
 */
export function sessionActorSelect(id: string, date: string) {
  return sql`select s.csrf_token as "csrfToken", s.expires_at as "expiresAt", s.last_seen_at as "lastSeenAt",
      u.id as "userId", u.username, u.display_name as "displayName", u.employee_id as "employeeId",
      u.active, u.must_change_password as "mustChangePassword", e.nip,
      coalesce((select json_agg(json_build_object('role', g.role, 'unitId', g.unit_id, 'unitName', gu.name,
          'unitPath', gu.path))
        from role_grants g left join units gu on gu.id = g.unit_id where g.user_id = u.id), '[]'::json)
        as grants,
      (u.employee_id is not null and (
        exists (select 1 from employees x where x.superior_id = u.employee_id
          and (x.active_to is null or x.active_to >= ${date}::date))
        or exists (select 1 from acting_assignments a where a.employee_id = u.employee_id
          and ${actingInForceSql(date)})))
        as "isAtasan"
    from sessions s
    join users u on u.id = s.user_id
    left join employees e on e.id = u.employee_id
    where s.id = ${id}`;
}

/**
 * A request's session that a handler reads itself, embedded in its own first statement (`sessionActorSelect`
 * with this id and date), then admits: `admit` checks the row as the session hook would (expiry, CSRF, forced
 * password change) and gives the actor, or throws. A request already admitted by the hook (a multipart
 * upload, say) gives its actor back whatever the row.
 */
export interface DeferredSession {
  id: string;
  date: string;
  admit(row: SessionActorRow | undefined): Promise<Actor>;
  /**
   * After `admit`: the `lastSeenAt` write the session is due (at most once a minute), for the handler to fold
   * into its own write statement (`sessionTouchSql`) and then `touched()`; null when none is due. Whatever is
   * not marked touched is written by `flushTouch()`, which the handler calls when it is done (also on errors).
   */
  pendingTouch?(): Date | null;
  touched?(): void;
  flushTouch?(): Promise<void>;
}

/** The `lastSeenAt` write of a session, as a CTE body other statements embed (see DeferredSession). */
export function sessionTouchSql(id: string, at: Date) {
  return sql`update sessions set last_seen_at = ${at} where id = ${id}`;
}
