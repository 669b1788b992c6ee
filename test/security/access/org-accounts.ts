import { multipart } from '../../helpers/test-app.ts';
import { testPng } from '../../../src/server/documents/test-images.ts';
import {
  nipForms,
  get,
  post,
  put,
  patch,
  del,
  upload,
  dayAfter,
  fresh,
  freshNotification,
  type AccessTable,
} from '../scope-harness.ts';

/** Who may reach what (test/security/scope-harness.ts explains the codes): Health, sign-in, the organisation (units, positions, employees), audit, imports, documents, rulebooks, the dashboard, accounts and grants, notifications and background jobs. */
export const ORG_ACCOUNTS_ACCESS: AccessTable = {
  'GET /api/health': { kind: 'plain', expect: 'AAAAAAA', req: () => get('/api/health') },
  'GET /api/health/live': { kind: 'plain', expect: 'AAAAAAA', req: () => get('/api/health/live') },
  'GET /api/health/ready': { kind: 'plain', expect: 'AAAAAAA', req: () => get('/api/health/ready') },
  // ── Access ──
  'POST /api/auth/login': {
    skip: 'public; its lockout and policy are in access/lockout.test.ts and auth.test.ts',
  },
  'GET /api/auth/me': { kind: 'plain', expect: 'AAAAAAA', req: () => get('/api/auth/me') },
  'POST /api/auth/logout': {
    skip: 'ends the caller’s own session only (auth.test.ts); no record of anyone else',
  },
  'POST /api/auth/change-password': { skip: 'one’s own password only (auth.test.ts, lockout.test.ts)' },
  'GET /api/auth/password-policy': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: () => get('/api/auth/password-policy'),
  },

  // ── Organisation ──
  'GET /api/units/tree': {
    kind: 'list',
    expect: 'AAAIIII',
    req: () => get('/api/units/tree'),
    mark: (x, w) => x.side[w].unitId,
  },
  'GET /api/units/{id}': { expect: 'AAAIIII', req: (x, _r, w) => get(`/api/units/${x.side[w].unitId}`) },
  'PATCH /api/units/{id}': {
    expect: 'AADDIDD',
    req: async (x, _r, w) => {
      const u = await x.t.db
        .selectFrom('units')
        .selectAll()
        .where('id', '=', x.side[w].unitId)
        .executeTakeFirstOrThrow();
      return patch(`/api/units/${u.id}`, {
        code: u.code,
        name: u.name,
        kind: u.kind,
        parentId: u.parentId,
        timeZone: u.timeZone,
        address: u.address,
      });
    },
  },
  'POST /api/units': {
    expect: 'AADDIDD',
    req: (x, _r, w) =>
      post('/api/units', {
        code: `UJI-${x.n()}`,
        name: 'Seksi Uji',
        kind: 'BIDANG',
        parentId: x.side[w].unitId,
        timeZone: 'Asia/Jakarta',
      }),
  },
  'POST /api/units/{id}/offices': {
    expect: 'AADDIDD',
    req: (x, _r, w) =>
      post(`/api/units/${x.side[w].unitId}/offices`, {
        name: 'Pos uji',
        lat: -6.1,
        lon: 106.1,
        radiusM: 100,
      }),
  },
  'DELETE /api/units/{unitId}/offices/{officeId}': {
    expect: 'AADDIDD',
    req: async (x, _r, w) => del(`/api/units/${x.side[w].unitId}/offices/${await fresh.office(x, w)}`),
  },
  'GET /api/positions': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/positions?unitId=${x.side[w].unitId}`),
  },
  'GET /api/employees': {
    kind: 'list',
    expect: 'AAAIIII',
    req: () => get('/api/employees?pageSize=200&status=all&q='),
  },
  'POST /api/employees': {
    expect: 'AADDIDD',
    req: (x, _r, w) =>
      post('/api/employees', {
        nip: null,
        internalId: `SCOPE-${x.n()}`,
        name: 'Pegawai Uji Lingkup',
        gender: 'P',
        employeeType: 'NON_ASN',
        unitId: x.side[w].unitId,
        activeFrom: '2026-01-02',
      }),
  },
  'GET /api/employees/export.{format}': {
    kind: 'list',
    expect: 'AAAIIII',
    req: () => get('/api/employees/export.csv?status=all'),
    mark: (x, w) => nipForms(x, w),
  },
  'POST /api/employees/export-jobs': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: () => post('/api/employees/export-jobs?format=csv'),
  },
  'GET /api/employees/{id}': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/employees/${x.side[w].employeeId}`),
  },
  'PATCH /api/employees/{id}': {
    expect: 'AADDIDD',
    req: (x, _r, w) => patch(`/api/employees/${x.side[w].employeeId}`, { phone: '0812000000' }),
  },
  'GET /api/employees/{id}/on': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/employees/${x.side[w].employeeId}/on?date=2026-01-15`),
  },
  'POST /api/employees/{id}/placements': {
    expect: 'AADDIDD',
    req: async (x, _r, w) => {
      const e = await x.t.db
        .selectFrom('employees')
        .select(['unitId', 'positionId', 'superiorId'])
        .where('id', '=', x.side[w].colleagueId)
        .executeTakeFirstOrThrow();
      return post(`/api/employees/${x.side[w].colleagueId}/placements`, {
        ...e,
        validFrom: dayAfter(200 + x.n()),
        decree: 'SK uji',
      });
    },
  },
  'POST /api/employees/{id}/acting': {
    expect: 'AADDIDD',
    req: async (x, _r, w) => {
      const head = await x.t.db
        .selectFrom('positions')
        .select('id')
        .where('unitId', '=', x.side[w].unitId)
        .where('isHead', '=', true)
        .executeTakeFirstOrThrow();
      const d = dayAfter(400 + x.n());
      return post(`/api/employees/${x.side[w].colleagueId}/acting`, {
        kind: 'PLH',
        positionId: head.id,
        validFrom: d,
        validTo: d,
        reason: 'Kepala cuti',
      });
    },
  },

  // ── Audit ──
  // PIMPINAN reads the audit log of its subtree too (authz.ts, audit.read; issue 13 point 10).
  'GET /api/audit': {
    kind: 'list',
    expect: 'AAAIIDD',
    req: () => get('/api/audit?pageSize=200&entityType=permit'),
    mark: (x, w) => x.side[w].permitId,
  },
  'GET /api/audit/export.csv': {
    kind: 'list',
    expect: 'AAAIIDD',
    req: () => get('/api/audit/export.csv?entityType=permit'),
    mark: (x, w) => x.side[w].employee.nip!,
  },
  'GET /api/audit/verify': { kind: 'plain', expect: 'AAADDDD', req: () => get('/api/audit/verify') },

  // ── Imports ──
  'POST /api/imports': {
    kind: 'plain',
    expect: 'AADDADD',
    req: (x) =>
      upload(
        '/api/imports',
        { kind: 'units' },
        {
          name: 'unit.csv',
          content: `kode,nama,jenis,induk,zona_waktu\nI${x.n()},Unit Uji,BIDANG,DINKES,WIB\n`,
        },
      ),
  },
  'GET /api/imports': { kind: 'plain', expect: 'AADDADD', req: () => get('/api/imports') },
  'GET /api/imports/{id}': {
    expect: 'IIDDIDD',
    req: async (x, r, w) => get(`/api/imports/${await fresh.importJob(x, r, w)}`),
  },
  'POST /api/imports/{id}/commit': {
    expect: 'IIDDIDD',
    req: async (x, r, w) => post(`/api/imports/${await fresh.importJob(x, r, w)}/commit`, { mode: 'all' }),
  },
  'GET /api/imports/template/{file}': {
    kind: 'plain',
    expect: 'AADDADD',
    req: () => get('/api/imports/template/units.csv'),
  },
  'GET /api/imports/columns': { kind: 'plain', expect: 'AADDADD', req: () => get('/api/imports/columns') },

  // ── Documents (letterheads, letter-number schemes): BKD and the super admin only ──
  'GET /api/documents/letterheads': {
    kind: 'plain',
    expect: 'AADDDDD',
    req: () => get('/api/documents/letterheads'),
  },
  'PUT /api/documents/letterheads': {
    kind: 'plain',
    expect: 'AADDDDD',
    req: () => put('/api/documents/letterheads', { unitId: null, regionName: 'Pemerintah Provinsi Banten' }),
  },
  'POST /api/documents/letterheads/logo': {
    kind: 'plain',
    expect: 'AADDDDD',
    req: () => {
      const mp = multipart({}, { field: 'logo', name: 'logo.png', content: testPng(), type: 'image/png' });
      return {
        method: 'POST',
        url: '/api/documents/letterheads/logo',
        payload: mp.payload,
        headers: mp.headers,
      };
    },
  },
  'GET /api/documents/letterheads/logo': {
    kind: 'plain',
    expect: 'AADDDDD',
    req: () => get('/api/documents/letterheads/logo'),
  },
  'GET /api/documents/letter-number-schemes': {
    kind: 'plain',
    expect: 'AADDDDD',
    req: () => get('/api/documents/letter-number-schemes'),
  },
  'PUT /api/documents/letter-number-schemes': {
    kind: 'plain',
    expect: 'AADDDDD',
    req: (x) =>
      put('/api/documents/letter-number-schemes', {
        unitId: x.side.in.opdUnitId,
        letterType: 'CUTI',
        pattern: '{kode}/{nomor}/CUTI/{unit}/{tahun}',
        classificationCode: '800.1.11.4',
      }),
  },

  // ── Rulebooks ──
  'GET /api/rulebooks': { kind: 'plain', expect: 'AAAAADD', req: () => get('/api/rulebooks') },
  'POST /api/rulebooks': {
    kind: 'plain',
    expect: 'AADDDDD',
    req: () => post('/api/rulebooks', { meta: {} }),
  },
  'GET /api/rulebooks/resolve': {
    kind: 'plain',
    expect: 'AAAAADD',
    req: () => get('/api/rulebooks/resolve?region=nasional&date=2026-01-15'),
  },
  'GET /api/rulebooks/{id}': {
    kind: 'plain',
    expect: 'AAAAADD',
    req: async (x) =>
      get(
        `/api/rulebooks/${(await x.t.db.selectFrom('rulebookVersions').select('id').executeTakeFirstOrThrow()).id}`,
      ),
  },
  'POST /api/rulebooks/validate': {
    kind: 'plain',
    expect: 'AAAAADD',
    req: () => post('/api/rulebooks/validate', { meta: {} }),
  },
  'POST /api/rulebooks/{id}/activate': {
    kind: 'plain',
    expect: 'AADDDDD',
    req: async (x) =>
      post(
        `/api/rulebooks/${(await x.t.db.selectFrom('rulebookVersions').select('id').executeTakeFirstOrThrow()).id}/activate`,
      ),
  },

  'GET /api/dashboard': { kind: 'plain', expect: 'AAAAAAA', req: () => get('/api/dashboard') },
  'GET /api/dashboard/home': { kind: 'plain', expect: 'AAAAAAA', req: () => get('/api/dashboard/home') },
  'GET /api/dashboard/anomalies/{kind}': {
    kind: 'list',
    expect: 'AAAIIDD',
    req: () => get('/api/dashboard/anomalies/flagged?pageSize=200'),
    mark: (x, w) => x.side[w].flaggedPunchId,
  },

  // ── Accounts (of a colleague of each side, so the sides' own sessions stay) ──
  'GET /api/accounts': {
    kind: 'list',
    expect: 'AADDIDD',
    req: () => get('/api/accounts?pageSize=200'),
    mark: (x, w) => x.side[w].colleagueAccountId,
  },
  'GET /api/accounts/{id}': {
    expect: 'AADDIDD',
    req: (x, _r, w) => get(`/api/accounts/${x.side[w].colleagueAccountId}`),
  },
  'PATCH /api/accounts/{id}': {
    expect: 'AADDIDD',
    req: (x, _r, w) => patch(`/api/accounts/${x.side[w].colleagueAccountId}`, { unlock: true }),
  },
  'POST /api/accounts/{id}/reset-password': {
    expect: 'AADDIDD',
    req: (x, _r, w) => post(`/api/accounts/${x.side[w].colleagueAccountId}/reset-password`),
  },
  'POST /api/accounts/{id}/grants': {
    expect: 'AADDDDD',
    req: (x, _r, w) =>
      post(`/api/accounts/${x.side[w].granteeAccountId}/grants`, {
        role: 'PIMPINAN',
        unitId: x.side[w].opdUnitId,
      }),
  },
  'DELETE /api/accounts/{id}/grants/{grantId}': {
    expect: 'AADDDDD',
    req: async (x, _r, w) =>
      del(`/api/accounts/${x.side[w].granteeAccountId}/grants/${await fresh.grant(x, w)}`),
  },
  'GET /api/employees/{id}/account': {
    expect: 'AADDIDD',
    req: (x, _r, w) => get(`/api/employees/${x.side[w].colleagueId}/account`),
  },
  'POST /api/employees/{id}/account': {
    expect: 'AADDIDD',
    req: async (x, _r, w) => post(`/api/employees/${await fresh.employeeWithoutAccount(x, w)}/account`),
  },

  // ── Notifications (one's own only: "inside" is one's own notification, "outside" someone else's) ──
  'GET /api/notifications': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: () => get('/api/notifications?pageSize=200'),
  },
  'GET /api/notifications/unread-count': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: () => get('/api/notifications/unread-count'),
  },
  'POST /api/notifications/{id}/open': {
    expect: 'IIIIIII',
    req: async (x, r, w) => post(`/api/notifications/${await freshNotification(x, r, w)}/open`),
  },
  'POST /api/notifications/{id}/read': {
    expect: 'IIIIIII',
    req: async (x, r, w) => post(`/api/notifications/${await freshNotification(x, r, w)}/read`),
  },
  'POST /api/notifications/read-all': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: () => post('/api/notifications/read-all'),
  },
  'GET /api/notifications/push': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: () => get('/api/notifications/push'),
  },
  // Web Push is off in this test (no WEB_PUSH_*): the answer is 409 "not enabled", an authorised answer.
  'POST /api/notifications/push/subscriptions': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: () =>
      post('/api/notifications/push/subscriptions', {
        endpoint: 'https://push.example.com/scope',
        keys: { p256dh: 'B'.repeat(86) + 'A', auth: 'A'.repeat(22) },
      }),
  },
  'POST /api/notifications/push/unsubscribe': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: () => post('/api/notifications/push/unsubscribe', { endpoint: 'https://push.example.com/scope' }),
  },

  // ── Background jobs (owner only: "inside" is one's own job, "outside" someone else's) ──
  'GET /api/jobs': { kind: 'plain', expect: 'AAAAAAA', req: () => get('/api/jobs') },
  'GET /api/jobs/{id}': {
    expect: 'IIIIIII',
    req: async (x, r, w) => get(`/api/jobs/${await fresh.exportJob(x, r, w)}`),
  },
  'GET /api/jobs/{id}/download': {
    expect: 'IIIIIII',
    req: async (x, r, w) => get(`/api/jobs/${await fresh.exportJob(x, r, w)}/download`),
  },
};
