import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEmbeddableImage, renderPdf, renderPdfToFile, type Block } from './pdf.ts';
import { letterheadBlock, signatureBlock, signatureRow, tembusanBlocks, titleBlocks } from './parts.ts';
import { testPng } from './test-images.ts';

/*
 * The document layer, read back as a person's PDF reader would: the text is extracted from the generated file
 * (unpdf, pdf.js) and compared. Names outside Latin-1 must print exactly (the former WinAnsi fonts printed "?").
 */

const NAMES = ['Sitti Nurhāliza', "Mu'ammar", 'Ṭāhir', 'Ḥasan ʿAbd al-Raḥmān', 'Ni Luh Putu Ayu Ṣāliḥah'];

async function pagesOf(bytes: Uint8Array): Promise<string[]> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: false });
  return text;
}
const oneLine = (s: string) => s.replace(/\s+/g, ' ');

const table = (rows: number, long = false): Block[] => [
  {
    kind: 'table',
    size: 9,
    columns: [
      { header: 'No', weight: 1 },
      { header: 'Nama pegawai', weight: 5 },
      { header: 'Keterangan', weight: 8 },
    ],
  },
  ...Array.from({ length: rows }, (_, i): Block => ({
    kind: 'row',
    cells: [
      String(i + 1),
      `${NAMES[i % NAMES.length]} ${i + 1}`,
      long && i % 4 === 0
        ? 'Keterangan yang panjang sekali sehingga pustaka PDF harus membungkusnya menjadi beberapa baris di sel ini'
        : 'Hadir',
    ],
  })),
  { kind: 'tableEnd' },
];

describe('document layer (pdfkit + embedded Arimo)', () => {
  it('prints names outside Latin-1 exactly, in every kind of block', async () => {
    const bytes = await renderPdf({}, { title: 'Uji nama' }, [
      letterheadBlock({
        regionName: 'Pemerintah Provinsi Banten',
        agencyName: 'Dinas Kesehatan',
        address: 'Jl. Ṭāhir No. 1',
        contact: null,
        logoBase64: null,
      }),
      ...titleBlocks('Surat keterangan', '800/1/DINKES/2026'),
      { kind: 'field', label: 'Nama', value: NAMES.join(', '), labelWidth: 120 },
      { kind: 'text', text: `Diberikan kepada ${NAMES[1]}.` },
      ...table(3),
      signatureBlock({ name: NAMES[0]!, nip: '197310301998031120', position: 'Kepala Dinas Kesehatan' }),
      ...tembusanBlocks([`Sdr. ${NAMES[2]}`]),
    ]);
    const text = oneLine((await pagesOf(bytes)).join(' '));
    for (const name of NAMES) expect(text).toContain(name.normalize('NFC'));
    expect(text).not.toContain('?');
    expect(text).toContain('Jl. Ṭāhir No. 1');
    expect(text).toContain('Sdr. Ṭāhir');
  });

  it('takes decomposed input (NFD) and prints the composed name', async () => {
    const bytes = await renderPdf({}, { title: 'NFD' }, [
      { kind: 'text', text: 'Sitti Nurhāliza'.normalize('NFD') },
    ]);
    expect((await pagesOf(bytes))[0]).toContain('Sitti Nurhāliza'.normalize('NFC'));
  });

  it('wraps a long paragraph at word boundaries (the library wraps, every word survives)', async () => {
    const words = Array.from({ length: 120 }, (_, i) => `kata${i}`);
    const bytes = await renderPdf({}, { title: 'Bungkus' }, [{ kind: 'text', text: words.join(' ') }]);
    const [page] = await pagesOf(bytes);
    const lines = page!.split('\n').filter((l) => l.includes('kata'));
    expect(lines.length).toBeGreaterThan(4);
    // Each line ends with a whole word and the words come in order.
    expect(lines.join(' ').split(/\s+/).filter(Boolean)).toEqual(words);
  });

  it('breaks a table across pages, repeats the header on each page and numbers the pages "Halaman i dari N"', async () => {
    const bytes = await renderPdf({}, { title: 'Tabel' }, [
      { kind: 'text', text: 'DAFTAR HADIR', style: { face: 'bold', align: 'center' } },
      ...table(120, true),
    ]);
    const pages = await pagesOf(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const n = pages.length;
    let next = 1;
    pages.forEach((p, i) => {
      expect(p).toContain(`Halaman ${i + 1} dari ${n}`);
      expect(oneLine(p)).toMatch(/No\s*Nama pegawai\s*Keterangan/);
      // Rows in order, none lost or split over a page break.
      for (const m of p.matchAll(/^(\d+) /gm)) {
        expect(Number(m[1])).toBe(next);
        next++;
      }
    });
    expect(next).toBe(121);
    // A wrapped cell stays whole on its page.
    for (const p of pages) {
      const starts = (p.match(/Keterangan yang panjang/g) ?? []).length;
      const ends = (p.match(/beberapa baris di sel ini/g) ?? []).length;
      expect(starts).toBe(ends);
    }
  });

  it('keeps a heading with what follows it, at every filling of the page before it', async () => {
    // From a page with room to spare to one whose last lines leave room for the heading but not its first item.
    for (let lines = 50; lines <= 58; lines++) {
      const filler: Block[] = Array.from({ length: lines }, (_, i) => ({
        kind: 'text',
        text: `Baris ${i + 1}`,
      }));
      const pages = await pagesOf(
        await renderPdf({}, { title: 'Tembusan' }, [...filler, ...tembusanBlocks(['Gubernur Banten'])]),
      );
      const withHeading = pages.find((p) => p.includes('Tembusan:'));
      expect(withHeading, `${lines} lines`).toContain('1. Gubernur Banten');
    }
  });

  it('cuts a block taller than a page with "…" instead of spilling over the page', async () => {
    const pages = await pagesOf(
      await renderPdf({}, { title: 'Besar' }, [{ kind: 'text', text: 'panjang '.repeat(8000) }]),
    );
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('…');
    expect(pages[0]).toContain('Halaman 1 dari 1');
  });

  it('a signature block puts Plt./Plh. before the position of an acting signer; a row lines signers up', async () => {
    const bytes = await renderPdf({}, { title: 'Tanda tangan' }, [
      signatureRow([
        {
          signer: { name: NAMES[1]!, nip: '198509042008121060', position: 'Kepala Seksi', acting: null },
          options: { above: ['Atasan langsung'], note: 'Disetujui secara elektronik 15/01/2026 09:00 WIB' },
        },
        {
          signer: {
            name: NAMES[2]!,
            nip: '197308282002011085',
            position: 'Kepala Dinas Kesehatan',
            acting: 'PLH',
          },
          options: { above: ['Serang, 15 Januari 2026'] },
        },
      ]),
    ]);
    const text = oneLine((await pagesOf(bytes))[0]!);
    expect(text).toContain('Plh. Kepala Dinas Kesehatan,');
    expect(text).toContain('Kepala Seksi,');
    expect(text).not.toContain('Plt. Kepala Seksi');
    expect(text).toContain('NIP 197308282002011085');
    expect(text).toContain('Disetujui secara elektronik 15/01/2026 09:00 WIB');
  });

  describe('streamed to a file (large documents)', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'abdi-docs-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('gives the same pages as in memory, from an async stream of rows, and leaves no scratch file', async () => {
      const blocks = [{ kind: 'text', text: 'REKAP' } as Block, ...table(150, true)];
      async function* stream() {
        for (const b of blocks) yield b;
      }
      const file = path.join(dir, 'rekap.pdf');
      const seen = { layout: 0, paint: 0 };
      const { pages } = await renderPdfToFile(
        { landscape: true },
        { title: 'Rekap' },
        stream(),
        file,
        (pass, n) => {
          seen[pass] = n;
        },
      );
      const streamed = await pagesOf(await readFile(file));
      const inMemory = await pagesOf(await renderPdf({ landscape: true }, { title: 'Rekap' }, blocks));
      expect(streamed).toEqual(inMemory);
      expect(streamed.length).toBe(pages);
      expect(seen.paint).toBe(seen.layout);
      expect(await readdir(dir)).toEqual(['rekap.pdf']);
    });
  });

  it('accepts a PNG the library can draw, refuses corrupt image data and non-images', () => {
    expect(isEmbeddableImage(testPng())).toBe(true);
    expect(isEmbeddableImage(testPng({ corruptData: true }))).toBe(false);
    expect(isEmbeddableImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]))).toBe(false);
    expect(isEmbeddableImage(Buffer.from('MZ\x90\x00 not an image'))).toBe(false);
  });
});
