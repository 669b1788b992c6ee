import { randomUUID } from 'node:crypto';
import type { Db } from '../database.ts';
import type { Config } from '../../config.ts';
import { buildServices } from '../../app.ts';
import { fixedClock } from '../../clock.ts';
import { addDays, type LocalDate } from '../../../core/common/local-date.ts';
import { pickDemoLogins, type DemoData } from './demo-data.ts';

/** What the e-Kinerja demo wrote. */
export interface DemoKinerjaSummary {
  skp: number;
  reports: number;
  evaluations: number;
}

const weekday = (d: LocalDate) => new Date(`${d}T00:00:00Z`).getUTCDay();
const at = (d: LocalDate, hhmm: string) => new Date(`${d}T${hhmm}:00+07:00`);

/** The last completed evaluation period before `today` (a quarter or a month). */
function lastPeriod(today: LocalDate, frequency: 'MONTHLY' | 'QUARTERLY') {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const months = frequency === 'QUARTERLY' ? 3 : 1;
  const current = Math.floor((m - 1) / months) * months + 1; // first month of the current period
  let sm = current - months;
  let sy = y;
  if (sm < 1) {
    sm += 12;
    sy -= 1;
  }
  const start = `${sy}-${String(sm).padStart(2, '0')}-01`;
  const nextStart = sm + months > 12 ? `${sy + 1}-01-01` : `${sy}-${String(sm + months).padStart(2, '0')}-01`;
  const end = addDays(nextStart, -1);
  const BULAN = [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ];
  const label =
    frequency === 'QUARTERLY'
      ? `Triwulan ${['I', 'II', 'III', 'IV'][(sm - 1) / 3]} ${sy}`
      : `${BULAN[sm - 1]} ${sy}`;
  return { start, end, year: sy, label };
}

/**
 * The e-Kinerja demo (issue 15): in the OPD of the demo's pegawai (README's login chain), approved SKP with the
 * cascade — the head of the pegawai's unit (RHK from the Perjanjian Kinerja), the pegawai's superior (RHK
 * intervening the head's) and the pegawai with up to three colleagues (RHK intervening the superior's) — daily
 * reports of the last working days before the demo's today (the older accepted by the superior, the last two
 * waiting for verification), and one approved periodic evaluation of the pegawai for the last completed period.
 * Inserted as rows (the services are built in parallel); loaded only with the history, so the bare province of the
 * tests stays as it was.
 */
export async function loadDemoKinerja(
  db: Db,
  data: DemoData,
  opts: { today: LocalDate; config: Config },
): Promise<DemoKinerjaSummary> {
  const services = buildServices({ config: opts.config, db, clock: fixedClock(`${opts.today}T05:00:00Z`) });
  const rules = await services.rulebooks.rulesOn(opts.config.rulebookRegion, opts.today);
  const frequency = rules.performance.evaluation.periodicFrequency;
  const pegawaiNip = pickDemoLogins(data).pegawai[0]?.nip;
  if (!pegawaiNip) return { skp: 0, reports: 0, evaluations: 0 };
  const byNip = new Map(data.employees.filter((e) => e.nip).map((e) => [e.nip!, e]));
  const pegawai = byNip.get(pegawaiNip)!;
  const sup0 = pegawai.superiorNip ? byNip.get(pegawai.superiorNip) : undefined;
  const head0 = sup0?.superiorNip ? byNip.get(sup0.superiorNip) : undefined;
  if (!sup0 || !head0) return { skp: 0, reports: 0, evaluations: 0 };
  const superior = sup0;
  const head = head0;
  const hasSubordinates = new Set(data.employees.map((e) => e.superiorNip).filter(Boolean));
  const colleagues = data.employees
    .filter(
      (e) =>
        e.nip &&
        e.nip !== pegawaiNip &&
        e.superiorNip === superior.nip &&
        !hasSubordinates.has(e.nip) &&
        ['PNS', 'CPNS', 'PPPK'].includes(e.employeeType),
    )
    .slice(0, 3);
  const staff = [pegawai, ...colleagues];
  const nips = [head.nip!, superior.nip!, ...staff.map((e) => e.nip!)];
  const rows = await db
    .selectFrom('employees')
    .select(['id', 'nip', 'unitId', 'positionId', 'superiorId'])
    .where('nip', 'in', nips)
    .execute();
  const emp = new Map(rows.map((r) => [r.nip!, r]));
  const today = opts.today;
  const year = Number(today.slice(0, 4));
  const period = lastPeriod(today, frequency);
  const years = [...new Set([period.year, year])];
  let skpCount = 0;
  let reports = 0;

  return db.transaction().execute(async (trx) => {
    /** The SKP of a year for the chain; returns the RHK ids of each NIP (seq 1, 2). */
    async function chainSkp(y: number) {
      const rhkOf = new Map<string, { skpId: string; rhk: string[]; indicators: string[] }>();
      const decided = at(`${y}-01-${y === year && today < `${y}-01-20` ? '02' : '15'}`, '10:00');
      const make = async (
        nip: string,
        items: {
          text: string;
          intervenes: string | null;
          penugasan?: string;
          indicator: string;
          target: number;
          satuan: string;
        }[],
      ) => {
        const e = emp.get(nip)!;
        const sup = e.superiorId ? rows.find((r) => r.id === e.superiorId) : undefined;
        const skp = await trx
          .insertInto('skp')
          .values({
            employeeId: e.id,
            unitId: e.unitId,
            positionId: e.positionId,
            year: y,
            periodStart: `${y}-01-01`,
            periodEnd: `${y}-12-31`,
            approach: 'KUANTITATIF',
            status: 'APPROVED',
            penilaiId: e.superiorId,
            atasanPenilaiId: sup?.superiorId ?? null,
            submittedAt: at(`${y}-01-02`, '09:00'),
            decidedAt: decided,
            decidedBy: e.superiorId,
            perilaku: JSON.stringify([]),
            lampiran: JSON.stringify({
              dukunganSumberDaya: ['Aplikasi SIASN dan e-Kinerja', 'Anggaran DPA'],
              skemaPertanggungjawaban: ['Laporan bulanan kepada atasan langsung'],
              konsekuensi: ['Sesuai ketentuan TPP'],
            }),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        skpCount++;
        const rhk: string[] = [];
        const indicators: string[] = [];
        for (const [i, it] of items.entries()) {
          const r = await trx
            .insertInto('skpRhk')
            .values({
              skpId: skp.id,
              kind: i === items.length - 1 && items.length > 2 ? 'TAMBAHAN' : 'UTAMA',
              seq: i + 1,
              text: it.text,
              intervenesRhkId: it.intervenes,
              penugasanDari: it.penugasan ?? null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          rhk.push(r.id);
          const ind = await trx
            .insertInto('skpIndicators')
            .values({
              rhkId: r.id,
              seq: 1,
              text: it.indicator,
              aspect: 'KUANTITAS',
              targetMin: String(it.target),
              targetMax: String(it.target),
              satuan: it.satuan,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          indicators.push(ind.id);
        }
        rhkOf.set(nip, { skpId: skp.id, rhk, indicators });
        return rhk;
      };
      const h = await make(head.nip!, [
        {
          text: 'Meningkatnya penerimaan pajak daerah di wilayah UPTD',
          intervenes: null,
          penugasan: `Perjanjian Kinerja ${y}`,
          indicator: 'Persentase realisasi target penerimaan pajak kendaraan bermotor',
          target: 100,
          satuan: 'persen',
        },
        {
          text: 'Meningkatnya kualitas pelayanan Samsat',
          intervenes: null,
          penugasan: `Perjanjian Kinerja ${y}`,
          indicator: 'Indeks kepuasan masyarakat',
          target: 85,
          satuan: 'indeks',
        },
      ]);
      const s = await make(superior.nip!, [
        {
          text: 'Terkelolanya pendataan dan penetapan pajak kendaraan bermotor',
          intervenes: h[0]!,
          indicator: 'Jumlah laporan pendataan yang disusun',
          target: 12,
          satuan: 'laporan',
        },
        {
          text: 'Terlaksananya pelayanan pembayaran pajak yang tertib',
          intervenes: h[1]!,
          indicator: 'Jumlah laporan evaluasi pelayanan',
          target: 4,
          satuan: 'laporan',
        },
      ]);
      for (const e of staff)
        await make(e.nip!, [
          {
            text: 'Terverifikasinya berkas wajib pajak kendaraan bermotor',
            intervenes: s[0]!,
            indicator: 'Jumlah berkas wajib pajak yang diverifikasi',
            target: 2400,
            satuan: 'berkas',
          },
          {
            text: 'Tersusunnya rekapitulasi penerimaan harian',
            intervenes: s[1]!,
            indicator: 'Jumlah rekapitulasi harian yang disusun',
            target: 240,
            satuan: 'rekap',
          },
          {
            text: 'Terlaksananya tugas tambahan sebagai petugas layanan keliling',
            intervenes: s[1]!,
            indicator: 'Jumlah kegiatan layanan keliling',
            target: 12,
            satuan: 'kegiatan',
          },
        ]);
      return rhkOf;
    }

    const byYear = new Map<number, Awaited<ReturnType<typeof chainSkp>>>();
    for (const y of years) byYear.set(y, await chainSkp(y));

    // Daily reports of the last five working days before today; the last two wait for verification.
    const days: LocalDate[] = [];
    for (let d = addDays(today, -1); days.length < 5; d = addDays(d, -1))
      if (weekday(d) !== 0 && weekday(d) !== 6 && d.slice(0, 4) === today.slice(0, 4)) days.unshift(d);
      else if (d.slice(0, 4) !== today.slice(0, 4)) break;
    const current = byYear.get(year)!;
    for (const e of staff) {
      const mine = current.get(e.nip!)!;
      const me = emp.get(e.nip!)!;
      for (const [i, d] of days.entries()) {
        const pending = i >= days.length - 2;
        const items = [
          {
            rhk: 0,
            activity: 'Verifikasi berkas wajib pajak di loket',
            output: 'Berkas terverifikasi',
            quantity: 12,
            satuan: 'berkas',
            minutes: 240,
          },
          {
            rhk: 1,
            activity: 'Menyusun rekapitulasi penerimaan harian',
            output: 'Rekap harian',
            quantity: 1,
            satuan: 'rekap',
            minutes: 120,
          },
        ];
        for (const it of items) {
          await trx
            .insertInto('dailyReports')
            .values({
              employeeId: me.id,
              unitId: me.unitId,
              skpId: mine.skpId,
              rhkId: mine.rhk[it.rhk]!,
              reportDate: d,
              activity: it.activity,
              output: it.output,
              quantity: String(it.quantity),
              satuan: it.satuan,
              minutes: it.minutes,
              clientId: randomUUID(),
              recordedAt: at(d, it.rhk === 0 ? '12:05' : '15:40'),
              status: pending ? 'SUBMITTED' : 'ACCEPTED',
              verifierId: pending ? null : me.superiorId,
              verifiedAt: pending ? null : at(addDays(d, 1), '08:30'),
              createdAt: at(d, it.rhk === 0 ? '12:05' : '15:40'),
              updatedAt: pending ? at(d, '15:40') : at(addDays(d, 1), '08:30'),
            })
            .execute();
          reports++;
        }
      }
    }

    // One approved periodic evaluation of the pegawai for the last completed period.
    const p = byYear.get(period.year)!.get(pegawai.nip!)!;
    const me = emp.get(pegawai.nip!)!;
    const sup = rows.find((r) => r.id === me.superiorId);
    const share = (Number(period.end.slice(5, 7)) - Number(period.start.slice(5, 7)) + 1) / 12;
    const finalised = addDays(period.end, 3) < today ? addDays(period.end, 3) : addDays(today, -1);
    await trx
      .insertInto('evaluations')
      .values({
        skpId: p.skpId,
        employeeId: me.id,
        unitId: me.unitId,
        kind: 'PERIODIK',
        periodStart: period.start,
        periodEnd: period.end,
        label: period.label,
        status: 'APPROVED',
        realisation: JSON.stringify(
          p.indicators.map((id, i) => ({
            indicatorId: id,
            realisasi: Math.round([2400, 240, 12][i]! * share),
            note: null,
          })),
        ),
        hasilKerjaRating: 'SESUAI_EKSPEKTASI',
        perilakuRating: 'SESUAI_EKSPEKTASI',
        perilakuNotes: JSON.stringify([]),
        ratingNote: 'Target periode tercapai; pertahankan ketelitian verifikasi berkas.',
        predikat: 'BAIK',
        penilaiId: me.superiorId,
        atasanPenilaiId: sup?.superiorId ?? null,
        orgPerformance: 'BAIK',
        finalisedAt: at(finalised, '10:00'),
        approvedAt: at(finalised, '14:00'),
        createdAt: at(finalised, '09:00'),
        updatedAt: at(finalised, '14:00'),
      })
      .execute();
    return { skp: skpCount, reports, evaluations: 1 };
  });
}
