import { sql } from 'kysely';
import { fileUpload, pdf } from '../../helpers/evidence.ts';
import { multipart } from '../../helpers/test-app.ts';
import { disciplineBodies as body, stagedStatement } from '../../helpers/discipline-activity.ts';
import { dayAfter, fresh, get, nipForms, post, type AccessTable } from '../scope-harness.ts';

/**
 * Who may reach what (test/security/scope-harness.ts explains the codes): the discipline module, every route
 * starting with `/api/discipline` (scope-coverage.test.ts fails for one of them missing here, or for an entry here
 * outside that path). Checked by scope-discipline.test.ts on a world built with `discipline: true` (`Ctx.disc`).
 *
 * Readers (discipline.read: BKD, Inspektorat, pimpinan and admin OPD in their scope) see the cases, indications,
 * salary stops and registry of their subtree; the parties see their case: the examinee (pegawai), the direct
 * superior (atasan), the team and the competent official. Steps belong to the examiner (the superior of a ringan
 * case), BKD (discipline.manage: telaah, team SK, PPK decisions, appeal outcomes, salary-stop verification) and the
 * finance role (discipline.salary: stopping and re-activating a salary); never to a reader as such, never to the
 * examinee (except her appeal). An admin OPD never sees another OPD's records.
 */

/** States where a temporary relief may be recorded (core case machine). */
const RELIEF_STATES = [
  'PEMBENTUKAN_TIM',
  'PEMANGGILAN',
  'PANGGILAN_I',
  'PANGGILAN_II',
  'PEMERIKSAAN',
] as const;
/** The case's summons I waits for the examination date's BAP or absence. */
const SUMMONS_WAITING = sql`exists (select 1 from discipline_summons s where s.case_id = c.id and s.attended is null)`;

const caseStep = (id: string, step: string, b: object) => post(`/api/discipline/cases/${id}/${step}`, b);

export const DISCIPLINE_ACCESS: AccessTable = {
  // ── Indications (from the recap): readers in scope and the employee's superior; never the employee herself.
  // Opening a case from one or dismissing it: the superior (or Plt/Plh) and BKD (discipline.manage). ──
  'GET /api/discipline/indications': {
    kind: 'list',
    expect: 'AAAIIID',
    req: () => get('/api/discipline/indications?pageSize=200'),
  },
  // A superior may scan their own unit; a scan of a month without data stores nothing.
  'POST /api/discipline/indications/scan': {
    expect: 'AAAIIID',
    req: (x, _r, w) =>
      post('/api/discipline/indications/scan', { unitId: x.side[w].unitId, month: '2025-12' }),
  },
  'GET /api/discipline/indications/{id}': {
    expect: 'AAAIIID',
    req: (x, _r, w) => get(`/api/discipline/indications/${x.disc[w].indicationId}`),
  },
  'POST /api/discipline/indications/{id}/open': {
    expect: 'AADDDID',
    req: async (x, _r, w) =>
      post(`/api/discipline/indications/${await fresh.indication(x, w)}/open`, {
        summary: 'Tiga hari tidak masuk kerja tanpa keterangan.',
      }),
  },
  'POST /api/discipline/indications/{id}/dismiss': {
    expect: 'AADDDID',
    req: async (x, _r, w) =>
      post(`/api/discipline/indications/${await fresh.indication(x, w)}/dismiss`, {
        reason: 'Pegawai sakit dengan surat dokter yang terlambat dicatat.',
      }),
  },

  // ── Cases: the parties and the readers in scope read; the procedure's steps belong to the examiner. ──
  // The form's catalogue for an employee: whoever may open a case on them (with `caseId`: whoever reads the case).
  'GET /api/discipline/options': {
    expect: 'AAAIIID',
    req: (x, _r, w) => get(`/api/discipline/options?employeeId=${x.side[w].employeeId}`),
  },
  'GET /api/discipline/cases': {
    kind: 'list',
    expect: 'AAAIIII',
    req: () => get('/api/discipline/cases?pageSize=200'),
  },
  // By hand: the superior or a reader over the employee's unit, never the employee (a second case for the same
  // violation and date: 409, an authorised answer).
  'POST /api/discipline/cases': {
    expect: 'AAAIIID',
    req: (x, _r, w) => post('/api/discipline/cases', body.open(x.side[w].employeeId, 'ringan', '2026-01-14')),
  },
  'GET /api/discipline/cases/{id}': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/discipline/cases/${x.disc[w].caseId}`),
  },
  'POST /api/discipline/cases/{id}/telaah': {
    expect: 'AADDDID',
    req: async (x, _r, w) =>
      caseStep(await fresh.disciplineCase(x, w, 'TELAAH'), 'telaah', body.telaah('ringan')),
  },
  // The team SK: BKD only (the superior sits in the team but does not form it).
  'POST /api/discipline/cases/{id}/team': {
    expect: 'AADDDDD',
    req: async (x, _r, w) =>
      caseStep(
        await fresh.disciplineCase(x, w, 'PEMBENTUKAN_TIM', { level: 'berat' }),
        'team',
        body.team(x.disc[w].parties),
      ),
  },
  'POST /api/discipline/cases/{id}/summons': {
    expect: 'DDDDDID',
    req: async (x, _r, w) =>
      caseStep(await fresh.disciplineCase(x, w, 'PEMANGGILAN'), 'summons', body.summons()),
  },
  'POST /api/discipline/cases/{id}/absence': {
    expect: 'DDDDDID',
    req: async (x, _r, w) =>
      caseStep(await fresh.disciplineCase(x, w, 'PANGGILAN_I', { extra: SUMMONS_WAITING }), 'absence', {
        note: 'Pegawai tidak hadir tanpa keterangan.',
      }),
  },
  'POST /api/discipline/cases/{id}/examination': {
    expect: 'DDDDDID',
    req: async (x, _r, w) =>
      caseStep(
        await fresh.disciplineCase(x, w, 'PANGGILAN_I', { extra: SUMMONS_WAITING }),
        'examination',
        body.examination(),
      ),
  },
  // Relief from duties (expected berat): the superior, with a colleague as Plh.
  'POST /api/discipline/cases/{id}/relief': {
    expect: 'DDDDDID',
    req: async (x, _r, w) =>
      caseStep(
        await fresh.disciplineCase(x, w, 'PEMBENTUKAN_TIM', {
          level: 'berat',
          states: [...RELIEF_STATES],
          extra: sql`c.relieved_from is null`,
        }),
        'relief',
        {
          from: '2026-01-15',
          plhEmployeeId: x.side[w].colleagueId,
          reason: 'Agar pemeriksaan tidak terganggu.',
        },
      ),
  },
  'POST /api/discipline/cases/{id}/report': {
    expect: 'DDDDDID',
    req: async (x, _r, w) =>
      caseStep(await fresh.disciplineCase(x, w, 'PEMERIKSAAN'), 'report', body.report('ringan')),
  },
  // Ending without sanction: the examiner (the superior, who may also end it at the telaah) or BKD.
  'POST /api/discipline/cases/{id}/end': {
    expect: 'AADDDID',
    req: async (x, _r, w) =>
      caseStep(await fresh.disciplineCase(x, w, 'TELAAH'), 'end', {
        reason: 'TIDAK_TERBUKTI',
        note: 'Pelanggaran tidak terbukti setelah telaah.',
      }),
  },

  // ── Sanctions: the competent official decides (here B1 on a berat case: the PPK, recorded by BKD; the superior,
  // a team member and the readers have no authority); delivery by the decider, the superior or BKD; the appeal by
  // the examinee only, its outcome recorded by BKD. ──
  'GET /api/discipline/cases/{id}/competent-official': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/discipline/cases/${x.disc[w].caseId}/competent-official?sanctionCode=B1`),
  },
  'POST /api/discipline/cases/{id}/decision': {
    expect: 'AADDDDD',
    req: async (x, _r, w) =>
      caseStep(
        await fresh.disciplineCase(x, w, 'PENJATUHAN', {
          level: 'berat',
          extra: sql`not exists (select 1 from discipline_sanctions s where s.case_id = c.id)`,
        }),
        'decision',
        body.decision('B1'),
      ),
  },
  'POST /api/discipline/cases/{id}/delivery': {
    expect: 'AADDDID',
    req: async (x, _r, w) =>
      caseStep(await fresh.disciplineCase(x, w, 'PENYAMPAIAN', { level: null }), 'delivery', body.delivery()),
  },
  'POST /api/discipline/cases/{id}/appeals': {
    expect: 'DDDDDDI',
    req: async (x, _r, w) =>
      caseStep(
        await fresh.disciplineCase(x, w, 'MENUNGGU_BERLAKU', {
          level: null,
          extra: sql`not exists (select 1 from discipline_appeals a where a.case_id = c.id)`,
        }),
        'appeals',
        body.appeal(),
      ),
  },
  'POST /api/discipline/appeals/{id}/decision': {
    expect: 'AADDDDD',
    req: async (x, _r, w) =>
      post(`/api/discipline/appeals/${await fresh.disciplineAppeal(x, w)}/decision`, body.appealDecision()),
  },
  // The riwayat hukuman disiplin: the employee, her superior and the readers in scope.
  'GET /api/discipline/employees/{employeeId}/record': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/discipline/employees/${x.side[w].employeeId}/record`),
  },
  'GET /api/discipline/sanctions/active': {
    kind: 'list',
    expect: 'AAAIIDD',
    req: (x) => get(`/api/discipline/sanctions/active?month=${x.disc.in.activeMonth}`),
  },
  'GET /api/discipline/sanctions/siasn-export': {
    kind: 'list',
    expect: 'AAAIIDD',
    req: () => get('/api/discipline/sanctions/siasn-export?year=2026&format=csv'),
    mark: (x, w) => nipForms(x, w),
  },
  'GET /api/discipline/designations': {
    kind: 'list',
    expect: 'AAAIIDD',
    req: () => get('/api/discipline/designations'),
    mark: (x, w) => x.disc[w].designationId,
  },
  // Designating a JF as PyB is the PPK's, recorded by BKD (one day each, so no two overlap).
  'POST /api/discipline/designations': {
    expect: 'AADDDDD',
    req: (x, _r, w) => {
      const day = dayAfter(x.n());
      return post('/api/discipline/designations', {
        employeeId: x.disc[w].jfEmployeeId,
        unitId: x.side[w].unitId,
        levels: ['ringan'],
        decreeNumber: `800/PYB/${day}`,
        validFrom: day,
        validTo: day,
      });
    },
  },
  'POST /api/discipline/designations/{id}/end': {
    expect: 'AADDDDD',
    req: async (x, _r, w) =>
      post(`/api/discipline/designations/${await fresh.designation(x, w)}/end`, {
        validTo: '2026-12-31',
        reason: 'Unit sudah memiliki pejabat struktural.',
      }),
  },

  // ── Salary stops (ten TK days in a row): reported by the superior, verified by BKD, stopped and re-activated
  // by the finance role (discipline.salary: admin OPD of Dinkes, BKD), re-activation asked by the superior. The
  // steps meet the stops in whatever state earlier entries left them: 409 is an authorised answer. ──
  'GET /api/discipline/salary-stops': {
    kind: 'list',
    expect: 'AAAIIID',
    req: () => get('/api/discipline/salary-stops?pageSize=200'),
  },
  // The world's stop was reported from this indication: 409 for the superior (authorised).
  'POST /api/discipline/salary-stops': {
    expect: 'DDDDDID',
    req: (x, _r, w) => post('/api/discipline/salary-stops', { indicationId: x.disc[w].consecutiveId }),
  },
  'POST /api/discipline/salary-stops/files': {
    kind: 'plain',
    expect: 'DAAAAAA',
    req: (x) =>
      fileUpload(
        '/api/discipline/salary-stops/files',
        'pernyataan.pdf',
        pdf(`pernyataan ${x.n()}`),
        'application/pdf',
      ),
  },
  'GET /api/discipline/salary-stops/{id}': {
    // The employee reads her own stop (she is notified of every step); the steps stay with the officials.
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/discipline/salary-stops/${x.disc[w].salaryStopId}`),
  },
  'POST /api/discipline/salary-stops/{id}/verify': {
    expect: 'AADDDDD',
    req: (x, _r, w) =>
      post(`/api/discipline/salary-stops/${x.disc[w].salaryStopId}/verify`, {
        confirmedDays: 10,
        note: 'Data presensi sesuai.',
      }),
  },
  'POST /api/discipline/salary-stops/{id}/stop': {
    expect: 'AADDIDD',
    req: (x, _r, w) =>
      post(`/api/discipline/salary-stops/${x.disc[w].salaryStopId}/stop`, {
        decisionNumber: '900/2/KPA/2026',
      }),
  },
  // The superior's request carries two statements the superior staged (any statements for the others).
  'POST /api/discipline/salary-stops/{id}/reactivation': {
    expect: 'DDDDDID',
    req: async (x, r, w) => {
      const stage = async (tag: string) => {
        const res = await x.c[r].request(
          fileUpload(
            '/api/discipline/salary-stops/files',
            'pernyataan.pdf',
            pdf(`${tag} ${x.n()}`),
            'application/pdf',
          ),
        );
        return res.statusCode === 201
          ? (res.json().attachmentId as string)
          : await stagedStatement(x.c.bkd, tag);
      };
      return post(`/api/discipline/salary-stops/${x.disc[w].salaryStopId}/reactivation`, {
        employeeStatementId: await stage('pegawai'),
        superiorStatementId: await stage('atasan'),
        recapMonths: ['2025-12'],
        note: 'Pegawai sudah masuk kerja kembali.',
      });
    },
  },
  'POST /api/discipline/salary-stops/{id}/reactivate': {
    expect: 'AADDIDD',
    req: (x, _r, w) =>
      post(`/api/discipline/salary-stops/${x.disc[w].salaryStopId}/reactivate`, {
        fromMonth: '2026-01',
        decisionNumber: '900/3/KPA/2026',
      }),
  },
  'POST /api/discipline/salary-stops/{id}/settlements': {
    expect: 'AADDIDD',
    req: (x, _r, w) =>
      post(`/api/discipline/salary-stops/${x.disc[w].salaryStopId}/settlements`, {
        kind: 'SETOR_KEMBALI',
        months: ['2025-12'],
        note: 'Gaji Desember 2025 terlanjur dibayar.',
      }),
  },
  'GET /api/discipline/salary-stops/{id}/files/{fileId}': {
    expect: 'AAAIIID',
    req: (x, _r, w) =>
      get(`/api/discipline/salary-stops/${x.disc[w].statementStopId}/files/${x.disc[w].statementFileId}`),
  },

  // ── Documents (confidential, PerBKN 6/2022 Pasal 57): the parties and the readers in scope; the examinee only
  // her own papers (summonses, BAP, decision, delivery: never the examination report); uploads by the examiners,
  // the PyB and BKD; the view log for readers. ──
  'GET /api/discipline/cases/{id}/documents': {
    expect: 'AAAIIII',
    req: (x, _r, w) => get(`/api/discipline/cases/${x.disc[w].caseId}/documents`),
  },
  'GET /api/discipline/cases/{id}/documents/{kind}': {
    expect: 'AAAIIID',
    req: (x, _r, w) => get(`/api/discipline/cases/${x.disc[w].caseId}/documents/LHP`),
  },
  'POST /api/discipline/cases/{id}/documents': {
    expect: 'AADDDID',
    req: (x, _r, w) => {
      const mp = multipart(
        { kind: 'BAP', title: 'BAP bertanda tangan' },
        { field: 'file', name: 'bap.pdf', content: pdf(`bap ${x.n()}`), type: 'application/pdf' },
      );
      return {
        method: 'POST' as const,
        url: `/api/discipline/cases/${x.disc[w].caseId}/documents`,
        payload: mp.payload,
        headers: mp.headers,
      };
    },
  },
  // The signed BAP scan: the examinee may open her BAP.
  'GET /api/discipline/cases/{id}/documents/files/{docId}': {
    expect: 'AAAIIII',
    req: (x, _r, w) =>
      get(`/api/discipline/cases/${x.disc[w].caseId}/documents/files/${x.disc[w].documentId}`),
  },
  'GET /api/discipline/cases/{id}/document-views': {
    expect: 'AAAIIDD',
    req: (x, _r, w) => get(`/api/discipline/cases/${x.disc[w].caseId}/document-views`),
  },

  // ── Inbox and registry: an indication waits for the employee's superior and BKD only; the registry and its
  // exports for the readers in scope. ──
  'GET /api/discipline/inbox': {
    kind: 'list',
    expect: 'AANNNIN',
    req: () => get('/api/discipline/inbox'),
    mark: (x, w) => x.disc[w].indicationId,
  },
  'GET /api/discipline/registry': {
    expect: 'AAAIIDD',
    req: (x, _r, w) => get(`/api/discipline/registry?unitId=${x.side[w].opdUnitId}&year=2026`),
  },
  'GET /api/discipline/registry/export': {
    expect: 'AAAIIDD',
    req: (x, _r, w) =>
      get(`/api/discipline/registry/export?unitId=${x.side[w].opdUnitId}&year=2026&format=csv`),
  },
  'GET /api/discipline/cases/export': {
    kind: 'list',
    expect: 'AAAIIDD',
    req: () => get('/api/discipline/cases/export?format=csv'),
    mark: (x, w) => nipForms(x, w),
  },
};
