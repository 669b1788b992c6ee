import { AppError } from '../errors.ts';
import { formatDdMmYyyy } from '../../core/common/date-text.ts';
import type { LocalDate } from '../../core/common/local-date.ts';
import type { IndonesianTimeZone } from '../../core/common/zoned-time.ts';
import type { ActingKind } from '../../core/org/relations.ts';

// What the relations service answers (relations-service.ts), and its refusal for a date outside the service.

/** A person as relations name them. */
export interface Person {
  employeeId: string;
  name: string;
  nip: string | null;
}

/** Who fills a post on the date: the person, and Plt/Plh when acting (null = the definitive holder). */
export interface Official extends Person {
  acting: ActingKind | null;
}

/**
 * One post above an employee on a date. `basis`: `superior` = the superior of record (placement) and their post;
 * `structure` = no superior of record, so the head post of the unit (or of a unit above) from the unit tree.
 */
export interface RelationSlot {
  positionId: string | null;
  positionName: string | null;
  positionKind: string | null;
  unitId: string | null;
  unitName: string | null;
  unitPath: string | null;
  /** Structural tier of the post (1 Pengawas … 4 JPT Madya; 0 otherwise): `core/org/relations.tierOf`. */
  tier: number;
  /** The superior of record or the definitive holder (null: a vacant post). */
  definitiveId: string | null;
  /** Who fills the post on the date; null when it is vacant and nobody acts in it. */
  official: Official | null;
  basis: 'superior' | 'structure';
}

/** An employee's unit and position on a date. */
export interface PlacementOn {
  unitId: string;
  unitName: string;
  unitPath: string;
  unitKind: string;
  timeZone: IndonesianTimeZone;
  positionId: string | null;
  positionName: string | null;
  positionKind: string | null;
  isHead: boolean;
  /** The superior of record on the placement (before Plt/Plh; see `superior` for who fills the post). */
  superiorOfRecordId: string | null;
}

/** A direct subordinate on a date and how: as their superior of record, as Plt/Plh, or from the unit tree. */
export interface Subordinate extends Person {
  via: 'superior' | 'structure' | ActingKind;
}

/**
 * The leave-granting official (PyBMC): the head post of the employee's OPD with whoever fills it, and everyone who
 * may decide as such (its holders and whoever acts in it); or BKD for the PPK — because the rulebook says so, the
 * OPD has no head post, nobody holds or acts in it, or the employee is that head.
 */
export type LeaveGrantor =
  | { kind: 'OPD_HEAD'; opdUnitId: string; post: RelationSlot; deciderIds: string[] }
  | { kind: 'BKD'; opdUnitId: string; reason: 'rulebook' | 'no-head-post' | 'vacant' | 'own-head' };

/** Everything the relations service answers about an employee on a date. */
export interface EmployeeRelations {
  employee: Person;
  date: LocalDate;
  placement: PlacementOn;
  /** The direct superior's post (null: none above, e.g. the Sekda). */
  superior: RelationSlot | null;
  /** Every post above, nearest first (the direct superior's included). */
  chain: RelationSlot[];
  /** With the national default (`OPD_HEAD`); `leaveGrantorOn` takes the rulebook's kind per leave type. */
  leaveGrantor: LeaveGrantor;
  opdHead: RelationSlot | null;
  subordinates: Subordinate[];
}

/** The official of a level above an employee; `exact` false when authority moved up past a vacant post. */
export interface OfficialAtLevel {
  slot: RelationSlot;
  tier: number;
  exact: boolean;
}

/**
 * A relations query for a date outside the employee's service: 400 with the date named, never an empty answer.
 * Source: issue 14 ("Bad input": a relations query for a date outside the employee's service).
 */
export class OutOfServiceError extends AppError {
  readonly employeeId: string;
  readonly date: LocalDate;
  constructor(
    e: { employeeId: string; fullName: string; activeFrom: string; activeTo: string | null },
    date: LocalDate,
  ) {
    const span = `${formatDdMmYyyy(e.activeFrom)}–${e.activeTo ? formatDdMmYyyy(e.activeTo) : 'sekarang'}`;
    const message = `Tanggal ${formatDdMmYyyy(date)} di luar masa kerja ${e.fullName} (${span})`;
    super('VALIDATION', message, [
      { path: 'date', message, code: 'OUT_OF_SERVICE', activeFrom: e.activeFrom, activeTo: e.activeTo },
    ]);
    this.name = 'OutOfServiceError';
    this.employeeId = e.employeeId;
    this.date = date;
  }
}
