import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

export type Exec = Kysely<Database> | Transaction<Database>;

/** What a letterhead row holds (the logo's bytes are read only when a document is rendered). */
export interface LetterheadRow {
  id: string;
  unitId: string | null;
  regionName: string | null;
  agencyName: string | null;
  address: string | null;
  contact: string | null;
  logoType: string | null;
  logoSha256: string | null;
  updatedAt: Date;
}

export interface LetterheadValues {
  regionName: string | null;
  agencyName: string | null;
  address: string | null;
  contact: string | null;
}

export interface SchemeValues {
  unitId: string;
  letterType: string;
  pattern: string;
  classificationCode: string;
  unitCode: string;
  counterDigits: number;
}

const letterheadColumns = [
  'id',
  'unitId',
  'regionName',
  'agencyName',
  'address',
  'contact',
  'logoType',
  'logoSha256',
  'updatedAt',
] as const;

/** All I/O of letterheads, letter-number schemes and their counters. */
export function createDocumentRepo(db: Db) {
  return {
    unit: (id: string, exec: Exec = db) =>
      exec
        .selectFrom('units')
        .select(['id', 'code', 'name', 'path', 'address', 'timeZone'])
        .where('id', '=', id)
        .executeTakeFirst(),

    /** The root unit of the organisation (the region). */
    rootUnit: (exec: Exec = db) =>
      exec
        .selectFrom('units')
        .select(['id', 'code', 'name', 'path', 'address'])
        .where('parentId', 'is', null)
        .orderBy('createdAt')
        .limit(1)
        .executeTakeFirst(),

    letterheads: (exec: Exec = db) =>
      exec
        .selectFrom('letterheads as l')
        .leftJoin('units as u', 'u.id', 'l.unitId')
        .select(letterheadColumns.map((c) => `l.${c}` as const))
        .select(['u.name as unitName', 'u.path as unitPath'])
        .orderBy(sql`u.path nulls first`)
        .execute(),

    /** The region's row and the unit's own row, with the logo bytes (for rendering). */
    letterheadsFor: (unitId: string, exec: Exec = db) =>
      exec
        .selectFrom('letterheads')
        .select([...letterheadColumns, 'logo'])
        .where((eb) => eb.or([eb('unitId', 'is', null), eb('unitId', '=', unitId)]))
        .execute(),

    /** The stored logo of the region's (null) or a unit's letterhead, if any. */
    logoOf: (unitId: string | null) =>
      db
        .selectFrom('letterheads')
        .select(['logo', 'logoType', 'logoSha256'])
        .where('unitId', unitId === null ? 'is' : '=', unitId)
        .where('logo', 'is not', null)
        .executeTakeFirst(),

    letterheadOf: (unitId: string | null, exec: Exec = db) =>
      exec
        .selectFrom('letterheads')
        .select(letterheadColumns)
        .where('unitId', unitId === null ? 'is' : '=', unitId)
        .forUpdate()
        .executeTakeFirst(),

    upsertLetterhead: (
      trx: Transaction<Database>,
      unitId: string | null,
      v: LetterheadValues,
      by: string,
      at: Date,
    ) =>
      trx
        .insertInto('letterheads')
        .values({ unitId, ...v, updatedBy: by, updatedAt: at })
        .onConflict((oc) =>
          oc.constraint('letterheads_unit_key').doUpdateSet({ ...v, updatedBy: by, updatedAt: at }),
        )
        .returning(letterheadColumns)
        .executeTakeFirstOrThrow(),

    setLogo: (
      trx: Transaction<Database>,
      unitId: string | null,
      logo: { bytes: Uint8Array; type: string; sha256: string },
      by: string,
      at: Date,
    ) => {
      const values = {
        logo: logo.bytes,
        logoType: logo.type,
        logoSha256: logo.sha256,
        updatedBy: by,
        updatedAt: at,
      };
      return trx
        .insertInto('letterheads')
        .values({ unitId, ...values })
        .onConflict((oc) => oc.constraint('letterheads_unit_key').doUpdateSet(values))
        .returning(letterheadColumns)
        .executeTakeFirstOrThrow();
    },

    schemes: (exec: Exec = db) =>
      exec
        .selectFrom('letterNumberSchemes as s')
        .innerJoin('units as u', 'u.id', 's.unitId')
        .selectAll('s')
        .select(['u.name as unitName', 'u.path as unitPath', 'u.timeZone as unitTimeZone'])
        .orderBy('u.path')
        .orderBy('s.letterType')
        .execute(),

    schemeOf: (unitId: string, letterType: string, exec: Exec = db) =>
      exec
        .selectFrom('letterNumberSchemes')
        .selectAll()
        .where('unitId', '=', unitId)
        .where('letterType', '=', letterType)
        .forUpdate()
        .executeTakeFirst(),

    upsertScheme: (trx: Transaction<Database>, v: SchemeValues, by: string, at: Date) => {
      const { unitId: _u, letterType: _t, ...changes } = v;
      return trx
        .insertInto('letterNumberSchemes')
        .values({ ...v, updatedBy: by, updatedAt: at })
        .onConflict((oc) =>
          oc
            .constraint('letter_number_schemes_unit_type_key')
            .doUpdateSet({ ...changes, updatedBy: by, updatedAt: at }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** The scheme that numbers a unit's letters of a type: the unit's own, else the nearest ancestor's. */
    schemeFor: (unitPath: string, letterType: string, exec: Exec = db) =>
      exec
        .selectFrom('letterNumberSchemes as s')
        .innerJoin('units as u', 'u.id', 's.unitId')
        .selectAll('s')
        .where('s.letterType', '=', letterType)
        .where(sql<boolean>`${unitPath} like u.path || '%'`)
        .orderBy(sql`length(u.path)`, 'desc')
        .limit(1)
        .executeTakeFirst(),

    /** The next number of a scheme in a year, taken inside the caller's transaction (see the migration). */
    takeNumber: async (trx: Transaction<Database>, schemeId: string, year: number) => {
      const row = await trx
        .insertInto('letterNumberCounters')
        .values({ schemeId, year, lastNumber: 1 })
        .onConflict((oc) =>
          oc
            .columns(['schemeId', 'year'])
            .doUpdateSet({ lastNumber: sql`letter_number_counters.last_number + 1` }),
        )
        .returning('lastNumber')
        .executeTakeFirstOrThrow();
      return row.lastNumber;
    },

    lastNumber: async (schemeId: string, year: number, exec: Exec = db) =>
      (
        await exec
          .selectFrom('letterNumberCounters')
          .select('lastNumber')
          .where('schemeId', '=', schemeId)
          .where('year', '=', year)
          .executeTakeFirst()
      )?.lastNumber ?? 0,
  };
}
export type DocumentRepo = ReturnType<typeof createDocumentRepo>;
