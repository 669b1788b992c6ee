import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { Config } from '../../config.ts';
import { buildServices } from '../../app.ts';
import { fixedClock } from '../../clock.ts';
import { addDays, type LocalDate } from '../../../core/common/local-date.ts';

/** What the competency demo wrote. */
export interface DemoCompetencySummary {
  trainings: number;
  assessments: number;
  records: number;
}

/** A stable number 0..2^32 from a text (FNV-1a): the same demo on every machine. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The catalogue of the demo: what BKD would keep (PP 11/2017 jo. PP 17/2020 Pasal 203: diklat, courses, coaching…). */
const CATALOGUE = [
  {
    title: 'Pelatihan Kepemimpinan Pengawas (PKP)',
    kind: 'DIKLAT',
    codes: ['M.07', 'M.08'],
    jp: 120,
    cost: 15_000_000,
    provider: 'BPSDM Provinsi',
  },
  {
    title: 'Kursus Pengambilan Keputusan',
    kind: 'KURSUS',
    codes: ['M.08'],
    jp: 24,
    cost: 2_500_000,
    provider: 'Universitas Mitra',
  },
  {
    title: 'Coaching Kerja Sama Tim',
    kind: 'COACHING',
    codes: ['M.03', 'M.04'],
    jp: 8,
    cost: 0,
    provider: 'BKD',
  },
  {
    title: 'Mentoring Pelayanan Publik',
    kind: 'MENTORING',
    codes: ['M.05', 'M.06'],
    jp: 8,
    cost: 0,
    provider: 'BKD',
  },
  {
    title: 'Kursus Integritas dan Etika ASN',
    kind: 'KURSUS',
    codes: ['M.01', 'SK.01'],
    jp: 16,
    cost: 750_000,
    provider: 'Inspektorat',
  },
  {
    title: 'Studi Manajemen Perubahan',
    kind: 'STUDI_MITRA',
    codes: ['M.02'],
    jp: 40,
    cost: 5_000_000,
    provider: 'Universitas Mitra',
  },
] as const;

const RECORD_TITLES = [
  ['Pelatihan Penyusunan SKP', 'BKD', 8],
  ['Kursus Microsoft Excel untuk Data', 'BPSDM Provinsi', 12],
  ['Webinar Keterbukaan Informasi Publik', 'Diskominfo', 4],
  ['Pelatihan Pengadaan Barang/Jasa', 'LKPP', 24],
  ['Kursus Pelayanan Prima', 'BPSDM Provinsi', 16],
] as const;

/**
 * The competency demo (issue 19): a training catalogue, an assessment-centre result for about a third of the civil
 * servants (levels around their post's default, so there are gaps), training records of this year for about half
 * (some reach the 20 JP, some do not; imported without certificates, so "Unggah sertifikat" shows), and each OPD's
 * training budget. Rows, deterministic by NIP; loaded only with the history, like the other module demos. The
 * people the browser tests record for are left as they are only by date: results are dated at least 30 days back.
 */
export async function loadDemoCompetency(
  db: Db,
  opts: { today: LocalDate; config: Config },
): Promise<DemoCompetencySummary> {
  const services = buildServices({ config: opts.config, db, clock: fixedClock(`${opts.today}T05:00:00Z`) });
  const rules = (await services.rulebooks.rulesOn(opts.config.rulebookRegion, opts.today)).performance
    .competency;
  if (!rules) return { trainings: 0, assessments: 0, records: 0 };
  const year = Number(opts.today.slice(0, 4));
  const now = new Date(`${opts.today}T05:00:00Z`);
  const people = (
    await sql<{
      id: string;
      nip: string;
      unitId: string;
      positionId: string | null;
      kind: string | null;
      activeFrom: string;
      type: string;
    }>`
      select e.id, e.nip, e.unit_id as "unitId", e.position_id as "positionId", p.kind,
             to_char(e.active_from, 'YYYY-MM-DD') as "activeFrom", e.employee_type as type
        from employees e left join positions p on p.id = e.position_id
       where e.nip is not null and e.active_to is null order by e.nip`.execute(db)
  ).rows;
  const levelOf = new Map<string, number>(
    rules.requiredLevels.byPositionKind.map((k) => [k.positionKind, k.level]),
  );
  const codes = rules.dictionary.map((d) => d.code);

  return db.transaction().execute(async (trx) => {
    for (const c of CATALOGUE)
      await sql`
        insert into competency_trainings (title, kind, codes, jp, cost, provider, active, updated_at)
        values (${c.title}, ${c.kind}, ${[...c.codes]}::text[], ${c.jp}, ${c.cost}, ${c.provider}, true, ${now})`.execute(
        trx,
      );
    // Gathered first, then written in one statement each (row by row, PGlite took seconds per load).
    const assessmentRows: Record<string, unknown>[] = [];
    const recordRows: Record<string, unknown>[] = [];
    const seen = new Set<string>();
    // Records end between 1 January and five days ago (none in the first week of a year).
    const span = Math.round((Date.parse(opts.today) - Date.UTC(year, 0, 1)) / 86_400_000) - 4;
    for (const p of people) {
      const h = hash(p.nip);
      const required = p.kind ? levelOf.get(p.kind) : undefined;
      if (required !== undefined && p.type === 'PNS' && h % 3 === 0) {
        const assessedOn = addDays(opts.today, -(30 + (h % 240)));
        if (assessedOn >= p.activeFrom) {
          // Around the required level: mostly at it, some one below (a gap), a few above; clamped to 1–5.
          const levels = codes.map((code) => {
            const r = hash(`${p.nip}:${code}`) % 10;
            const offset = r < 3 ? -1 : r < 4 ? 1 : r < 5 ? -2 : 0;
            return { code, level: Math.min(5, Math.max(1, required + offset)) };
          });
          assessmentRows.push({
            employee_id: p.id,
            assessed_on: assessedOn,
            unit_id: p.unitId,
            position_id: p.positionId,
            levels,
            recommendation: levels.some((l) => l.level < required)
              ? 'Pengembangan pada kompetensi yang di bawah standar'
              : null,
          });
        }
      }
      if (h % 2 === 0 && span > 0) {
        // One to three records ending this year, before today.
        const n = 1 + (h % 3);
        for (let i = 0; i < n; i++) {
          const [title, provider, jp] = RECORD_TITLES[(h + i) % RECORD_TITLES.length]!;
          const end = addDays(opts.today, -(5 + ((h >>> (4 + i)) % span)));
          if (end < p.activeFrom) continue;
          const start = addDays(end, -Math.max(0, Math.ceil(jp / 8) - 1));
          const key = `${p.id}|${title}|${start}`;
          if (seen.has(key)) continue;
          seen.add(key);
          recordRows.push({
            employee_id: p.id,
            unit_id: p.unitId,
            title,
            provider,
            start_date: start,
            end_date: end,
            jp,
          });
        }
      }
    }
    await sql`
      insert into competency_assessments (employee_id, assessed_on, method, assessor, unit_id, position_id, levels,
                                          recommendation, created_at)
      select x.employee_id, x.assessed_on, 'ASSESSMENT_CENTER', 'UPT Penilaian Kompetensi BKD', x.unit_id,
             x.position_id, x.levels, x.recommendation, ${now}
        from jsonb_to_recordset(${JSON.stringify(assessmentRows)}::jsonb)
          as x(employee_id uuid, assessed_on date, unit_id uuid, position_id uuid, levels jsonb, recommendation text)
      on conflict do nothing`.execute(trx);
    await sql`
      insert into competency_training_records (employee_id, unit_id, title, provider, start_date, end_date, jp, cost,
                                               created_at)
      select x.employee_id, x.unit_id, x.title, x.provider, x.start_date, x.end_date, x.jp, 0, ${now}
        from jsonb_to_recordset(${JSON.stringify(recordRows)}::jsonb)
          as x(employee_id uuid, unit_id uuid, title text, provider text, start_date date, end_date date, jp int)`.execute(
      trx,
    );
    await sql`
      insert into competency_training_budgets (unit_id, year, amount, reference, updated_at)
      select id, ${year}, 60000000, 'DPA demo', ${now} from units where kind = 'OPD'
      on conflict do nothing`.execute(trx);
    return { trainings: CATALOGUE.length, assessments: assessmentRows.length, records: recordRows.length };
  });
}
