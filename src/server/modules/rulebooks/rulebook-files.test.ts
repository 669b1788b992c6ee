import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRulebookFiles } from './rulebook-files.ts';

describe('loadRulebookFiles', () => {
  it('loads and validates the four rulebooks shipped in rulebooks/', async () => {
    const rulebooks = await loadRulebookFiles('rulebooks');
    expect(rulebooks.map((r) => r.meta.id)).toEqual([
      'national',
      'regional-40-60',
      'regional-60-40',
      'regional-menit',
    ]);
    const national = rulebooks.find((r) => r.meta.id === 'national');
    const kalbar = rulebooks.find((r) => r.meta.id === 'regional-40-60');
    const provA = rulebooks.find((r) => r.meta.id === 'regional-60-40');
    // regional-60-40 inherits the national calendar and schedule whole.
    expect(provA?.calendar).toEqual(national?.calendar);
    expect(provA?.schedule).toEqual(national?.schedule);
    // regional-40-60 merges its calendar keys over the national ones.
    expect(kalbar?.calendar.years).toEqual(national?.calendar.years);
    expect(kalbar?.calendar.regionalHolidays.length).toBeGreaterThan(0);
    expect(kalbar?.calendar.units.map((u) => u.workPattern)).toEqual(['6HK', 'SHIFT']);
    expect(kalbar?.schedule.unitOverrides).toHaveLength(1);
    // The monthly kinerja figure differs by region (issue 15 point 6): predikat, combined, daily reports, minutes.
    const dki = rulebooks.find((r) => r.meta.id === 'regional-menit');
    expect(rulebooks.map((r) => r.performance.kinerjaFigure.method)).toEqual([
      'PREDIKAT',
      'GABUNGAN',
      'LAPORAN_HARIAN',
      'MENIT_EFEKTIF',
    ]);
    // Merged key by key: the regions keep the national predikat matrix.
    expect(dki?.performance.predikatMatrix).toEqual(national?.performance.predikatMatrix);
    expect(dki?.performance.kinerjaFigure.effectiveMinutesPerDay).toBe(300);
    expect(kalbar?.performance.evaluation.periodicFrequency).toBe('MONTHLY');
  });

  it('throws one error listing every issue per file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'abdi-rulebooks-'));
    try {
      await mkdir(join(dir, 'broken'));
      await writeFile(
        join(dir, 'broken', 'rulebook.json'),
        JSON.stringify({
          id: 'broken',
          name: 'B',
          region: 'b',
          version: '1',
          effectiveFrom: '2025-01-01',
          effectiveTo: null,
          legalBasis: [{ regulation: 'X' }],
        }),
      );
      await writeFile(join(dir, 'broken', 'calendar.json'), '{ not json');
      await mkdir(join(dir, 'orphan'));
      await writeFile(
        join(dir, 'orphan', 'rulebook.json'),
        JSON.stringify({ id: 'orphan', extends: 'missing' }),
      );
      const err = await loadRulebookFiles(dir).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err?.message).toMatch(/broken\/calendar\.json:\n {2}- JSON tidak valid/);
      expect(err?.message).toMatch(/broken\/tpp\.json:\n {2}- tpp: Bagian tpp tidak ada/);
      expect(err?.message).toMatch(
        /orphan\/rulebook\.json:\n {2}- meta\.extends: Rulebook induk missing tidak ditemukan/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
