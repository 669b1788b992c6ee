import { requireAny, requireUnit, type Actor } from '../../auth/authz.ts';
import { AppError, notFound } from '../../errors.ts';
import type { CompetencyGroup, CompetencyRules } from '../../../core/performance/competency-rules.ts';
import {
  assessmentJpm,
  competencyGaps,
  developmentProgress,
  positionStandard,
  type RequiredLevel,
} from '../../../core/performance/competency.ts';
import {
  POTENTIAL_LABELS,
  PREDIKAT_LABELS,
  RATING_LABELS,
  type PerformanceRules,
  type TalentRules,
} from '../../../core/performance/performance-rules.ts';
import {
  familyOf,
  isKeyPosition,
  placeTalent,
  rankCandidates,
  READINESS_LABELS,
  readinessOf,
  retirementOf,
  type TalentPlacement,
} from '../../../core/performance/talent.ts';
import type {
  Candidate,
  CandidateList,
  NineBox,
  Succession,
  TalentPerson,
  TalentPool,
  TalentPosition,
  TalentPositions,
} from '../../../shared/api/competency-talent.ts';
import type { CompetencyContext } from './competency-context.ts';
import type { AssessmentRow, EmployeeBasics } from './competency-repo.ts';

type Names = Map<string, { name: string; group: CompetencyGroup }>;

const round2 = (n: number) => Math.round(n * 100) / 100;
const basisText = (b: { regulation: string; article?: string | undefined }) =>
  [b.regulation, b.article].filter(Boolean).join(' ');

/** The documented order of a candidate list (talent.ts `rankCandidates`). */
const TIE_BREAK =
  'Urutan: JPM terhadap jabatan (tertinggi dulu); bila sama: anggota talent pool dulu, nomor kotak 9-box lebih tinggi, JP tahun ini lebih banyak, lalu nama.';

/**
 * Talent pool and 9-box (issue 19 point 6): each employee's place on the 9-box from their latest approved annual
 * predikat (e-Kinerja, through its façade) and their latest assessment's JPM; the talent pool per position family;
 * ranked candidates for a position by JPM against it, with box, discipline status (the discipline façade) and
 * training; succession per key position. Every answer showing someone else's box, JPM or predikat writes one audit
 * entry `competency_assessment.viewed` naming the people shown (as the module's other views; one entry per answer,
 * not per person, so a province-wide view stays one write); the caller's role and scope are checked first.
 */
export function createCompetencyTalent(ctx: CompetencyContext) {
  const { repo, relations } = ctx;

  /**
   * The rules: the performance section with its competency part and the talent part.
   * @throws CONFLICT NO_COMPETENCY_RULES / NO_TALENT_RULES when the rulebook lacks them
   */
  async function rules(): Promise<{
    performance: PerformanceRules;
    competency: CompetencyRules;
    talent: TalentRules;
  }> {
    const { performance, competency } = await ctx.rules();
    const talent = performance.nineBox.talent;
    if (!talent)
      throw new AppError('CONFLICT', 'Rulebook yang berlaku belum memuat aturan manajemen talenta', [
        { path: 'performance.nineBox.talent', message: 'Belum diatur', code: 'NO_TALENT_RULES' },
      ]);
    return { performance, competency, talent };
  }

  /** The standards of many positions, their BKD levels read in one query. */
  async function standardsOf(
    positions: readonly { id: string; kind: string | null }[],
    competency: CompetencyRules,
    names: Names,
  ): Promise<Map<string, RequiredLevel[]>> {
    const ids = [...new Set(positions.map((p) => p.id))];
    const levels = await repo.positionLevels(ids);
    const byPosition = new Map<string, { code: string; group: CompetencyGroup; level: number }[]>();
    for (const l of levels) {
      const list = byPosition.get(l.positionId) ?? [];
      list.push({ code: l.code, level: l.level, group: names.get(l.code)?.group ?? 'TEKNIS' });
      byPosition.set(l.positionId, list);
    }
    const out = new Map<string, RequiredLevel[]>();
    for (const p of positions)
      if (!out.has(p.id)) out.set(p.id, positionStandard(p.kind, byPosition.get(p.id) ?? [], competency));
    return out;
  }

  /** The assessed levels of a result. */
  const assessedOf = (r: AssessmentRow) => new Map(r.levels.map((l) => [l.code, l.level]));

  /**
   * The 9-box of these employees: predikat from e-Kinerja, JPM of the latest result against the position held on its
   * date (the potential score), placed with the rulebook.
   */
  async function place(people: readonly EmployeeBasics[]) {
    const { performance, competency, talent } = await rules();
    const names = await ctx.catalogue(competency);
    const ids = people.map((p) => p.id);
    const predikats = await ctx.kinerja().evaluations.latestAnnual(ids);
    const latest = new Map((await repo.latestOf(ids)).map((r) => [r.employeeId, r]));
    const standards = await standardsOf(
      [...latest.values()]
        .filter((r) => r.positionId)
        .map((r) => ({ id: r.positionId!, kind: r.positionKind })),
      competency,
      names,
    );
    const out: { person: TalentPerson; placement: TalentPlacement; latest: AssessmentRow | undefined }[] = [];
    for (const e of people) {
      const ev = predikats.get(e.id) ?? null;
      const r = latest.get(e.id);
      const jpm = r?.positionId
        ? assessmentJpm(standards.get(r.positionId) ?? [], assessedOf(r), performance, 'mapping')
        : null;
      const placement = placeTalent(
        {
          predikat: ev?.predikat ?? null,
          evaluationLabel: ev?.label ?? null,
          potentialScore: jpm ? jpm.percent : null,
          potentialMissing: r
            ? `Hasil asesmen ${r.assessedOn}: jabatan ${r.positionName ?? '(tanpa jabatan)'} belum memiliki standar kompetensi, nilai potensial tidak dapat dihitung`
            : null,
        },
        performance,
        talent,
      );
      out.push({
        latest: r,
        placement,
        person: {
          employeeId: e.id,
          name: e.name,
          nip: e.nip,
          unitName: e.unitName,
          positionName: e.positionName,
          family: familyOf(e.positionKind, talent),
          predikat: ev?.predikat ?? null,
          predikatLabel: ev ? PREDIKAT_LABELS[ev.predikat] : null,
          evaluationLabel: ev?.label ?? null,
          potentialScore: jpm ? round2(jpm.percent) : null,
          assessedOn: r?.assessedOn ?? null,
          placed: placement.placed,
          box: placement.placed ? placement.box : null,
          boxLabel: placement.placed ? placement.label : null,
          performanceLevel: placement.placed ? RATING_LABELS[placement.performanceLevel] : null,
          potentialLevel: placement.placed ? POTENTIAL_LABELS[placement.potentialLevel] : null,
          isTalentPool: placement.placed && placement.isTalentPool,
          reasons: placement.reasons,
        },
      });
    }
    return { out, performance, competency, talent, names };
  }

  /** A unit in the caller's competency.read scope. @throws NOT_FOUND, FORBIDDEN */
  async function unitInScope(actor: Actor, unitId: string) {
    const unit = await repo.unit(unitId);
    if (!unit) throw notFound('Unit');
    requireUnit(actor, 'competency.read', unit.path);
    return unit;
  }

  /**
   * GET /talent/nine-box: with `unitId`, everyone now in the unit's subtree (competency.read over it: BKD); without,
   * the caller's direct subordinates today (a superior). Counts per box and the people (placed or not, with why),
   * optionally of one position family. Logged per person shown.
   */
  async function nineBox(
    actor: Actor,
    q: { unitId?: string | undefined; family?: string | undefined },
  ): Promise<NineBox> {
    let people: EmployeeBasics[];
    let unit: { id: string; name: string } | null = null;
    if (q.unitId) {
      const u = await unitInScope(actor, q.unitId);
      unit = u;
      people = await repo.employeesIn('all', u.path, ctx.today());
    } else if (actor.employeeId) {
      const date = await relations.todayOf(actor.employeeId);
      const subs = await relations.subordinatesOn(actor.employeeId, date).catch(() => []);
      people = await repo.employeesById(subs.map((s) => s.employeeId));
    } else people = [];
    const { out, performance, talent } = await place(people);
    const shown = out.filter((o) => !q.family || o.person.family.code === q.family);
    const counts = Array.from({ length: 9 }, () => 0);
    for (const o of shown) if (o.placement.placed) counts[o.placement.box - 1]! += 1;
    await ctx.logViews(
      actor,
      shown.map((o) => o.person.employeeId),
      '9-box talenta',
    );
    const nb = performance.nineBox;
    return {
      scope: q.unitId ? 'UNIT' : 'STAFF',
      unitId: unit?.id ?? null,
      unitName: unit?.name ?? null,
      family: q.family ?? null,
      basis: [basisText(nb.legalBasis), basisText(talent.performanceByPredikat.legalBasis)],
      thresholds: { middleFrom: nb.potential.middleFrom, highFrom: nb.potential.highFrom },
      talentPoolBoxes: nb.talentPoolBoxes,
      boxes: [...nb.boxes]
        .sort((a, b) => a.box - b.box)
        .map((b) => ({
          box: b.box,
          label: b.label,
          performanceLevel: RATING_LABELS[b.performance],
          potentialLevel: POTENTIAL_LABELS[b.potential],
          isTalentPool: nb.talentPoolBoxes.includes(b.box),
          count: counts[b.box - 1] ?? 0,
        })),
      notPlaced: shown.filter((o) => !o.placement.placed).length,
      people: shown
        .map((o) => o.person)
        .sort((a, b) => (b.box ?? 0) - (a.box ?? 0) || a.name.localeCompare(b.name)),
    };
  }

  /** GET /talent/nine-box/export.:format: the people of the 9-box as a table (same access, logged the same way). */
  async function nineBoxTable(actor: Actor, q: { unitId?: string | undefined; family?: string | undefined }) {
    const r = await nineBox(actor, q);
    const columns = [
      { header: 'Nama', key: 'name', width: 32 },
      { header: 'NIP', key: 'nip', width: 20 },
      { header: 'Unit', key: 'unitName', width: 28 },
      { header: 'Jabatan', key: 'positionName', width: 28 },
      { header: 'Rumpun', key: 'family', width: 20 },
      { header: 'Predikat tahunan', key: 'predikat', width: 16 },
      { header: 'Nilai potensial (JPM %)', key: 'potential', width: 14 },
      { header: 'Kotak', key: 'box', width: 8 },
      { header: 'Keterangan', key: 'label', width: 48 },
    ];
    const rows = r.people.map((p) => ({
      name: p.name,
      nip: p.nip ?? '',
      unitName: p.unitName,
      positionName: p.positionName ?? '',
      family: p.family.label,
      predikat: p.predikatLabel ?? '',
      potential: p.potentialScore ?? '',
      box: p.box ?? '',
      label: p.placed ? (p.boxLabel ?? '') : `Belum dipetakan: ${p.reasons.join('; ')}`,
    }));
    return { fileBase: 'talenta-9-box', title: `9-box talenta ${r.unitName ?? 'staf'}`, columns, rows };
  }

  /**
   * GET /talent/pool: the members of the talent-pool boxes (rulebook `talentPoolBoxes`, national 7–9) per position
   * family, in the caller's competency.read scope (or one unit of it). Logged per person shown.
   */
  async function pool(
    actor: Actor,
    q: { unitId?: string | undefined; family?: string | undefined },
  ): Promise<TalentPool> {
    const scope = requireAny(actor, 'competency.read');
    const path = q.unitId ? (await unitInScope(actor, q.unitId)).path : null;
    const people = await repo.employeesIn(scope, path, ctx.today());
    const { out, performance, talent } = await place(people);
    const members = out
      .map((o) => o.person)
      .filter((p) => p.isTalentPool && (!q.family || p.family.code === q.family));
    await ctx.logViews(
      actor,
      members.map((m) => m.employeeId),
      'talent pool',
    );
    const families = [
      ...talent.families.map((f) => ({ code: f.code, label: f.label })),
      { code: 'LAINNYA', label: 'Lainnya' },
    ]
      .filter((f) => !q.family || f.code === q.family)
      .map((f) => ({
        ...f,
        members: members
          .filter((m) => m.family.code === f.code)
          .sort(
            (a, b) =>
              (b.box ?? 0) - (a.box ?? 0) ||
              (b.potentialScore ?? 0) - (a.potentialScore ?? 0) ||
              a.name.localeCompare(b.name),
          ),
      }))
      .filter((f) => f.code !== 'LAINNYA' || f.members.length > 0);
    return { talentPoolBoxes: performance.nineBox.talentPoolBoxes, families };
  }

  const presentPosition = (
    p: Awaited<ReturnType<typeof repo.positionsIn>>[number],
    talent: TalentRules,
  ): TalentPosition => ({
    id: p.id,
    code: p.code,
    name: p.name,
    kind: p.kind,
    unitName: p.unitName,
    family: familyOf(p.kind, talent),
    isKey: isKeyPosition(p.kind, talent),
    vacant: p.holderId === null,
    holder: p.holderId ? { employeeId: p.holderId, name: p.holderName ?? '' } : null,
  });

  /** GET /talent/positions: positions in the caller's competency.read scope with holder, vacancy, key (no results shown). */
  async function positions(
    actor: Actor,
    q: {
      unitId?: string | undefined;
      vacant?: boolean | undefined;
      key?: boolean | undefined;
      q?: string | undefined;
    },
  ): Promise<TalentPositions> {
    const scope = requireAny(actor, 'competency.read');
    const path = q.unitId ? (await unitInScope(actor, q.unitId)).path : null;
    const { talent } = await rules();
    const rows = await repo.positionsIn(scope, { unitPath: path, q: q.q }, ctx.today());
    return {
      items: rows
        .map((p) => presentPosition(p, talent))
        .filter(
          (p) =>
            (q.vacant === undefined || p.vacant === q.vacant) && (q.key === undefined || p.isKey === q.key),
        ),
    };
  }

  /**
   * The candidates for a position among the people of a scope: the JPM of each one's latest result against the
   * position's standard (selection bands), their 9-box, readiness, gaps, ranked (talent.ts `rankCandidates`). The
   * holder is left out. @throws VALIDATION NO_STANDARD when the position has no standard
   */
  /** A position's standard. @throws VALIDATION NO_STANDARD when it has no managerial or socio-cultural level */
  async function standardOrRefuse(
    position: { id: string; kind: string; name: string },
    competency: CompetencyRules,
    names: Names,
  ): Promise<RequiredLevel[]> {
    const standard = (await standardsOf([position], competency, names)).get(position.id)!;
    if (!standard.some((l) => l.group !== 'TEKNIS')) {
      const text = `Jabatan ${position.name} belum memiliki standar kompetensi: kandidat tidak dapat diurutkan menurut JPM`;
      throw new AppError('VALIDATION', text, [{ path: 'positionId', message: text, code: 'NO_STANDARD' }]);
    }
    return standard;
  }

  async function rankFor(
    position: { id: string; kind: string; name: string },
    placed: Awaited<ReturnType<typeof place>>,
    holderId: string | null,
  ) {
    const { out, performance, competency, talent, names } = placed;
    const standard = await standardOrRefuse(position, competency, names);
    const considered = out.filter((o) => o.latest && o.person.employeeId !== holderId);
    const jpOf = await jpOfYear(placed);
    const ranked = rankCandidates(
      considered.map((o) => {
        const assessed = assessedOf(o.latest!);
        const jpm = assessmentJpm(standard, assessed, performance, 'selection')!;
        return {
          o,
          jpmResult: jpm,
          employeeId: o.person.employeeId,
          name: o.person.name,
          jpm: jpm.percent,
          box: o.person.box,
          isTalentPool: o.person.isTalentPool,
          jp: jpOf.get(o.person.employeeId) ?? 0,
          gaps: competencyGaps(standard, assessed),
        };
      }),
    );
    return { ranked, standard, talent, names, competency };
  }

  /** This year's JP of everyone placed with a result, read once per request (the tie-break of the ranking). */
  const jpCache = new WeakMap<object, Promise<Map<string, number>>>();
  function jpOfYear(placed: Awaited<ReturnType<typeof place>>): Promise<Map<string, number>> {
    let found = jpCache.get(placed.out);
    if (!found) {
      found = (async () => {
        const jp = new Map<string, number>();
        const ids = placed.out.filter((o) => o.latest).map((o) => o.person.employeeId);
        for (const r of await repo.recordsInYear(ids, Number(ctx.today().slice(0, 4))))
          jp.set(r.employeeId, (jp.get(r.employeeId) ?? 0) + r.jp);
        return jp;
      })();
      jpCache.set(placed.out, found);
    }
    return found;
  }

  /** The full candidate line: discipline status and this year's development added. */
  async function candidateLines(
    ranked: Awaited<ReturnType<typeof rankFor>>['ranked'],
    competency: CompetencyRules,
    talent: TalentRules,
    names: Names,
  ): Promise<Candidate[]> {
    const ids = ranked.map((r) => r.employeeId);
    const today = ctx.today();
    const year = Number(today.slice(0, 4));
    const discipline = await ctx.discipline().sanctions.statusOf(ids, today);
    const records = await repo.recordsInYear(ids, year);
    return ranked.map((r, i) => {
      const d = discipline.get(r.employeeId);
      const mine = records.filter((x) => x.employeeId === r.employeeId);
      const dev = developmentProgress(mine, year, competency);
      const readiness = readinessOf(r.jpmResult.code, talent);
      return {
        rank: i + 1,
        employeeId: r.employeeId,
        name: r.name,
        nip: r.o.person.nip,
        unitName: r.o.person.unitName,
        positionName: r.o.person.positionName,
        assessedOn: r.o.latest!.assessedOn,
        jpm: {
          percent: round2(r.jpmResult.percent),
          code: r.jpmResult.code,
          label: r.jpmResult.label,
          requiredTotal: r.jpmResult.requiredTotal,
          assessedTotal: r.jpmResult.assessedTotal,
        },
        readiness,
        readinessLabel: READINESS_LABELS[readiness],
        box: r.o.person.box,
        boxLabel: r.o.person.boxLabel,
        isTalentPool: r.o.person.isTalentPool,
        boxReasons: r.o.person.reasons,
        discipline: {
          flagged: !!d && (d.blocksPromotion || d.underExamination || d.underAppeal),
          blocksPromotion: d?.blocksPromotion ?? false,
          underExamination: d?.underExamination ?? false,
          underAppeal: d?.underAppeal ?? false,
          reasons: d?.reasons ?? [],
        },
        development: {
          year,
          jp: dev.jp,
          target: dev.target,
          met: dev.met,
          records: mine.map((x) => ({ title: x.title, endDate: x.endDate, jp: x.jp })),
        },
        gaps: r.gaps.map((g) => ({
          code: g.code,
          name: names.get(g.code)?.name ?? g.code,
          required: g.required,
          assessed: g.assessed,
          gap: g.gap,
        })),
      };
    });
  }

  /**
   * GET /talent/candidates: for a position (competency.read over its unit), everyone in the caller's competency.read
   * scope with a result, ranked by the JPM of their latest result against the position (tie-break documented), with
   * box, discipline status, this year's JP and records, and gaps. 400 NO_STANDARD when the position has none.
   * Logged per person shown.
   */
  async function candidates(
    actor: Actor,
    q: { positionId: string; family?: string | undefined; limit: number },
  ): Promise<CandidateList> {
    const scope = requireAny(actor, 'competency.read');
    const p = await repo.position(q.positionId);
    if (!p) throw notFound('Jabatan');
    requireUnit(actor, 'competency.read', p.unitPath);
    const today = ctx.today();
    const row = (await repo.positionsIn('all', { unitPath: null, positionId: p.id }, today))[0]!;
    // A position without a standard is refused before anyone's results are read.
    const { competency: rulesOf } = await rules();
    await standardOrRefuse(p, rulesOf, await ctx.catalogue(rulesOf));
    const placed = await place(await repo.employeesIn(scope, null, today));
    const { ranked, standard, talent, names, competency } = await rankFor(p, placed, row.holderId);
    const filtered = ranked.filter((r) => !q.family || r.o.person.family.code === q.family).slice(0, q.limit);
    const items = await candidateLines(filtered, competency, talent, names);
    await ctx.logViews(
      actor,
      items.map((i) => i.employeeId),
      `kandidat jabatan ${p.name}`,
    );
    const pos = presentPosition(row, talent);
    return {
      position: {
        id: pos.id,
        code: pos.code,
        name: pos.name,
        kind: pos.kind,
        unitName: pos.unitName,
        family: pos.family,
        isKey: pos.isKey,
      },
      vacant: pos.vacant,
      holder: pos.holder,
      requiredTotal: standard.filter((l) => l.group !== 'TEKNIS').reduce((s, l) => s + l.required, 0),
      basis: `${basisText(placed.performance.jpm.legalBasis)}; JPM = Σ level asesmen / Σ level standar × 100 (seleksi/promosi)`,
      tieBreak: TIE_BREAK,
      considered: ranked.length,
      items,
    };
  }

  /** GET /talent/candidates/export.:format: the candidate list as a table (same access, logged the same way). */
  async function candidatesTable(
    actor: Actor,
    q: { positionId: string; family?: string | undefined; limit: number },
  ) {
    const r = await candidates(actor, q);
    const columns = [
      { header: 'Peringkat', key: 'rank', width: 10 },
      { header: 'Nama', key: 'name', width: 32 },
      { header: 'NIP', key: 'nip', width: 20 },
      { header: 'Unit', key: 'unitName', width: 28 },
      { header: 'Jabatan sekarang', key: 'positionName', width: 28 },
      { header: 'JPM (%)', key: 'jpm', width: 10 },
      { header: 'Kategori', key: 'band', width: 26 },
      { header: 'Kesiapan', key: 'readiness', width: 16 },
      { header: 'Kotak 9-box', key: 'box', width: 10 },
      { header: 'Disiplin', key: 'discipline', width: 40 },
      { header: `JP ${r.items[0]?.development.year ?? ''}`, key: 'jp', width: 8 },
      { header: 'Kesenjangan', key: 'gaps', width: 40 },
    ];
    const rows = r.items.map((c) => ({
      rank: c.rank,
      name: c.name,
      nip: c.nip ?? '',
      unitName: c.unitName,
      positionName: c.positionName ?? '',
      jpm: c.jpm.percent,
      band: `${c.jpm.code} – ${c.jpm.label}`,
      readiness: c.readinessLabel,
      box: c.box ?? '',
      discipline: c.discipline.flagged ? c.discipline.reasons.join('; ') : 'Bersih',
      jp: c.development.jp,
      gaps: c.gaps.map((g) => `${g.code} (${g.assessed ?? 0}/${g.required})`).join(', '),
    }));
    return { fileBase: `kandidat-${r.position.code}`, title: `Kandidat ${r.position.name}`, columns, rows };
  }

  /**
   * GET /talent/succession: per key position (rulebook kinds) in the caller's competency.read scope (or one unit of
   * it): the holder with age and retirement (UU 5/2014 Pasal 90, rulebook ages), and the talent pool's members ready
   * now or soon by JPM against the position, ranked. Positions without a standard list no candidates. Logged per
   * candidate shown (the holder's age is not an assessment result).
   */
  async function succession(
    actor: Actor,
    q: { unitId?: string | undefined; limit: number },
  ): Promise<Succession> {
    const scope = requireAny(actor, 'competency.read');
    const path = q.unitId ? (await unitInScope(actor, q.unitId)).path : null;
    const today = ctx.today();
    const { talent } = await rules();
    const keys = (await repo.positionsIn(scope, { unitPath: path }, today)).filter((p) =>
      isKeyPosition(p.kind, talent),
    );
    const placed = await place(await repo.employeesIn(scope, null, today));
    const pool = { ...placed, out: placed.out.filter((o) => o.person.isTalentPool) };
    const items: Succession['items'] = [];
    const shown: string[] = [];
    for (const p of keys) {
      const pos = presentPosition(p, talent);
      let lines: Candidate[] = [];
      try {
        const { ranked, competency, names } = await rankFor(p, pool, p.holderId);
        const ready = ranked
          .filter((r) => readinessOf(r.jpmResult.code, talent) !== 'NOT_READY')
          .slice(0, q.limit);
        lines = await candidateLines(ready, competency, talent, names);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
      }
      shown.push(...lines.map((l) => l.employeeId));
      const ret = p.holderBirthDate ? retirementOf(p.holderBirthDate, p.kind, today, talent) : null;
      items.push({
        position: {
          id: pos.id,
          code: pos.code,
          name: pos.name,
          kind: pos.kind,
          unitName: pos.unitName,
          family: pos.family,
          isKey: pos.isKey,
          vacant: pos.vacant,
        },
        holder: pos.holder
          ? {
              ...pos.holder,
              age: ret?.age ?? null,
              retirementAge: ret?.retirementAge ?? null,
              retiresOn: ret?.retiresOn ?? null,
              monthsLeft: ret?.monthsLeft ?? null,
            }
          : null,
        candidates: lines.map((l) => ({
          rank: l.rank,
          employeeId: l.employeeId,
          name: l.name,
          unitName: l.unitName,
          jpm: l.jpm,
          readiness: l.readiness,
          readinessLabel: l.readinessLabel,
          box: l.box,
          discipline: l.discipline,
        })),
      });
    }
    await ctx.logViews(actor, shown, 'rencana suksesi');
    return {
      basis: `${basisText(talent.legalBasis)}; kesiapan: ${basisText(talent.readiness.legalBasis)}; usia pensiun: ${basisText(talent.retirement.legalBasis)}`,
      items,
    };
  }

  return { nineBox, nineBoxTable, pool, positions, candidates, candidatesTable, succession };
}
