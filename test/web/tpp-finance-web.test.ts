import { describe, expect, it } from 'vitest';
import type { Me, Role } from '../../src/shared/api/access.ts';
import { nominativeUrl, recapExportUrl } from '../../src/web/api/tpp-finance.ts';
import { navSectionsFor } from '../../src/web/app/nav.ts';
import { en } from '../../src/web/text/en.ts';
import { idPages } from '../../src/web/text/id-pages.ts';
import { idShell } from '../../src/web/text/id-shell.ts';

// The finance downloads are plain links: their addresses must be the API's own (one /api prefix).
describe('TPP finance download links', () => {
  it('point at the nominative list and the recap export of the API', () => {
    expect(nominativeUrl('r-1', 'pdf')).toBe('/api/tpp/runs/r-1/nominative?format=pdf');
    expect(recapExportUrl('2026-11', 'xlsx')).toBe('/api/tpp/finance/recap/export?month=2026-11&format=xlsx');
  });
});

// The designated treasurer (bendahara pengeluaran): by designation, not a role; the server says who
// (GET /api/tpp/finance/treasurer) and the navigation shows the finance entry only to such an employee.
describe('the treasurer’s TPP finance entry', () => {
  const me = (roles: Role[]): Me =>
    ({
      user: {
        id: '00000000-0000-4000-8000-000000000001',
        username: 'u',
        displayName: 'U',
        employeeId: '00000000-0000-4000-8000-000000000002',
        nip: null,
        roles: roles.map((role) => ({ role, unitId: null })),
        mustChangePassword: false,
        locale: 'id',
      },
    }) as unknown as Me;
  const tpp = (m: Me, treasurer: boolean) =>
    navSectionsFor(m, { treasurer })
      .find((s) => s.group === 'tpp')
      ?.items.map((i) => `${i.to} ${i.label}`) ?? [];

  it('an employee designated as treasurer gets the runs (read-only) and the recap; without it, only My TPP', () => {
    expect(tpp(me([]), true)).toEqual(
      ['/tpp tpp', '/tpp/proses tppTreasurer', '/tpp/rekap tppRecap'].map(label),
    );
    expect(tpp(me([]), false)).toEqual(['/tpp nav.tpp']);
  });

  it('a TPP reader who is also the treasurer keeps the readers’ entries, not a second copy', () => {
    const admin = tpp(me(['ADMIN_OPD']), true);
    expect(admin).toContain('/tpp/proses nav.tppRuns');
    expect(admin.filter((i) => i.startsWith('/tpp/proses '))).toHaveLength(1);
    expect(admin.filter((i) => i.startsWith('/tpp/rekap '))).toHaveLength(1);
  });

  it('its strings exist in both languages', () => {
    expect(Object.keys(en.tppTreasurer).sort()).toEqual(Object.keys(idPages.tppTreasurer).sort());
    expect(idShell.nav.tppTreasurer).toBe('Keuangan TPP (bendahara)');
    expect(en.nav.tppTreasurer).toMatch(/treasurer/);
  });
});

function label(s: string) {
  const [to, key] = s.split(' ');
  return `${to} nav.${key}`;
}
