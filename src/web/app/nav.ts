import type { Icon } from '@tabler/icons-react';
import {
  IconFileImport,
  IconHierarchy2,
  IconLayoutDashboard,
  IconShieldCheck,
  IconUserCircle,
  IconUsers,
} from '@tabler/icons-react';
import type { Me } from '../api/types.ts';
import { AUDIT_VIEWERS, hasAnyRole, IMPORTERS, ORG_VIEWERS } from '../lib/roles.ts';

export interface NavItem {
  to: string;
  /** i18n key */
  label: string;
  icon: Icon;
  end?: boolean;
}

/** The navigation a user sees, by role (PRODUCT.md roles; each role scoped to a unit subtree on the server). */
export function navItemsFor(me: Me): NavItem[] {
  const items: NavItem[] = [{ to: '/', label: 'nav.dashboard', icon: IconLayoutDashboard, end: true }];
  const canSeeOrg = hasAnyRole(me, ORG_VIEWERS);
  if (canSeeOrg) {
    items.push({ to: '/organisasi', label: 'nav.organisation', icon: IconHierarchy2 });
    items.push({ to: '/pegawai', label: 'nav.employees', icon: IconUsers, end: false });
  }
  if (hasAnyRole(me, IMPORTERS)) items.push({ to: '/impor', label: 'nav.import', icon: IconFileImport });
  if (hasAnyRole(me, AUDIT_VIEWERS)) items.push({ to: '/audit', label: 'nav.audit', icon: IconShieldCheck });
  if (me.user.employeeId) {
    items.push({
      to: `/pegawai/${me.user.employeeId}`,
      label: 'nav.profile',
      icon: IconUserCircle,
      end: true,
    });
  }
  return items;
}
