import { describe, expect, it } from 'vitest';
import { nominativeUrl, recapExportUrl } from '../../src/web/api/tpp-finance.ts';

// The finance downloads are plain links: their addresses must be the API's own (one /api prefix).
describe('TPP finance download links', () => {
  it('point at the nominative list and the recap export of the API', () => {
    expect(nominativeUrl('r-1', 'pdf')).toBe('/api/tpp/runs/r-1/nominative?format=pdf');
    expect(recapExportUrl('2026-11', 'xlsx')).toBe('/api/tpp/finance/recap/export?month=2026-11&format=xlsx');
  });
});
