import { describe, expect, it } from 'vitest';
import type { Me, Role } from '../../src/shared/api/access.ts';
import { objectionFields, type Objection } from '../../src/web/api/tpp-objections.ts';
import { navSectionsFor } from '../../src/web/app/nav.ts';
import {
  canObject,
  evidenceProblem,
  lineRef,
  objectableLines,
  objectionLineKey,
  objectionStatusColor,
  pendingByLine,
} from '../../src/web/components/tpp/objections/objection-view.ts';
import { enTppObjections } from '../../src/web/text/en-tpp-objections.ts';
import { idTppObjections } from '../../src/web/text/id-tpp-objections.ts';

const deduction = (date: string, code: string) => ({ date, code });
const sanction = (sanctionType: string) => ({ sanctionType });

describe('which lines of a published TPP offer an objection', () => {
  it('each deduction (once per date and code), each sanction type, the kinerja of a paid line', () => {
    const lines = objectableLines({
      deductions: [
        deduction('2027-02-04', 'TK'),
        deduction('2027-02-05', 'TL2'),
        deduction('2027-02-04', 'TK'),
      ],
      sanctions: [sanction('PENUNDAAN_KGB'), sanction('PENUNDAAN_KGB')],
      excluded: null,
    } as never);
    expect(lines).toEqual([
      { kind: 'DEDUCTION', date: '2027-02-04', code: 'TK' },
      { kind: 'DEDUCTION', date: '2027-02-05', code: 'TL2' },
      { kind: 'SANCTION', sanctionType: 'PENUNDAAN_KGB' },
      { kind: 'KINERJA' },
    ]);
  });

  it('an excluded line: the exclusion instead of the kinerja component', () => {
    const lines = objectableLines({
      deductions: [],
      sanctions: [],
      excluded: { code: 'CLTN', reason: 'Cuti di luar tanggungan negara', legalBasis: null },
    } as never);
    expect(lines).toEqual([{ kind: 'EXCLUSION' }]);
  });
});

describe('the objection window', () => {
  it('open while published (DIUMUMKAN) up to and including the last day', () => {
    expect(canObject({ status: 'DIUMUMKAN', objectionUntil: '2027-03-10' }, '2027-03-10')).toBe(true);
    expect(canObject({ status: 'DIUMUMKAN', objectionUntil: '2027-03-10' }, '2027-03-11')).toBe(false);
    expect(canObject({ status: 'DIUMUMKAN', objectionUntil: null }, '2027-03-01')).toBe(false);
  });

  it('closed once the run moved past publication, even inside the dates', () => {
    expect(canObject({ status: 'DISETUJUI_OPD', objectionUntil: '2027-03-10' }, '2027-03-05')).toBe(false);
    expect(canObject({ status: 'DIPERIKSA', objectionUntil: '2027-03-10' }, '2027-03-05')).toBe(false);
  });
});

describe('pending objections by line', () => {
  const o = (id: string, runId: string, status: Objection['status'], line: Objection['line']) =>
    ({ id, runId, status, line }) as Objection;

  it('keeps only the waiting objections of that run, keyed like the server', () => {
    const map = pendingByLine(
      [
        o('a', 'r1', 'DIAJUKAN', { kind: 'DEDUCTION', date: '2027-02-04', code: 'TK' }),
        o('b', 'r1', 'DITOLAK', { kind: 'KINERJA' }),
        o('c', 'r2', 'DIAJUKAN', { kind: 'OTHER' }),
        o('d', 'r1', 'DIAJUKAN', { kind: 'SANCTION', sanctionType: 'X' }),
      ],
      'r1',
    );
    expect([...map.entries()]).toEqual([
      ['DEDUCTION|2027-02-04|TK', 'a'],
      ['SANCTION|X', 'd'],
    ]);
    expect(map.has(objectionLineKey({ kind: 'KINERJA' }))).toBe(false);
    expect(map.has(objectionLineKey({ kind: 'OTHER' }))).toBe(false);
  });
});

describe('a line reference in words', () => {
  it('a deduction names its code and date dd/MM/yyyy', () => {
    expect(lineRef({ kind: 'DEDUCTION', date: '2027-02-04', code: 'TK' })).toEqual({
      key: 'DEDUCTION',
      values: { code: 'TK', date: '04/02/2027' },
    });
    expect(idTppObjections.lines.DEDUCTION.replace('{{code}}', 'TK').replace('{{date}}', '04/02/2027')).toBe(
      'Potongan TK tanggal 04/02/2027',
    );
  });

  it('a sanction its type; the others their kind', () => {
    expect(lineRef({ kind: 'SANCTION', sanctionType: 'PENURUNAN_JABATAN' })).toEqual({
      key: 'SANCTION',
      values: { type: 'PENURUNAN_JABATAN' },
    });
    expect(lineRef({ kind: 'KINERJA' })).toEqual({ key: 'KINERJA', values: {} });
    expect(lineRef({ kind: 'EXCLUSION' }).key).toBe('EXCLUSION');
  });

  it('status colours: waiting blue, upheld teal, rejected red', () => {
    expect(objectionStatusColor('DIAJUKAN')).toBe('blue');
    expect(objectionStatusColor('DITERIMA')).toBe('teal');
    expect(objectionStatusColor('DITOLAK')).toBe('red');
  });
});

describe('the multipart fields of a new objection', () => {
  it('a deduction sends its date and code; the reason trimmed', () => {
    expect(objectionFields({ kind: 'DEDUCTION', date: '2027-02-04', code: 'TK' }, '  hadir \n')).toEqual({
      kind: 'DEDUCTION',
      date: '2027-02-04',
      code: 'TK',
      reason: 'hadir',
    });
  });

  it('a sanction its type; kinerja, exclusion and other only the kind', () => {
    expect(objectionFields({ kind: 'SANCTION', sanctionType: 'X' }, 'r')).toEqual({
      kind: 'SANCTION',
      sanctionType: 'X',
      reason: 'r',
    });
    expect(objectionFields({ kind: 'EXCLUSION' }, 'r')).toEqual({ kind: 'EXCLUSION', reason: 'r' });
  });
});

describe('the evidence file check', () => {
  const f = (name: string, type: string, size: number) => ({ name, type, size });
  it('PDF, JPG, PNG up to the limit pass; no file passes', () => {
    expect(evidenceProblem(null)).toBeNull();
    expect(evidenceProblem(f('surat.pdf', 'application/pdf', 1000))).toBeNull();
    expect(evidenceProblem(f('foto.jpg', 'image/jpeg', 1000))).toBeNull();
    expect(evidenceProblem(f('foto.PNG', '', 1000))).toBeNull();
  });
  it('another type or a larger file is refused', () => {
    expect(evidenceProblem(f('data.xlsx', 'application/vnd.ms-excel', 10))).toBe('type');
    expect(evidenceProblem(f('x.exe', '', 10))).toBe('type');
    expect(evidenceProblem(f('big.pdf', 'application/pdf', 6 * 1024 * 1024))).toBe('size');
    expect(evidenceProblem(f('small.pdf', 'application/pdf', 2000), 1000)).toBe('size');
  });
});

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

describe('the objections inbox in the navigation', () => {
  const entry = (m: Me) =>
    navSectionsFor(m)
      .find((s) => s.group === 'tpp')
      ?.items.find((i) => i.to === '/tpp/keberatan');
  it.each([
    ['a superior', me(['PEGAWAI', 'ATASAN']), true],
    ['BKD (tpp.manage)', me(['PEGAWAI', 'BKD']), true],
    ['a plain employee', me(['PEGAWAI']), false],
    ['admin OPD (tpp.run, does not decide)', me(['PEGAWAI', 'ADMIN_OPD']), false],
    ['the Inspektorat (reads only)', me(['PEGAWAI', 'INSPEKTORAT']), false],
  ])('%s: %s', (_name, user, shown) => {
    const item = entry(user);
    expect(!!item).toBe(shown);
    if (item) expect(item.badge).toBe('tppObjections');
  });
});

describe('the texts', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) =>
      typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
    );
  it('both languages have the same keys, none empty, the placeholder title replaced', () => {
    expect(keys(enTppObjections).sort()).toEqual(keys(idTppObjections).sort());
    expect(idTppObjections.title).toBe('Keberatan TPP');
    expect(enTppObjections.title).toBe('TPP objections');
    const values = (o: object): string[] =>
      Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : values(v as object)));
    expect(values(idTppObjections).every((v) => v.trim().length > 0)).toBe(true);
    expect(values(enTppObjections).every((v) => v.trim().length > 0)).toBe(true);
  });
});
