import { describe, expect, it } from 'vitest';
import type { Me, Role } from '../../src/shared/api/access.ts';
import { navSectionsFor } from '../../src/web/app/nav.ts';
import { enElectionWatch } from '../../src/web/text/en-election-watch.ts';
import { idElectionWatch } from '../../src/web/text/id-election-watch.ts';

/** A signed-in user with the given roles. */
function me(roles: Role[]): Me {
  return {
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
  } as unknown as Me;
}

const opens = (m: Me) =>
  navSectionsFor(m)
    .flatMap((s) => s.items)
    .some((i) => i.to === '/pengawasan-pemilu');

/** Placeholders of a message ({{name}}), sorted. */
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
/** Every string of a nested message object by its dotted key. */
const flat = (o: object, prefix = ''): [string, string][] =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flat(v as object, `${prefix}${k}.`),
  );

describe('the election-watch page in the navigation and its texts (issue 18 point 3)', () => {
  it.each<[string, Role[], boolean]>([
    ['a plain employee', ['PEGAWAI'], false],
    ['a superior (a head of OPD acknowledges here)', ['PEGAWAI', 'ATASAN'], true],
    ['an admin OPD', ['PEGAWAI', 'ADMIN_OPD'], true],
    ['BKD', ['PEGAWAI', 'BKD'], true],
    ['the Sekda (PIMPINAN)', ['PEGAWAI', 'PIMPINAN'], true],
  ])('%s: %s', (_, roles, shown) => expect(opens(me(roles))).toBe(shown));

  it('has the same placeholders in Indonesian and English', () => {
    const en = new Map(flat(enElectionWatch));
    for (const [key, text] of flat(idElectionWatch))
      expect(placeholders(en.get(key) ?? ''), key).toEqual(placeholders(text));
  });
});
