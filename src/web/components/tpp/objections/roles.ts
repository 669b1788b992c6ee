import type { Role } from '../../../../shared/api/access.ts';
import { TPP_MANAGERS } from '../roles.ts';

/**
 * Who decides TPP objections (server: the employee's direct superior, incl. Plt/Plh, or tpp.manage over the unit):
 * their inbox /tpp/keberatan and its navigation badge.
 */
export const TPP_OBJECTION_DECIDERS: readonly Role[] = ['ATASAN', ...TPP_MANAGERS];
