import { describe, expect, it } from 'vitest';
import type { Me, Role } from '../../src/shared/api/access.ts';
import { ApiError } from '../../src/web/api/http.ts';
import { tppImportErrors, type RunLineDetail, type TppAmounts } from '../../src/web/api/tpp.ts';
import { navSectionsFor } from '../../src/web/app/nav.ts';
import {
  addMonths,
  amountSteps,
  budgetShare,
  canRecompute,
  causeChartData,
  deductionRows,
  groupImportErrors,
  latestPublishedMonth,
  monthsBack,
  objectionOpen,
  percentText,
  recapLink,
  stepButtons,
} from '../../src/web/components/tpp/tpp-view.ts';
import { en } from '../../src/web/text/en.ts';
import { idPages } from '../../src/web/text/id-pages.ts';

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

const tppItems = (m: Me) =>
  navSectionsFor(m)
    .find((s) => s.group === 'tpp')
    ?.items.map((i) => i.to) ?? [];

describe('the TPP navigation (issue 17)', () => {
  // Readers: runs, the recap per OPD for finance, pay data, exclusions and the dashboard; BKD also decides
  // objections and keeps tariffs, pagu and simulations; a superior decides her staff's objections.
  const data = ['/tpp/proses', '/tpp/rekap', '/tpp/data-gaji', '/tpp/pengecualian', '/tpp/dasbor'];
  const bkd = [
    '/tpp/proses',
    '/tpp/keberatan',
    '/tpp/rekap',
    '/tpp/tarif',
    '/tpp/pagu',
    '/tpp/data-gaji',
    '/tpp/pengecualian',
    '/tpp/dasbor',
    '/tpp/simulasi',
  ];
  it.each([
    ['a plain employee', me(['PEGAWAI']), ['/tpp']],
    ['a superior', me(['PEGAWAI', 'ATASAN']), ['/tpp', '/tpp/keberatan']],
    ['admin OPD (tpp.run)', me(['PEGAWAI', 'ADMIN_OPD']), ['/tpp', ...data]],
    ['the Inspektorat (tpp.read)', me(['PEGAWAI', 'INSPEKTORAT']), ['/tpp', ...data]],
    ['BKD (tpp.manage)', me(['PEGAWAI', 'BKD']), ['/tpp', ...bkd]],
    ['a super admin without an employee record', me(['SUPER_ADMIN'], false), bkd],
  ])('%s sees %j', (_name, user, expected) => {
    expect(tppItems(user)).toEqual(expected);
  });

  it('comes after the recap (a month is paid from its closed recap), before oversight and the administration', () => {
    const groups = navSectionsFor(me(['PEGAWAI', 'BKD'])).map((s) => s.group);
    expect(groups.indexOf('tpp')).toBe(groups.indexOf('rekap') + 1);
    expect(groups.indexOf('pengawasan')).toBe(groups.indexOf('tpp') + 1);
    expect(groups.indexOf('administrasi')).toBe(groups.indexOf('pengawasan') + 1);
  });
});

const amounts = (over: Partial<TppAmounts> = {}): TppAmounts => ({
  base: 5_000_000,
  kinerja: 2_000_000,
  disiplin: 3_000_000,
  deductions: 112_500,
  sanctionCut: 150_000,
  gross: 4_737_500,
  bpjsEmployer: 189_500,
  bpjsEmployee: 47_375,
  tax: 236_875,
  taxWithheld: 236_875,
  correction: 0,
  net: 4_453_250,
  ...over,
});

describe('a line from the base to the net', () => {
  it('orders the rows as the slip reads them, without a zero correction', () => {
    expect(amountSteps(amounts()).map((s) => `${s.sign}${s.key}`)).toEqual([
      'base',
      '+kinerja',
      '+disiplin',
      '-deductions',
      '-sanctionCut',
      '=gross',
      '-bpjsEmployee',
      '-taxWithheld',
      '=net',
    ]);
  });

  it('shows a correction (a kekurangan or a kelebihan bayar) before the net', () => {
    const steps = amountSteps(amounts({ correction: -25_000, net: 4_428_250 }));
    expect(steps.at(-2)).toEqual({ key: 'correction', amount: -25_000, sign: '+' });
    expect(steps.at(-1)).toEqual({ key: 'net', amount: 4_428_250, sign: '=' });
  });

  it('has signed rows that add up to the gross and to the net', () => {
    const a = amounts({ correction: 10_000, net: 4_463_250 });
    const steps = amountSteps(a);
    const sum = (upTo: string) => {
      let n = 0;
      for (const s of steps) {
        if (s.key === upTo) return n;
        if (s.sign === '+') n += s.amount;
        if (s.sign === '-') n -= s.amount;
      }
      return NaN;
    };
    expect(sum('gross')).toBe(a.gross);
    expect(sum('net')).toBe(a.net);
  });
});

describe('deduction lines', () => {
  const line = {
    deductions: [
      {
        date: '2027-03-04',
        code: 'TL2',
        detail: 'Terlambat 31–60 menit',
        percent: 1,
        amount: 30_000,
        appliedAmount: 30_000,
        rule: 'TL 31–60 menit: 1% dari komponen disiplin',
        legalBasis: { regulation: 'Pergub 12/2024', article: 'Pasal 9 ayat (2)' },
        link: '/rekap?pegawai=e1&bulan=2027-03&tanggal=2027-03-04',
        segmentAmounts: null,
      },
      {
        date: '2027-03-29',
        code: 'TK',
        detail: null,
        percent: 1.25,
        amount: 37_500,
        appliedAmount: 12_000,
        rule: 'TK: 1,25%',
        legalBasis: { regulation: 'Pergub 12/2024', note: 'dibatasi' },
        link: '/rekap?pegawai=e1&bulan=2027-03&tanggal=2027-03-29',
        segmentAmounts: null,
      },
    ],
  } as unknown as Pick<RunLineDetail, 'deductions'>;

  it('shows date dd/MM/yyyy, percent with a decimal comma, the applied rupiah and the basis', () => {
    const [first, second] = deductionRows(line);
    expect(first).toMatchObject({
      dateText: '04/03/2027',
      code: 'TL2',
      percent: '1%',
      amount: 30_000,
      beforeCap: null,
      basis: 'Pergub 12/2024 Pasal 9 ayat (2)',
      link: '/rekap?pegawai=e1&bulan=2027-03&tanggal=2027-03-04',
    });
    expect(second).toMatchObject({
      dateText: '29/03/2027',
      percent: '1,25%',
      amount: 12_000,
      beforeCap: 37_500,
    });
    expect(second!.basis).toBe('Pergub 12/2024 — dibatasi');
  });

  it('links a day to the recap calendar, the API link first', () => {
    expect(recapLink('e1', '2027-03-04')).toBe('/rekap?pegawai=e1&bulan=2027-03&tanggal=2027-03-04');
    expect(recapLink('e1', '2027-03-04', '/rekap?x=1')).toBe('/rekap?x=1');
  });

  it.each([
    [0.5, '0,5%'],
    [1.25, '1,25%'],
    [4, '4%'],
    [0, '0%'],
    [2.5, '2,5%'],
  ])('writes %s as %s', (p, text) => {
    expect(percentText(p)).toBe(text);
  });
});

describe('months', () => {
  it('steps across a year', () => {
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(monthsBack('2027-02', 3)).toEqual(['2027-02', '2027-01', '2026-12']);
  });

  it('opens "TPP saya" on the newest published month, waiting for newer answers', () => {
    const months = ['2027-04', '2027-03', '2027-02'];
    const none = { items: [] };
    const one = { items: [{}] };
    expect(latestPublishedMonth(months, [none, one, one], '2027-03')).toBe('2027-03');
    expect(latestPublishedMonth(months, [one, undefined, undefined], '2027-03')).toBe('2027-04');
    expect(latestPublishedMonth(months, [none, undefined, one], '2027-03')).toBeNull();
    expect(latestPublishedMonth(months, [none, none, none], '2027-03')).toBe('2027-03');
  });

  it('keeps the objection window open through its last day', () => {
    expect(objectionOpen('2027-04-10', '2027-04-10')).toBe(true);
    expect(objectionOpen('2027-04-10', '2027-04-11')).toBe(false);
    expect(objectionOpen(null, '2027-04-01')).toBe(false);
  });
});

describe('run totals', () => {
  it('charts the causes with an amount, largest first, ties in cause order', () => {
    expect(
      causeChartData({ TL: 50_000, PSW: 0, TK: 120_000, APEL: 50_000, LKH: 0, LAINNYA: 0, SANKSI: 300_000 }),
    ).toEqual([
      { cause: 'SANKSI', amount: 300_000 },
      { cause: 'TK', amount: 120_000 },
      { cause: 'TL', amount: 50_000 },
      { cause: 'APEL', amount: 50_000 },
    ]);
    expect(causeChartData({})).toEqual([]);
  });

  it('measures a month against the yearly pagu', () => {
    expect(budgetShare(250, { amount: 1000 })).toBe(0.25);
    expect(budgetShare(250, null)).toBeNull();
    expect(budgetShare(250, { amount: 0 })).toBeNull();
  });
});

describe('lifecycle buttons', () => {
  it('shows the steps the server allows, in lifecycle order, recompute apart', () => {
    const run = { actions: ['publish', 'compute', 'check'] as const, blockers: [] };
    expect(stepButtons({ ...run, actions: [...run.actions] }).map((b) => b.action)).toEqual([
      'check',
      'publish',
    ]);
    expect(canRecompute({ actions: ['compute'] })).toBe(true);
    expect(canRecompute({ actions: ['lock'] })).toBe(false);
  });

  it("disables the head's approval with the reasons while the window is open or objections wait", () => {
    const blockers = ['Masa keberatan berakhir 10/04/2027', '2 keberatan belum diputus'];
    const [b] = stepButtons({ actions: ['approveOpd'], blockers });
    expect(b).toEqual({ action: 'approveOpd', color: 'teal', blockedBy: blockers });
    expect(stepButtons({ actions: ['approveOpd'], blockers: [] })[0]!.blockedBy).toBeNull();
    expect(stepButtons({ actions: ['lock'], blockers })[0]).toEqual({
      action: 'lock',
      color: 'dark',
      blockedBy: null,
    });
  });

  it('shows nothing to a reader who may take no step', () => {
    expect(stepButtons({ actions: [], blockers: ['x'] })).toEqual([]);
  });
});

describe('import reports', () => {
  const errors = [
    { line: 5, column: 'besaran', message: 'Besaran TPP tidak boleh negatif' },
    { line: 3, column: 'kelas', message: 'Kelas jabatan paling besar 17' },
    { line: null, column: null, message: 'Kelas 9 dipakai tetapi tidak memiliki besaran' },
    { line: 5, column: 'kriteria', message: 'Kriteria tidak dikenal' },
  ];

  it('groups bad rows by line, the file as a whole first', () => {
    expect(groupImportErrors(errors)).toEqual([
      { line: null, messages: [{ column: null, message: 'Kelas 9 dipakai tetapi tidak memiliki besaran' }] },
      { line: 3, messages: [{ column: 'kelas', message: 'Kelas jabatan paling besar 17' }] },
      {
        line: 5,
        messages: [
          { column: 'besaran', message: 'Besaran TPP tidak boleh negatif' },
          { column: 'kriteria', message: 'Kriteria tidak dikenal' },
        ],
      },
    ]);
  });

  it('reads the rows of a refused commit (422 IMPORT_INVALID) and nothing from other errors', () => {
    expect(tppImportErrors(new ApiError('IMPORT_INVALID', 'x', errors, 422))).toHaveLength(4);
    expect(tppImportErrors(new ApiError('VALIDATION', 'x', errors, 400))).toBeNull();
    expect(tppImportErrors(new Error('x'))).toBeNull();
  });
});

describe('TPP strings', () => {
  it('has the empty state of "TPP saya" in Indonesian and English', () => {
    expect(idPages.tpp.mine.empty).toBe('Belum ada TPP yang diumumkan untuk bulan ini');
    expect(en.tpp.mine.empty).toMatch(/No TPP/);
  });

  it('names every run status and deduction cause in both languages', () => {
    for (const s of ['DRAFT', 'DIPERIKSA', 'DIUMUMKAN', 'DISETUJUI_OPD', 'DISETUJUI', 'DIKUNCI'] as const) {
      expect(idPages.tpp.statuses[s]).toBeTruthy();
      expect(en.tpp.statuses[s]).toBeTruthy();
    }
    for (const c of ['TL', 'PSW', 'TK', 'APEL', 'LKH', 'LAINNYA', 'SANKSI'] as const) {
      expect(idPages.tpp.causes[c]).toBeTruthy();
      expect(en.tpp.causes[c]).toBeTruthy();
    }
  });
});
