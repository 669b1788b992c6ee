import { newPhone } from '../../helpers/evidence.ts';
import {
  nipForms,
  get,
  post,
  put,
  del,
  upload,
  dayAfter,
  fresh,
  type AccessTable,
} from '../scope-harness.ts';

/** Who may reach what (test/security/scope-harness.ts explains the codes): Attendance (punches, reviews, phones, work locations, field assignments, kiosks, apel, terminals) and rosters. */
export const ATTENDANCE_ACCESS: AccessTable = {
  // ── Attendance ──
  'GET /api/attendance/today': { kind: 'plain', expect: 'DAAAAAA', req: () => get('/api/attendance/today') },
  'POST /api/attendance/punches': {
    kind: 'plain',
    expect: 'DAAAAAA',
    req: (x) =>
      post('/api/attendance/punches', { idempotencyKey: `scope-own-${x.n()}`, kind: 'IN', location: null }),
  },
  'GET /api/attendance/punches': {
    kind: 'list',
    expect: 'AAAIIII',
    req: () => get('/api/attendance/punches?pageSize=200'),
    mark: (x, w) => x.side[w].flaggedPunchId,
  },
  'GET /api/attendance/punches/export.{format}': {
    kind: 'list',
    expect: 'AAAIIII',
    req: () => get('/api/attendance/punches/export.csv'),
    mark: (x, w) => nipForms(x, w),
  },
  'POST /api/attendance/punches/export-jobs': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: () => post('/api/attendance/punches/export-jobs?format=csv'),
  },
  'GET /api/attendance/punches/{id}/photo': {
    expect: 'AAADIII',
    req: (x, _r, w) => get(`/api/attendance/punches/${x.side[w].flaggedPunchId}/photo`),
  },
  'GET /api/attendance/reviews': {
    kind: 'list',
    expect: 'ANNNIIN',
    req: () => get('/api/attendance/reviews?pageSize=200'),
    mark: (x, w) => x.side[w].flaggedPunchId,
  },
  'GET /api/attendance/reviews/count': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: () => get('/api/attendance/reviews/count'),
  },
  'POST /api/attendance/punches/{id}/review': {
    expect: 'ADDDIID',
    req: async (x, _r, w) =>
      post(`/api/attendance/punches/${await fresh.punch(x, w)}/review`, {
        decision: 'ACCEPTED',
        note: 'Sudah dicek',
      }),
  },
  'POST /api/attendance/devices': {
    kind: 'plain',
    expect: 'DAAAAAA',
    req: () =>
      post('/api/attendance/devices', { publicKey: newPhone().jwk, label: 'Ponsel', reason: 'Ganti' }),
  },
  'GET /api/attendance/devices': {
    kind: 'list',
    expect: 'AADDIDD',
    req: () => get('/api/attendance/devices?pageSize=200'),
    mark: (x, w) => x.side[w].pendingDeviceId,
  },
  'GET /api/attendance/devices/mine': {
    kind: 'plain',
    expect: 'DAAAAAA',
    req: () => get('/api/attendance/devices/mine'),
  },
  'POST /api/attendance/devices/{id}/decision': {
    expect: 'AADDIDD',
    req: async (x, _r, w) =>
      post(`/api/attendance/devices/${await fresh.device(x, w)}/decision`, {
        decision: 'REJECT',
        note: 'Tidak dikenal',
      }),
  },
  'GET /api/attendance/work-locations': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/attendance/work-locations?employeeId=${x.side[w].employeeId}`),
  },
  'POST /api/attendance/work-locations': {
    expect: 'AADDIDD',
    req: (x, _r, w) =>
      post('/api/attendance/work-locations', {
        employeeId: x.side[w].employeeId,
        kind: 'WFH',
        label: `Rumah ${x.n()}`,
        lat: -6.2,
        lon: 106.2,
        radiusM: 100,
        validFrom: '2026-02-01',
      }),
  },
  'DELETE /api/attendance/work-locations/{id}': {
    expect: 'AADDIDD',
    req: async (x, _r, w) => del(`/api/attendance/work-locations/${await fresh.workLocation(x, w)}`),
  },
  'GET /api/attendance/field-assignments': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/attendance/field-assignments?employeeId=${x.side[w].employeeId}`),
  },
  'POST /api/attendance/field-assignments': {
    expect: 'AADDIDD',
    req: (x, _r, w) => {
      const d = dayAfter(60 + x.n());
      return post('/api/attendance/field-assignments', {
        employeeId: x.side[w].employeeId,
        dateFrom: d,
        dateTo: d,
        letterNumber: `ST/${x.n()}`,
        destination: 'Kantor Gubernur',
        lat: -6.12,
        lon: 106.15,
        radiusM: 200,
      });
    },
  },
  'POST /api/attendance/kiosks': {
    expect: 'AADDIDD',
    req: (x, _r, w) => post('/api/attendance/kiosks', { unitId: x.side[w].unitId, label: 'Kios' }),
  },
  'GET /api/attendance/kiosks/{id}/code': {
    skip: 'public: the kiosk token decides (attendance.test.ts, route-guard.test.ts)',
  },
  'DELETE /api/attendance/kiosks/{id}': {
    expect: 'AADDIDD',
    req: async (x, _r, w) => del(`/api/attendance/kiosks/${await fresh.kiosk(x, w)}`),
  },
  'GET /api/attendance/apel-schedules': {
    expect: 'AADDIDD',
    req: (x, _r, w) => get(`/api/attendance/apel-schedules?unitId=${x.side[w].unitId}`),
  },
  'POST /api/attendance/apel-schedules': {
    expect: 'AADDIDD',
    req: (x, _r, w) =>
      post('/api/attendance/apel-schedules', {
        unitId: x.side[w].unitId,
        kind: 'APEL_PAGI',
        weekdays: [1],
        startTime: '07:30',
        windowMinutes: 30,
        validFrom: dayAfter(500 + x.n()),
      }),
  },
  'GET /api/attendance/apel-sessions': {
    expect: 'AAAIIDD',
    req: (x, _r, w) => get(`/api/attendance/apel-sessions?unitId=${x.side[w].unitId}&date=2026-01-15`),
  },
  'POST /api/attendance/apel-sessions': {
    expect: 'AADDIDD',
    req: (x, _r, w) =>
      post('/api/attendance/apel-sessions', {
        unitId: x.side[w].unitId,
        kind: 'UPACARA_HARI_BESAR',
        title: 'Upacara uji',
        localDate: dayAfter(600 + x.n()),
        startTime: '08:00',
        windowMinutes: 30,
      }),
  },
  'POST /api/attendance/terminal-imports': {
    expect: 'AADDIDD',
    req: (x, _r, w) =>
      upload(
        '/api/attendance/terminal-imports',
        { unitId: x.side[w].unitId, dryRun: 'true' },
        { name: '1_attlog.dat', content: '   9\t2026-01-14 07:01:00\t1\t0\t1\t0\n' },
      ),
  },
  'GET /api/attendance/terminal-users': {
    kind: 'list',
    expect: 'AADDIDD',
    req: () => get('/api/attendance/terminal-users?pageSize=200'),
    mark: (x, w) => x.side[w].colleagueId,
  },
  'POST /api/attendance/terminal-users': {
    expect: 'AADDIDD',
    req: (x, _r, w) =>
      post('/api/attendance/terminal-users', {
        terminalSerial: null,
        terminalUserId: `U${x.n()}`,
        employeeId: x.side[w].employeeId,
      }),
  },
  'POST /api/attendance/terminal-users/import': {
    expect: 'AADDIDD',
    rowRefusal: [400],
    req: (x, _r, w) =>
      upload(
        '/api/attendance/terminal-users/import',
        {},
        { name: 'users.csv', content: `terminal_user_id,nip\nV${x.n()},${x.side[w].employee.nip}\n` },
      ),
  },
  'DELETE /api/attendance/terminal-users/{id}': {
    expect: 'AADDIDD',
    req: async (x, _r, w) => del(`/api/attendance/terminal-users/${await fresh.terminalUser(x, w)}`),
  },

  // ── Rosters ──
  'GET /api/rosters': {
    expect: 'AADDIDD',
    req: (x, _r, w) => get(`/api/rosters?unitId=${x.side[w].unitId}&month=2026-02`),
  },
  'PUT /api/rosters': {
    expect: 'AADDIDD',
    req: (x, _r, w) =>
      put('/api/rosters', {
        lines: [{ employeeId: x.side[w].employeeId, date: dayAfter(900 + x.n()), shiftCode: null }],
      }),
  },
  'GET /api/rosters/mine': {
    kind: 'plain',
    expect: 'DAAAAAA',
    req: () => get('/api/rosters/mine?from=2026-01-15&to=2026-01-31'),
  },
  'POST /api/rosters/clear': {
    expect: 'AADDIDD',
    req: (x, _r, w) =>
      post('/api/rosters/clear', {
        employeeIds: [x.side[w].employeeId],
        from: '2026-03-01',
        to: '2026-03-31',
      }),
  },
  'POST /api/rosters/import': {
    expect: 'AADDIDD',
    rowRefusal: [422],
    req: (x, _r, w) =>
      upload(
        '/api/rosters/import',
        {},
        {
          name: 'jadwal.csv',
          content: `nip,tanggal,shift\n${x.side[w].employee.nip},${dayAfter(950 + x.n())},LIBUR\n`,
        },
      ),
  },
  'GET /api/rosters/export.csv': {
    expect: 'AADDIDD',
    req: (x, _r, w) => get(`/api/rosters/export.csv?unitId=${x.side[w].unitId}&month=2026-02`),
  },
};
