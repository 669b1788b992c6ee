import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { factories, type EmployeeRef, type UnitRef } from '../../../../test/factories/index.ts';
import { changedTables, dbFingerprint } from '../../../../test/helpers/db-fingerprint.ts';
import { createTestApp, login, type Client, type TestApp } from '../../../../test/helpers/test-app.ts';
import type {
  DayList,
  EscalationList,
  Neutrality,
  Period,
  PeriodCreate,
  Report,
} from '../../../shared/api/election-watch.ts';

/*
 * The election-period watch through the API on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL).
 * A province with DINKES (head kadis, staff p1 and p2, an admin OPD), BAPENDA (head kaban), BKD (a BKD grant over
 * the province) and the Sekda's desk (a PIMPINAN grant over the province). A Pilkada watch period over DINKES and
 * BAPENDA in February 2027 with voting day on Monday 8 February as key date; stored day statuses for 8 and 9
 * February; an apel pagi held by DINKES on the 8th that nobody scanned at.
 */
const START = '2027-02-09T01:00:00Z'; // Tuesday 9 February 2027, 08:00 WIB

describe('election-period watch (/api/election-watch)', () => {
  let t: TestApp;
  let dinkes: UnitRef;
  let bapenda: UnitRef;
  let e: Record<'kadis' | 'p1' | 'p2' | 'admin' | 'kaban' | 'bkd' | 'sekda', EmployeeRef>;
  let c: Record<keyof typeof e, Client>;
  let periodId: string;

  const relogin = async () => {
    for (const k of Object.keys(e) as (keyof typeof e)[]) c[k] = await login(t.app, e[k].login);
  };

  beforeAll(async () => {
    t = await createTestApp({ demo: false, now: START, env: { LOGIN_RATE_PER_MINUTE: '1000' } });
    const f = factories(t);
    await f.rulebooks();
    const root = await f.unit({ code: 'PEMPROV', name: 'Pemerintah Provinsi Uji', kind: 'INSTANSI' });
    dinkes = await f.unit({ code: 'DINKES', name: 'Dinas Kesehatan', kind: 'OPD', parent: root });
    const seksi = await f.unit({ code: 'SURV', name: 'Seksi Surveilans', kind: 'BIDANG', parent: dinkes });
    bapenda = await f.unit({ code: 'BAPENDA', name: 'Badan Pendapatan Daerah', kind: 'OPD', parent: root });
    const bkd = await f.unit({ code: 'BKD', name: 'Badan Kepegawaian Daerah', kind: 'OPD', parent: root });
    const setda = await f.unit({ code: 'SETDA', name: 'Sekretariat Daerah', kind: 'OPD', parent: root });
    const kadisPos = await f.position({
      unit: dinkes,
      kind: 'JPT_PRATAMA',
      isHead: true,
      name: 'Kepala Dinas',
    });
    const kabanPos = await f.position({
      unit: bapenda,
      kind: 'JPT_PRATAMA',
      isHead: true,
      name: 'Kepala Badan',
    });
    const sekdaPos = await f.position({
      unit: setda,
      kind: 'JPT_MADYA',
      isHead: true,
      name: 'Sekretaris Daerah',
    });
    const kadis = await f.employee({ unit: dinkes, position: kadisPos, name: 'Ratna Kadis' });
    e = {
      kadis,
      p1: await f.employee({ unit: seksi, name: 'Putri Satu', superior: kadis }),
      p2: await f.employee({ unit: seksi, name: 'Rudi Dua', superior: kadis }),
      admin: await f.employee({ unit: dinkes, name: 'Ani Admin', superior: kadis }),
      kaban: await f.employee({ unit: bapenda, position: kabanPos, name: 'Kaban Bapenda' }),
      bkd: await f.employee({ unit: bkd, name: 'Budi BKD' }),
      sekda: await f.employee({ unit: setda, position: sekdaPos, name: 'Sekda Uji' }),
    };
    const accounts = Object.fromEntries(
      await Promise.all(Object.entries(e).map(async ([k, v]) => [k, await f.account(v)] as const)),
    ) as Record<keyof typeof e, Awaited<ReturnType<typeof f.account>>>;
    await f.grant(accounts.admin, 'ADMIN_OPD', dinkes);
    await f.grant(accounts.bkd, 'BKD', root);
    await f.grant(accounts.sekda, 'PIMPINAN', root);
    await f.dayStatuses(e.kadis, [{ localDate: '2027-02-08' }, { localDate: '2027-02-09', code: 'TK' }]);
    await f.dayStatuses(e.p1, [
      { localDate: '2027-02-08', code: 'TK' },
      { localDate: '2027-02-09', lateBand: 'TL1', lateMinutes: 20 },
    ]);
    await f.dayStatuses(e.p2, [{ localDate: '2027-02-08', code: 'CT' }, { localDate: '2027-02-09' }]);
    await f.dayStatuses(e.admin, [{ localDate: '2027-02-08' }, { localDate: '2027-02-09' }]);
    await sql`
      insert into apel_sessions (unit_id, kind, title, local_date, opens_at, closes_at)
      values (${dinkes.id}::uuid, 'APEL_PAGI', 'Apel pagi', '2027-02-08', '2027-02-08T00:15:00Z',
              '2027-02-08T01:00:00Z')`.execute(t.db);
    c = {} as typeof c;
    await relogin();
  });
  afterAll(async () => {
    await t?.close();
  });

  const period: PeriodCreate = {
    name: 'Pilkada Serentak 2027',
    kind: 'PILKADA',
    legalBasis: 'SE Sekda Nomor 800/123/2027 tentang Pengawasan Kehadiran Masa Pilkada',
    startsOn: '2027-02-01',
    endsOn: '2027-02-20',
    ackDueTime: '10:00',
    stages: [
      { kind: 'MASA_TENANG', name: 'Masa tenang', startsOn: '2027-02-05', endsOn: '2027-02-07' },
      {
        kind: 'PEMUNGUTAN_SUARA',
        name: 'Hari pemungutan suara',
        startsOn: '2027-02-08',
        endsOn: '2027-02-08',
        keyDate: true,
      },
    ],
  };

  it('lets BKD declare a period; an admin OPD or an employee is refused with 403 and nothing stored', async () => {
    const before = await dbFingerprint(t.db);
    for (const who of ['admin', 'p1', 'kadis'] as const) {
      const res = await c[who].post('/api/election-watch/periods', { ...period, unitIds: [dinkes.id] });
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
    const res = await c.bkd.post('/api/election-watch/periods', {
      ...period,
      unitIds: [dinkes.id, bapenda.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    periodId = res.json().id;
    const got = (await c.bkd.get(`/api/election-watch/periods/${periodId}`)).json<Period>();
    expect(got.opds.map((o) => o.unitName).sort()).toEqual(['Badan Pendapatan Daerah', 'Dinas Kesehatan']);
    expect(got.stages.map((s) => [s.kind, s.keyDate])).toEqual([
      ['MASA_TENANG', false],
      ['PEMUNGUTAN_SUARA', true],
    ]);
  });

  it('answers a bad period with 400 and the field, storing nothing', async () => {
    const before = await dbFingerprint(t.db);
    const bad = await c.bkd.post('/api/election-watch/periods', {
      ...period,
      stages: [{ kind: 'KAMPANYE', name: 'Kampanye', startsOn: '2027-01-10', endsOn: '2027-01-20' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('stages.0.startsOn');
    const reversed = await c.bkd.post('/api/election-watch/periods', { ...period, endsOn: '2027-01-01' });
    expect(reversed.statusCode).toBe(400);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  });

  it('shows the head the day list of their OPD computed from statuses and apel, storing nothing', async () => {
    const before = await dbFingerprint(t.db);
    const res = await c.kadis.get(
      `/api/election-watch/periods/${periodId}/days?unitId=${dinkes.id}&date=2027-02-08`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const day = res.json<DayList>();
    expect(day.keyDate).toBe(true);
    expect(day.workingDay).toBe(true);
    expect(day.counts).toMatchObject({
      staff: 4,
      tk: 1,
      leaveOrPermit: 1,
      late: 0,
      apelExpected: 3,
      apelMissed: 3,
    });
    const byName = Object.fromEntries(day.entries.map((x) => [x.name, x]));
    expect(byName['Putri Satu']).toMatchObject({ kind: 'TK', missedApel: ['APEL_PAGI'] });
    expect(byName['Rudi Dua']).toMatchObject({ kind: 'CUTI', missedApel: [] });
    expect(byName['Ratna Kadis']).toMatchObject({ kind: null, isHead: true, missedApel: ['APEL_PAGI'] });
    expect(day.ack.state).toBe('BELUM_JATUH_TEMPO');
    expect(day.canAcknowledge).toBe(true);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  });

  it('refuses another OPD’s head and an employee the list (403); BKD and the admin OPD read it', async () => {
    const url = `/api/election-watch/periods/${periodId}/days?unitId=${dinkes.id}&date=2027-02-08`;
    expect((await c.kaban.get(url)).statusCode).toBe(403);
    expect((await c.p1.get(url)).statusCode).toBe(403);
    expect((await c.bkd.get(url)).statusCode).toBe(200);
    const admin = (await c.admin.get(url)).json<DayList>();
    expect(admin.canAcknowledge).toBe(false);
    // The head finds the period through the OPD they head, without a grant; an employee finds none.
    expect(
      (await c.kadis.get('/api/election-watch/periods/headed')).json<{ items: { id: string }[] }>().items,
    ).toEqual([expect.objectContaining({ id: periodId })]);
    expect((await c.p1.get('/api/election-watch/periods/headed')).json().items).toEqual([]);
    const seen = (await c.kadis.get(`/api/election-watch/periods/${periodId}`)).json<Period>();
    expect(seen.opds).toEqual([{ unitId: dinkes.id, unitName: 'Dinas Kesehatan', isHead: true }]);
    expect((await c.p1.get(`/api/election-watch/periods/${periodId}`)).statusCode).toBe(403);
  });

  it('puts an ended day’s list in the head’s inbox once, and escalates the head’s missed apel of voting day', async () => {
    const first = await t.services.electionWatch.tick();
    const second = await t.services.electionWatch.tick();
    expect(first.escalations).toBe(1); // the head missed the apel of the 8th (the 9th has not ended)
    expect(second.escalations).toBe(0);
    const inbox = (await c.kadis.get('/api/notifications')).json<{ items: { kind: string; id: string }[] }>();
    const waiting = inbox.items.filter((n) => n.kind === 'election_watch.list_waiting');
    expect(waiting).toHaveLength(1);
    expect((await c.kadis.post(`/api/notifications/${waiting[0]!.id}/open`)).statusCode).toBe(200);
    const others = (await c.kaban.get('/api/notifications')).json<{ items: { kind: string }[] }>();
    expect(others.items.filter((n) => n.kind === 'election_watch.list_waiting')).toEqual([]);
  });

  it('accepts the acknowledgement of the head only: others get 403 and nothing is stored', async () => {
    const body = { unitId: dinkes.id, date: '2027-02-08', note: 'Sudah saya periksa; yang TK dipanggil.' };
    const url = `/api/election-watch/periods/${periodId}/acknowledgements`;
    const before = await dbFingerprint(t.db);
    for (const who of ['kaban', 'admin', 'p1', 'bkd', 'sekda'] as const) {
      const res = await c[who].post(url, body);
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.message).toContain('Hanya kepala Dinas Kesehatan');
    }
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
    expect((await c.kadis.post(url, { ...body, date: '2027-02-12' })).statusCode).toBe(400);
    const ok = await c.kadis.post(url, body);
    expect(ok.statusCode, ok.body).toBe(201);
    const again = await c.kadis.post(url, body);
    expect(again.statusCode).toBe(409);
    const day = (
      await c.bkd.get(`/api/election-watch/periods/${periodId}/days?unitId=${dinkes.id}&date=2027-02-08`)
    ).json<DayList>();
    expect(day.ack).toMatchObject({ state: 'TEPAT_WAKTU', acknowledgedByName: 'Ratna Kadis', acting: null });
  });

  it('lets a Plh of the head acknowledge while they act', async () => {
    const admin = await factories(t).admin();
    const posts = await t.db.selectFrom('positions').select('id').where('unitId', '=', bapenda.id).execute();
    await t.services.org.addActing(admin.actor, e.p2.id, {
      kind: 'PLH',
      positionId: posts[0]!.id,
      validFrom: '2027-02-09',
      validTo: '2027-02-09',
      reason: 'Pejabat berhalangan sementara',
    });
    c.p2 = await login(t.app, e.p2.login);
    const res = await c.p2.post(`/api/election-watch/periods/${periodId}/acknowledgements`, {
      unitId: bapenda.id,
      date: '2027-02-08',
    });
    expect(res.statusCode, res.body).toBe(201);
    const stored = await sql<{
      acting: string;
    }>`select acting from election_watch_acks where id = ${res.json().id}::uuid`.execute(t.db);
    expect(stored.rows[0]!.acting).toBe('PLH');
  });

  it('escalates a missed acknowledgement and a head absent to the Sekda once, however often the tick runs', async () => {
    t.clock.set('2027-02-11T04:00:00Z'); // Thursday 11:00 WIB: the 9th's list was due on the 10th at 10:00
    await relogin();
    const first = await t.services.electionWatch.tick();
    const second = await t.services.electionWatch.tick();
    expect(second.escalations).toBe(0);
    const list = (
      await c.bkd.get(`/api/election-watch/periods/${periodId}/escalations?unitId=${dinkes.id}`)
    ).json<EscalationList>();
    const kinds = list.items.map((x) => `${x.date} ${x.kind}`).sort();
    expect(kinds).toEqual([
      '2027-02-08 KEPALA_TIDAK_HADIR', // missed the apel of voting day
      '2027-02-09 KEPALA_TIDAK_HADIR', // TK
      '2027-02-09 KONFIRMASI_TIDAK_ADA',
    ]);
    expect(first.escalations).toBe(2);
    const inbox = (await c.sekda.get('/api/notifications')).json<{ items: { kind: string; id: string }[] }>();
    const headAbsent = inbox.items.filter((n) => n.kind === 'election_watch.head_absent');
    expect(headAbsent).toHaveLength(2);
    expect((await c.sekda.post(`/api/notifications/${headAbsent[0]!.id}/open`)).statusCode).toBe(200);
    const bkdInbox = (await c.bkd.get('/api/notifications')).json<{ items: { kind: string }[] }>();
    expect(
      bkdInbox.items.filter((n) => n.kind === 'election_watch.ack_missing').length,
    ).toBeGreaterThanOrEqual(1);
    const kadisInbox = (await c.kadis.get('/api/notifications')).json<{ items: { kind: string }[] }>();
    expect(kadisInbox.items.some((n) => n.kind === 'election_watch.head_absent')).toBe(false);
    // The report of the period for DINKES: the 8th on time, the 9th missing.
    const report = (
      await c.kadis.get(`/api/election-watch/periods/${periodId}/report?unitId=${dinkes.id}`)
    ).json<Report>();
    expect(report.days.map((d) => [d.date, d.ackState])).toEqual([
      ['2027-02-08', 'TEPAT_WAKTU'],
      ['2027-02-09', 'TIDAK_ADA'],
    ]);
    expect(report.totals).toMatchObject({
      workingDays: 2,
      tk: 2,
      late: 1,
      ackOnTime: 1,
      ackMissing: 1,
      escalations: 3,
    });
    expect(
      (await c.kaban.get(`/api/election-watch/periods/${periodId}/report?unitId=${dinkes.id}`)).statusCode,
    ).toBe(403);
    const pdf = await c.bkd.get(`/api/election-watch/periods/${periodId}/report.pdf?unitId=${dinkes.id}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const csv = await c.bkd.get(`/api/election-watch/periods/${periodId}/report/csv?unitId=${dinkes.id}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('08/02/2027');
  });

  it('acknowledges a missed day late after the escalation', async () => {
    const res = await c.kadis.post(`/api/election-watch/periods/${periodId}/acknowledgements`, {
      unitId: dinkes.id,
      date: '2027-02-09',
    });
    expect(res.statusCode).toBe(201);
    const day = (
      await c.kadis.get(`/api/election-watch/periods/${periodId}/days?unitId=${dinkes.id}&date=2027-02-09`)
    ).json<DayList>();
    expect(day.ack.state).toBe('TERLAMBAT');
  });

  it('handles neutrality reports on the ethics and the discipline track', async () => {
    const before = await dbFingerprint(t.db);
    const report = {
      periodId,
      employeeId: e.p1.id,
      source: 'BAWASLU',
      referenceNo: 'REK-BAWASLU/07/2027',
      referenceDate: '2027-02-06',
      conductCode: 'NETRALITAS_ETIKA',
      conductDate: '2027-02-03',
      description: 'Mengunggah foto bersama pasangan calon dengan ajakan memilih di media sosial.',
    };
    for (const who of ['admin', 'kadis', 'p2'] as const)
      expect((await c[who].post('/api/election-watch/neutrality', report)).statusCode, who).toBe(403);
    expect(
      (await c.bkd.post('/api/election-watch/neutrality', { ...report, conductCode: 'TIDAK_ADA' }))
        .statusCode,
    ).toBe(400);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);

    const ethics = (await c.bkd.post('/api/election-watch/neutrality', report)).json<{ id: string }>().id;
    const wrong = await c.bkd.post(`/api/election-watch/neutrality/${ethics}/decision`, {
      track: 'DISIPLIN',
      note: 'Coba jalur disiplin',
    });
    expect(wrong.statusCode).toBe(400);
    const noSanction = await c.bkd.post(`/api/election-watch/neutrality/${ethics}/decision`, {
      track: 'ETIKA',
      note: 'Terbukti',
    });
    expect(noSanction.json().error.details[0].path).toBe('moralSanction');
    const decided = await c.bkd.post(`/api/election-watch/neutrality/${ethics}/decision`, {
      track: 'ETIKA',
      moralSanction: 'PERNYATAAN_TERTUTUP',
      note: 'Terbukti melanggar kode etik; sanksi moral pernyataan tertutup.',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json<Neutrality>()).toMatchObject({
      track: 'ETIKA',
      moralSanction: 'PERNYATAAN_TERTUTUP',
    });

    const disc = (
      await c.bkd.post('/api/election-watch/neutrality', {
        ...report,
        referenceNo: 'REK-BAWASLU/08/2027',
        conductCode: 'PASAL_5_N_3_7',
        description: 'Menggunakan kendaraan dinas untuk mengangkut peserta kampanye pasangan calon.',
      })
    ).json<{ id: string }>().id;
    const opened = await c.bkd.post(`/api/election-watch/neutrality/${disc}/decision`, {
      track: 'DISIPLIN',
      note: 'Pelanggaran Pasal 5 huruf n angka 4: diteruskan ke pemeriksaan disiplin.',
    });
    expect(opened.statusCode, opened.body).toBe(200);
    const n = opened.json<Neutrality>();
    expect(n.track).toBe('DISIPLIN');
    expect(n.disciplineCaseId).toBeTruthy();
    const kase = await sql<{ source: string; expectedLevel: string }>`
      select source, expected_level from discipline_cases where id = ${n.disciplineCaseId}::uuid`.execute(
      t.db,
    );
    expect(kase.rows[0]).toMatchObject({ source: 'NETRALITAS', expectedLevel: 'berat' });
    const list = (await c.bkd.get(`/api/election-watch/neutrality?periodId=${periodId}`)).json<{
      total: number;
    }>();
    expect(list.total).toBe(2);
    expect((await c.admin.get(`/api/election-watch/neutrality/${disc}`)).statusCode).toBe(200);
    expect((await c.kaban.get('/api/election-watch/neutrality')).statusCode).toBe(403);

    // The discipline service refuses a second case for the same conduct: the report stays undecided, nothing stored.
    const again = (
      await c.bkd.post('/api/election-watch/neutrality', {
        ...report,
        source: 'PENGADUAN',
        referenceNo: 'ADU/09/2027',
        conductCode: 'PASAL_5_N_3_7',
        description: 'Laporan warga atas kendaraan dinas yang mengangkut peserta kampanye.',
      })
    ).json<{ id: string }>().id;
    const beforeRefusal = await dbFingerprint(t.db);
    const refused = await c.bkd.post(`/api/election-watch/neutrality/${again}/decision`, {
      track: 'DISIPLIN',
      note: 'Diteruskan ke pemeriksaan disiplin.',
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error.message).toMatch(/sudah diperiksa dalam kasus/);
    expect(changedTables(beforeRefusal, await dbFingerprint(t.db))).toEqual([]);
    expect((await c.bkd.get(`/api/election-watch/neutrality/${again}`)).json<Neutrality>().track).toBeNull();
  });

  it('counts a transferred employee in each OPD only on the days of their placement there', async () => {
    // Dedi works at Bapenda until 8 February and at Dinas Kesehatan from 9 February (the BKD records the transfer).
    const f = factories(t);
    const dedi = await f.employee({ unit: bapenda, name: 'Dedi Mutasi', superior: e.kaban });
    await f.dayStatuses(dedi, [
      { localDate: '2027-02-08', code: 'TK' },
      { localDate: '2027-02-09', code: 'TK' },
    ]);
    const moved = await c.bkd.post(`/api/employees/${dedi.id}/placements`, {
      unitId: dinkes.id,
      positionId: null,
      superiorId: e.kadis.id,
      validFrom: '2027-02-09',
    });
    expect(moved.statusCode, moved.body).toBe(201);
    const names = async (unit: UnitRef, date: string) => {
      const res = await c.bkd.get(
        `/api/election-watch/periods/${periodId}/days?unitId=${unit.id}&date=${date}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      return res.json<DayList>().entries.map((x) => x.name);
    };
    expect(await names(bapenda, '2027-02-08')).toContain('Dedi Mutasi');
    expect(await names(dinkes, '2027-02-08')).not.toContain('Dedi Mutasi');
    expect(await names(dinkes, '2027-02-09')).toContain('Dedi Mutasi');
    expect(await names(bapenda, '2027-02-09')).not.toContain('Dedi Mutasi');
  });
});
