import { describe, expect, it } from 'vitest';
import type { Me, Role } from '../../src/shared/api/access.ts';
import { ApiError } from '../../src/web/api/http.ts';
import { navSectionsFor } from '../../src/web/app/nav.ts';
import { outsideDeadline, refusedLimit } from '../../src/web/components/discipline/parts.tsx';
import { itemIssues } from '../../src/web/pages/DisiplinKasusPage/ProcedureForms.tsx';

/** A signed-in user with the given roles (and an employee record or not). */
function me(roles: Role[], employee = true): Me {
  return {
    user: {
      id: '00000000-0000-4000-8000-000000000001',
      username: 'u',
      displayName: 'U',
      employeeId: employee ? '00000000-0000-4000-8000-000000000002' : null,
      nip: null,
      roles: roles.map((role) => ({ role, unitId: null })),
      mustChangePassword: false,
      locale: 'id',
    },
  } as unknown as Me;
}

const disiplinItems = (m: Me) =>
  navSectionsFor(m)
    .find((s) => s.group === 'disiplin')
    ?.items.map((i) => i.to) ?? [];

describe('the discipline navigation (issue 16)', () => {
  it.each([
    ['a plain employee', me(['PEGAWAI']), ['/disiplin']],
    [
      'a superior',
      me(['PEGAWAI', 'ATASAN']),
      ['/disiplin', '/disiplin/kotak-masuk', '/disiplin/indikasi', '/disiplin/kasus'],
    ],
    [
      'the Inspektorat',
      me(['PEGAWAI', 'INSPEKTORAT']),
      ['/disiplin', '/disiplin/kotak-masuk', '/disiplin/indikasi', '/disiplin/kasus', '/disiplin/dasbor'],
    ],
    [
      'BKD',
      me(['PEGAWAI', 'BKD']),
      [
        '/disiplin',
        '/disiplin/kotak-masuk',
        '/disiplin/indikasi',
        '/disiplin/kasus',
        '/disiplin/dasbor',
        '/disiplin/gaji',
        '/disiplin/penunjukan',
      ],
    ],
    [
      'the super admin without an employee record',
      me(['SUPER_ADMIN'], false),
      [
        '/disiplin/kotak-masuk',
        '/disiplin/indikasi',
        '/disiplin/kasus',
        '/disiplin/dasbor',
        '/disiplin/gaji',
        '/disiplin/penunjukan',
      ],
    ],
  ])('shows %s only their discipline pages', (_who, user, expected) => {
    expect(disiplinItems(user)).toEqual(expected);
  });

  it('puts the badge on the inbox and the group between Kinerja and Pengajuan', () => {
    const sections = navSectionsFor(me(['PEGAWAI', 'ATASAN']));
    const groups = sections.map((s) => s.group);
    expect(groups.indexOf('disiplin')).toBe(groups.indexOf('kinerja') + 1);
    expect(groups.indexOf('pengajuan')).toBe(groups.indexOf('disiplin') + 1);
    const inbox = sections.flatMap((s) => s.items).find((i) => i.to === '/disiplin/kotak-masuk');
    expect(inbox?.badge).toBe('disiplin');
  });
});

describe('date limits on the case forms', () => {
  it.each([
    ['2026-12-16', { date: '2026-12-15', bound: 'onOrBefore' as const }, true],
    ['2026-12-15', { date: '2026-12-15', bound: 'onOrBefore' as const }, false],
    ['2026-12-08', { date: '2026-12-15', bound: 'onOrAfter' as const }, true],
    ['2026-12-15', { date: '2026-12-15', bound: 'onOrAfter' as const }, false],
    ['2026-12-14', { date: '2026-12-15', bound: 'exact' as const }, true],
    ['', { date: '2026-12-15', bound: 'onOrBefore' as const }, false],
  ])('%s against %o is outside: %s', (date, deadline, outside) => {
    expect(outsideDeadline(date, deadline)).toBe(outside);
  });

  it('reads the limit the server named when it refused a date, and nothing from other errors', () => {
    const refused = new ApiError(
      'VALIDATION',
      'Tanggal pemeriksaan di luar batas',
      [
        {
          path: 'examDate',
          message: 'Tanggal pemeriksaan 08/12/2026 di luar batas',
          limitDate: '2026-12-15',
          bound: 'onOrAfter',
          legalBasis: { regulation: 'PP 94/2021', article: 'Pasal 26 ayat (2)' },
        },
      ],
      400,
    );
    expect(refusedLimit(refused)).toEqual({
      path: 'examDate',
      message: 'Tanggal pemeriksaan 08/12/2026 di luar batas',
      date: '2026-12-15',
      bound: 'onOrAfter',
      legalBasis: { regulation: 'PP 94/2021', article: 'Pasal 26 ayat (2)' },
    });
    expect(
      refusedLimit(new ApiError('VALIDATION', 'x', [{ path: 'note', message: 'Wajib' }], 400)),
    ).toBeNull();
    expect(refusedLimit(new Error('boom'))).toBeNull();
  });

  it('finds the item of a list field a refusal names, in either path notation', () => {
    const error = new ApiError(
      'VALIDATION',
      'x',
      [
        { path: 'members[1].employeeId', message: 'Kelas jabatan lebih rendah' },
        { path: 'qa.0.question', message: 'Pertanyaan wajib' },
        { path: ['members', 2, 'role'], message: 'Peran ganda' },
        { path: 'skNumber', message: 'Wajib' },
      ],
      400,
    );
    expect([...itemIssues(error, 'members')]).toEqual([
      [1, 'Kelas jabatan lebih rendah'],
      [2, 'Peran ganda'],
    ]);
    expect([...itemIssues(error, 'qa')]).toEqual([[0, 'Pertanyaan wajib']]);
  });
});
