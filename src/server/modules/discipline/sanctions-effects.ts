import { sql } from 'kysely';
import { inScope, scopeOf, requireAny, requireUnit, type Actor } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import { monthRange, type LocalDate } from '../../../core/common/local-date.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { findSanction, type DisciplineLevel } from '../../../core/discipline/discipline-rules.ts';
import { appealWindow, effectiveDate, postingDeadline } from '../../../core/discipline/deadlines.ts';
import {
  sanctionBlocks,
  sanctionStatusOn,
  sanctionsInMonth,
  type StoredSanction,
} from '../../../core/discipline/sanctions.ts';
import {
  CASE_STATE_LABELS,
  isUnderExamination,
  type CaseState,
} from '../../../core/discipline/case-machine.ts';
import type { TppSanction } from '../../../core/tpp/compute-tpp.ts';
import type { Exec } from '../../relations/relations-service.ts';
import type {
  ActiveSanctions,
  ActiveSanctionsQuery,
  DeliveryBody,
  DisciplineRecord,
  SanctionStepResult,
} from '../../../shared/api/discipline-sanctions.ts';
import type { DisciplineContext } from './discipline-context.ts';
import { refuseDelivery } from './sanctions-access.ts';
import { appealKindFor, nameOf, type SanctionsShared } from './sanctions-shared.ts';

/** Sanction statuses whose period counts for the flags (delivered and scheduled, not annulled or suspended). */
const SCHEDULED = new Set(['DISAMPAIKAN', 'MENUNGGU', 'BERLAKU', 'DIGANTI', 'SELESAI']);

/**
 * Delivery, effective date and serving of a sanction, and its effects (issue 16 points 2 and 7): the employee's
 * record with the KGB / promotion / transfer flags, and the sanctions active in a month for TPP.
 * Source: PP 94/2021 Pasal 37–38; Peraturan BKN 6/2022 Pasal 49 ayat (8), 50 ayat (1), 55 ayat (1) and annex;
 * PP 79/2021; regulations.md §1.6, §1.7, §1.9, §1.10.
 */
export function createEffectsPart(ctx: DisciplineContext, shared: SanctionsShared) {
  const { db } = ctx;

  /**
   * POST /cases/:id/delivery: the SK reached the employee (in person, or sent to the last known address after a
   * missed delivery). Effective date from the core with the case's rules and the unit calendar; serving period
   * scheduled with the employee's other sanctions; KGB/promotion flags; → MENUNGGU_BERLAKU; the employee is told
   * the effective date and the upaya administratif window. By the decider, the superior or discipline.manage.
   */
  async function deliver(actor: Actor, caseId: string, body: DeliveryBody): Promise<SanctionStepResult> {
    return db.transaction().execute(async (trx) => {
      const { c, role } = await ctx.loadCase(actor, caseId, trx, true);
      const s = await shared.sanctionOfCase(c.id, trx);
      const refused = refuseDelivery(actor, role, s);
      if (refused) throw forbidden(refused);
      ctx.requireAction(c, 'deliver', 'Penyampaian keputusan');
      if (!s) throw new AppError('CONFLICT', 'Kasus ini belum memiliki keputusan hukuman disiplin');
      const rules = ctx.rulesOf(c);
      const today = await ctx.todayOfUnit(c.unitId, trx);
      if (body.receivedOn < s.skDate)
        throw fieldError(
          'receivedOn',
          `Tanggal diterima tidak boleh sebelum tanggal SK (${formatDdMmYyyy(s.skDate)})`,
        );
      if (body.receivedOn > today)
        throw fieldError(
          'receivedOn',
          `Tanggal diterima tidak boleh setelah hari ini (${formatDdMmYyyy(today)})`,
        );
      if (body.summonedOn && body.summonedOn < s.skDate)
        throw fieldError(
          'summonedOn',
          `Tanggal penyampaian tidak boleh sebelum tanggal SK (${formatDdMmYyyy(s.skDate)})`,
        );
      if (body.postedOn && body.postedOn > today)
        throw fieldError(
          'postedOn',
          `Tanggal pengiriman tidak boleh setelah hari ini (${formatDdMmYyyy(today)})`,
        );
      const cal = await ctx.calendarOfUnit(c.unitId, body.receivedOn, trx);
      // In person: the delivery is the receipt; by post: the delivery the employee was summoned to and missed.
      const deliveredOn = body.method === 'pos' ? body.summonedOn! : body.receivedOn;
      const late: string[] = [];
      if (deliveredOn > s.deliveryDue)
        late.push(
          `Keputusan wajib disampaikan paling lambat ${formatDdMmYyyy(s.deliveryDue)} (${rules.deadlines.delivery.count} hari kerja sejak ditetapkan; ${rules.deadlines.delivery.legalBasis.regulation} ${rules.deadlines.delivery.legalBasis.article ?? ''})`.trim(),
        );
      if (body.method === 'pos') {
        const posting = postingDeadline(body.summonedOn!, rules, cal);
        if (body.postedOn! > posting.date)
          late.push(
            `Keputusan wajib dikirim ke alamat terakhir paling lambat ${formatDdMmYyyy(posting.date)} (${rules.deadlines.posting.count} hari kerja sejak penyampaian yang tidak dihadiri; ${rules.deadlines.posting.legalBasis.regulation} ${rules.deadlines.posting.legalBasis.article ?? ''})`.trim(),
          );
      }
      if (late.length && !body.lateReason)
        throw fieldError('lateReason', `${late.join('; ')}. Isi alasan keterlambatan.`);
      const effective = effectiveDate(body.receivedOn, rules, cal, body.method);
      const blocks = sanctionBlocks(s.level as DisciplineLevel);
      await trx
        .updateTable('disciplineSanctions')
        .set({
          deliveryMethod: body.method,
          deliverySummonedOn: body.summonedOn ?? null,
          postedOn: body.postedOn ?? null,
          receivedOn: body.receivedOn,
          deliveredBy: actor.employeeId,
          effectiveOn: effective.date,
          status: 'DISAMPAIKAN',
          blocksKgb: blocks.blocksKgb,
          blocksPromotion: blocks.blocksPromotion,
          updatedAt: ctx.clock.now(),
        })
        .where('id', '=', s.id)
        .execute();
      const changed = await shared.reschedule(trx, c.employeeId);
      await shared.noteRescheduled(trx, actor, changed, c.id);
      const applied = findSanction(rules, s.appliedCode);
      const kind = appealKindFor(
        applied ?? { level: s.level as DisciplineLevel, durationMonths: s.durationMonths },
      );
      const window = appealWindow(body.receivedOn, kind === 'BANDING' ? 'banding' : 'keberatan', rules, cal);
      const mine = await trx
        .selectFrom('disciplineSanctions')
        .select(['startsOn', 'endsOn', 'status'])
        .where('id', '=', s.id)
        .executeTakeFirstOrThrow();
      await ctx.addEvent(trx, actor, c, {
        action: 'deliver',
        from: c.state,
        to: 'MENUNGGU_BERLAKU',
        data: {
          sanctionId: s.id,
          method: body.method,
          summonedOn: body.summonedOn ?? null,
          postedOn: body.postedOn ?? null,
          receivedOn: body.receivedOn,
          effectiveOn: effective.date,
          startsOn: mine.startsOn,
          endsOn: mine.endsOn,
          waits: mine.status === 'MENUNGGU',
          replaced: changed.filter((x) => x.replacedBy === s.id).map((x) => x.id),
          lateReason: body.lateReason ?? null,
        },
        reason: body.lateReason ?? null,
      });
      await ctx.setState(trx, c, 'MENUNGGU_BERLAKU', {
        step: `Keputusan berlaku ${formatDdMmYyyy(effective.date)} kecuali diajukan ${kind === 'BANDING' ? 'banding administratif' : 'keberatan'} paling lambat ${formatDdMmYyyy(window.filing.date)}`,
        due: null,
        holder: { employeeIds: [], roles: [] },
      });
      await ctx.audit.record(trx, ctxOf(actor), {
        action: 'discipline.sanction_delivered',
        entityType: 'discipline_case',
        entityId: c.id,
        unitId: c.unitId,
        before: { status: s.status },
        after: {
          sanctionId: s.id,
          method: body.method,
          receivedOn: body.receivedOn,
          effectiveOn: effective.date,
          startsOn: mine.startsOn,
          endsOn: mine.endsOn,
          status: mine.status,
          lateReason: body.lateReason ?? null,
        },
      });
      const waits =
        mine.status === 'MENUNGGU' && mine.startsOn
          ? ` Hukuman mulai dijalani ${formatDdMmYyyy(mine.startsOn)} setelah hukuman yang sedang Anda jalani berakhir.`
          : '';
      await ctx.notifications.notify(trx, {
        employeeIds: [c.employeeId],
        kind: 'discipline_sanction_delivered',
        title: `Keputusan hukuman disiplin ${c.caseNumber} berlaku ${formatDdMmYyyy(effective.date)}`,
        body: `Keputusan diterima ${formatDdMmYyyy(body.receivedOn)} dan berlaku ${formatDdMmYyyy(effective.date)}.${waits} Anda dapat mengajukan ${kind === 'BANDING' ? 'banding administratif' : 'keberatan'} paling lambat ${formatDdMmYyyy(window.filing.date)}; selama upaya administratif belum diputus, hukuman tidak berlaku.`,
        link: `/disiplin/kasus/${c.id}`,
        entity: { type: 'discipline_case', id: c.id },
        subjectEmployeeId: c.employeeId,
        exceptUserIds: [actor.userId],
      });
      return {
        caseId: c.id,
        state: 'MENUNGGU_BERLAKU',
        stateLabel: CASE_STATE_LABELS.MENUNGGU_BERLAKU,
        sanction: await shared.viewOf(s.id, today, trx),
      };
    });
  }

  /** Reads the employee, or 404; then the actor must be them, their superior today, or a reader in scope. */
  async function requireRecordReader(actor: Actor, employeeId: string) {
    const e = await db
      .selectFrom('employees as e')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .select(['e.id', 'e.name', 'e.frontTitle', 'e.backTitle', 'e.nip', 'e.employeeType', 'e.unitId'])
      .select(['u.path as unitPath', 'u.name as unitName'])
      .where('e.id', '=', employeeId)
      .executeTakeFirst();
    if (!e) throw notFound('Pegawai');
    if (actor.employeeId === e.id) return e;
    const readers = (['discipline.read', 'discipline.manage', 'employee.read'] as const).some((p) =>
      inScope(scopeOf(actor, p), e.unitPath),
    );
    if (readers) return e;
    if (actor.employeeId) {
      const deciders = await ctx.relations.decidersToday(e.id).catch(() => [] as string[]);
      if (deciders.includes(actor.employeeId)) return e;
    }
    throw notFound('Pegawai');
  }

  /**
   * GET /employees/:employeeId/record: the riwayat hukuman disiplin (every sanction with its SK, dates, status
   * today and appeals) and the flags: KGB and promotion blocked while a sedang/berat sanction is served (PerBKN
   * 6/2022 Pasal 55 ayat (1)); under examination or appeal → transfer blocked (regulations.md §1.6).
   */
  async function record(actor: Actor, employeeId: string): Promise<DisciplineRecord> {
    const e = await requireRecordReader(actor, employeeId);
    const today = await ctx.todayOfUnit(e.unitId);
    const { sanctions, flags } = await flagsOf(e.id, today);
    return {
      employee: {
        id: e.id,
        name: nameOf(e),
        nip: e.nip,
        employeeType: e.employeeType,
        unitName: e.unitName,
      },
      today,
      sanctions,
      flags,
    };
  }

  /**
   * For other modules (no actor: the caller checks its own access; the competency module's candidate lists): the
   * flags of each employee's discipline record today (a sanction blocking promotion, under examination, under
   * upaya administratif) with their reasons. Reading never writes.
   */
  async function statusOf(
    employeeIds: readonly string[],
    today: LocalDate,
  ): Promise<Map<string, DisciplineRecord['flags']>> {
    const out = new Map<string, DisciplineRecord['flags']>();
    if (employeeIds.length === 0) return out;
    const ids = [...new Set(employeeIds)];
    // Only those with a sanction or a case have a record to read; everyone else has clean flags.
    const withRecord = new Set(
      [
        ...(await db
          .selectFrom('disciplineSanctions')
          .select('employeeId')
          .where(sql<boolean>`employee_id = any(${ids}::uuid[])`)
          .execute()),
        ...(await db
          .selectFrom('disciplineCases')
          .select('employeeId')
          .where(sql<boolean>`employee_id = any(${ids}::uuid[])`)
          .execute()),
      ].map((r) => r.employeeId),
    );
    for (const id of withRecord) out.set(id, (await flagsOf(id, today)).flags);
    return out;
  }

  /** The sanctions of an employee today and the flags they raise. */
  async function flagsOf(employeeId: string, today: LocalDate) {
    const e = { id: employeeId };
    const sanctions = await shared.viewsOfEmployee(e.id, today);
    const reasons: string[] = [];
    const until = (flag: 'blocksKgb' | 'blocksPromotion') => {
      const hits = sanctions.filter(
        (s) =>
          s[flag] &&
          s.startsOn &&
          SCHEDULED.has(s.status) &&
          (s.endsOn === null || (s.endsOn >= today && s.endsOn >= s.startsOn)),
      );
      if (hits.length === 0) return { on: false, until: null as LocalDate | null, hits };
      if (hits.some((s) => s.endsOn === null)) return { on: true, until: null, hits };
      return {
        on: true,
        until: hits
          .map((s) => s.endsOn!)
          .sort()
          .at(-1)!,
        hits,
      };
    };
    const kgb = until('blocksKgb');
    const promo = until('blocksPromotion');
    for (const s of kgb.hits)
      reasons.push(
        `Hukuman ${s.level} "${s.appliedName}" (SK ${s.skNumber}) dijalani ${formatDdMmYyyy(s.startsOn!)}–${s.endsOn ? formatDdMmYyyy(s.endsOn) : 'seterusnya'}: kenaikan gaji berkala dan kenaikan pangkat ditunda (Peraturan BKN 6/2022 Pasal 55 ayat (1))`,
      );
    const cases = await db
      .selectFrom('disciplineCases')
      .select(['id', 'caseNumber', 'state'])
      .where('employeeId', '=', e.id)
      .execute();
    const examined = cases.filter((c) => isUnderExamination(c.state as CaseState));
    const appealing = cases.filter((c) => c.state === 'UPAYA_ADMINISTRATIF');
    for (const c of examined)
      reasons.push(
        `Sedang diperiksa dalam kasus ${c.caseNumber} (${CASE_STATE_LABELS[c.state as CaseState]})`,
      );
    for (const c of appealing)
      reasons.push(`Sedang mengajukan upaya administratif dalam kasus ${c.caseNumber}`);
    if (examined.length || appealing.length)
      reasons.push(
        'Pegawai yang sedang diperiksa atau mengajukan upaya administratif tidak dipindahkan (mutasi)',
      );
    return {
      sanctions,
      flags: {
        blocksKgb: kgb.on,
        blocksKgbUntil: kgb.until,
        blocksPromotion: promo.on,
        blocksPromotionUntil: promo.until,
        underExamination: examined.length > 0,
        underAppeal: appealing.length > 0,
        transferBlocked: examined.length > 0 || appealing.length > 0,
        reasons,
      },
    };
  }

  /**
   * The sanctions of these employees TPP must see in `month` (`YYYY-MM`), as the core's `TppSanction` (type = the
   * form applied; from = first day served; to = the end of one annulled or replaced). Delivered sanctions only;
   * a sanction under a pending appeal has no period and is left out. For the TPP module (no actor: it checks its
   * own access). `exec`: the caller's transaction (a TPP run reads inside its own). Source: regulations.md §1.9,
   * §1.10; `core/discipline/sanctions.sanctionsInMonth`.
   */
  async function activeInMonth(
    employeeIds: string[],
    month: string,
    exec: Exec = db,
  ): Promise<Map<string, TppSanction[]>> {
    const out = new Map<string, TppSanction[]>();
    if (employeeIds.length === 0) return out;
    const rows = await exec
      .selectFrom('disciplineSanctions')
      .select(['employeeId', 'sanctionCode', 'appliedCode', 'startsOn', 'endsOn', 'annulledOn', 'status'])
      .where('employeeId', 'in', employeeIds)
      .where('startsOn', 'is not', null)
      .where('startsOn', '<=', monthRange(month).to)
      .orderBy('startsOn')
      .orderBy('createdAt')
      .execute();
    const byEmployee = new Map<string, StoredSanction[]>();
    for (const r of rows) {
      const list = byEmployee.get(r.employeeId) ?? [];
      list.push(r);
      byEmployee.set(r.employeeId, list);
    }
    for (const [id, list] of byEmployee) {
      const active = sanctionsInMonth(list, month);
      if (active.length) out.set(id, active);
    }
    return out;
  }

  /** GET /sanctions/active: per employee in the reader's scope (or the unit asked), the sanctions for TPP. */
  async function active(actor: Actor, q: ActiveSanctionsQuery): Promise<ActiveSanctions> {
    const scope = requireAny(actor, 'discipline.read');
    let unitPath: string | null = null;
    if (q.unitId) {
      const u = await db.selectFrom('units').select('path').where('id', '=', q.unitId).executeTakeFirst();
      if (!u) throw notFound('Unit');
      requireUnit(actor, 'discipline.read', u.path);
      unitPath = u.path;
    }
    const candidates = await db
      .selectFrom('disciplineSanctions as s')
      .innerJoin('employees as e', 'e.id', 's.employeeId')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .select(['e.id', 'e.name', 'e.frontTitle', 'e.backTitle', 'e.nip', 'u.name as unitName', 'u.path'])
      .where('s.startsOn', 'is not', null)
      .where('s.startsOn', '<=', monthRange(q.month).to)
      .distinct()
      .execute();
    const inside = candidates.filter(
      (e) => (scope === 'all' || inScope(scope, e.path)) && (!unitPath || e.path.startsWith(unitPath)),
    );
    const map = await activeInMonth(
      inside.map((e) => e.id),
      q.month,
    );
    return {
      month: q.month,
      items: inside
        .filter((e) => map.has(e.id))
        .sort((a, b) => a.unitName.localeCompare(b.unitName) || a.name.localeCompare(b.name))
        .map((e) => ({
          employeeId: e.id,
          name: nameOf(e),
          nip: e.nip,
          unitName: e.unitName,
          sanctions: map.get(e.id)!,
        })),
    };
  }

  /**
   * Moves cases on as time passes (no actor: the clock): MENUNGGU_BERLAKU → BERLAKU once the sanction has taken
   * effect, BERLAKU → SELESAI once its serving period is over (a replaced or final sanction stays BERLAKU: a replaced
   * one comes back if the heavier one is annulled). Each move is on the case's timeline. Run hourly by app.ts and
   * idempotent. Source: PP 94/2021 Pasal 38; regulations.md §1.7 (BERLAKU, MENJALANI, SELESAI).
   * @returns the number of cases moved
   */
  async function settle(): Promise<number> {
    const rows = await db
      .selectFrom('disciplineCases as c')
      .innerJoin('disciplineSanctions as s', 's.caseId', 'c.id')
      .select(['c.id', 'c.unitId', 'c.state'])
      .select([
        's.sanctionCode',
        's.appliedCode',
        's.startsOn',
        's.endsOn',
        's.annulledOn',
        's.status',
        's.effectiveOn',
      ])
      .where('c.state', 'in', ['MENUNGGU_BERLAKU', 'BERLAKU'])
      .execute();
    const todays = new Map<string, LocalDate>();
    let moved = 0;
    for (const r of rows) {
      let today = todays.get(r.unitId);
      if (!today) todays.set(r.unitId, (today = await ctx.todayOfUnit(r.unitId)));
      const status = sanctionStatusOn(r, today);
      const to =
        status === 'SELESAI'
          ? 'SELESAI'
          : r.state === 'MENUNGGU_BERLAKU' &&
              (status === 'BERLAKU' || status === 'MENUNGGU' || status === 'DIGANTI')
            ? 'BERLAKU'
            : null;
      if (!to || to === r.state) continue;
      await db.transaction().execute(async (trx) => {
        const locked = await trx
          .selectFrom('disciplineCases')
          .select('state')
          .where('id', '=', r.id)
          .forUpdate()
          .executeTakeFirst();
        if (locked?.state !== r.state) return;
        await trx
          .insertInto('disciplineCaseEvents')
          .values({
            caseId: r.id,
            action: 'settle',
            fromState: r.state,
            toState: to,
            actorUserId: null,
            actorEmployeeId: null,
            actingAs: null,
            data: JSON.stringify({ status, on: today }),
            reason:
              to === 'BERLAKU'
                ? `Keputusan berlaku sejak ${formatDdMmYyyy(r.effectiveOn!)}`
                : `Masa menjalani hukuman berakhir ${r.endsOn ? formatDdMmYyyy(r.endsOn) : '-'}`,
            confidential: false,
          })
          .execute();
        await ctx.setState(
          trx,
          { id: r.id },
          to,
          to === 'SELESAI'
            ? null
            : {
                step: r.endsOn
                  ? `Hukuman dijalani sampai ${formatDdMmYyyy(r.endsOn)}`
                  : 'Hukuman berlaku (tanpa batas waktu)',
                due: null,
                holder: { employeeIds: [], roles: [] },
              },
        );
        moved += 1;
      });
    }
    return moved;
  }

  return { deliver, record, statusOf, activeInMonth, active, settle };
}
