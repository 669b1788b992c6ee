import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { fontBytes, FONT_FACES, type FontFace } from './fonts.ts';

/**
 * The document layer: every PDF Abdi prints (letters, recaps) is a list of blocks laid out by this file on
 * **pdfkit** with an embedded Unicode typeface (`fonts.ts`).
 *
 * Why pdfkit (and not pdfmake or @react-pdf/renderer): the unit recap of a province is tens of thousands of rows
 * rendered in a worker thread and streamed to disk page by page (issue 12 point 5, `bench/export-load.ts`);
 * pdfmake and @react-pdf build the whole document tree in memory before writing a byte. pdfkit writes each page
 * as it is finished, embeds TrueType subsets through fontkit, and wraps words itself (its LineWrapper follows the
 * Unicode line-breaking algorithm, UAX #14), so this layer never breaks lines by hand.
 *
 * How: two passes. Layout measures every block with pdfkit's own metrics (`heightOfString`) and places it on a
 * page (a block is never split; a table row that does not fit starts a new page under the repeated column
 * header); the placements are kept in memory for a small document and spooled to a scratch file for a large one.
 * Painting then draws them knowing the page count, so every page carries "Halaman i dari N" without keeping the
 * pages in memory (pdfkit's `bufferPages` peaked at ~1 GB RSS for a 10,000-row recap, measured on this machine).
 */

export type Align = 'left' | 'center' | 'right' | 'justify';
export interface Style {
  /** Points (default 10.5). */
  size?: number;
  face?: FontFace;
  align?: Align;
  underline?: boolean;
}

export interface TableColumn {
  header: string;
  /** Relative width: the columns share the text width in proportion. */
  weight: number;
  align?: Align;
}

/** What a signature block shows (see `parts.ts` for building it from an official). */
export interface SignatureData {
  /** Lines above the position: place and date ("Serang, 15 Januari 2026"), "Mengetahui,", a role. */
  above: string[];
  /** The position signed for, with Plt./Plh. already in front when the signer acts for the post. */
  position: string | null;
  name: string;
  /** NIP as printed, or null (a non-ASN signer). */
  nip: string | null;
  /** Printed in the space of the hand signature, e.g. "Disetujui secara elektronik 15/01/2026 09:00 WIB". */
  note?: string | null;
}

/** What a letterhead (kop surat) shows (resolved by `document-service.ts`). */
export interface LetterheadData {
  regionName: string;
  agencyName: string;
  address: string | null;
  contact: string | null;
  /** PNG or JPEG bytes, base64 (so a spooled layout stays JSON). */
  logoBase64: string | null;
}

/** One block of a document, plain data (a large document's layout is spooled as JSON lines). */
export type Block =
  | {
      kind: 'text';
      text: string;
      style?: Style;
      /** Points from the left edge of the text width. */
      indent?: number;
      /** Width in points (default the rest of the line). */
      width?: number;
      spaceAfter?: number;
      /** Keep on the page of the block that follows (a heading with its first line). */
      keepWithNext?: boolean;
    }
  | { kind: 'space'; height: number }
  | { kind: 'rule'; thickness?: number; spaceAfter?: number }
  | {
      kind: 'field';
      label: string;
      value: string;
      labelWidth: number;
      indent?: number;
      size?: number;
      spaceAfter?: number;
    }
  | { kind: 'item'; marker: string; text: string; indent?: number; size?: number; spaceAfter?: number }
  | { kind: 'letterhead'; letterhead: LetterheadData }
  /**
   * Signature blocks side by side (one: at the right, or the left with `align`), their notes, names and NIPs on
   * one line each.
   */
  | {
      kind: 'signatures';
      signatures: SignatureData[];
      align?: 'left' | 'right';
      /** Width of each column (default 45% of the text width, at most 250 pt). */
      width?: number;
      size?: number;
      spaceAfter?: number;
    }
  /** Starts a table: its header is drawn here and again at the top of every page its rows continue on. */
  | { kind: 'table'; columns: TableColumn[]; size?: number }
  | { kind: 'row'; cells: string[] }
  | { kind: 'tableEnd'; spaceAfter?: number };

export interface PageSetup {
  size?: 'A4' | 'F4';
  landscape?: boolean;
  /** Points; the footer with the page numbers sits in the bottom margin. */
  margins?: { top: number; right: number; bottom: number; left: number };
}

export interface DocumentMeta {
  title: string;
  author?: string;
  subject?: string;
  /** The PDF's creation date (so the same input renders the same file). */
  createdAt?: Date;
  /** Small text at the left of every page's footer. */
  footerNote?: string;
}

/** A block placed on a page: page number from 1, top y in points. */
interface Placed {
  p: number;
  y: number;
  h: number;
  b: Block;
}

// A4 and F4 (215 × 330 mm, the folio of many regional offices) in points.
const SIZES = { A4: [595.28, 841.89], F4: [609.45, 935.43] } as const;
const DEFAULT_MARGINS = { top: 56, right: 56, bottom: 56, left: 70 };
const LINE_GAP = 1;
const CELL_PAD = 2;
const FOOTER_SIZE = 8;

interface Geometry {
  pageW: number;
  pageH: number;
  left: number;
  top: number;
  width: number;
  bottom: number;
}

function geometry(setup: PageSetup): Geometry {
  const [w, h] = SIZES[setup.size ?? 'A4'];
  const [pageW, pageH] = setup.landscape ? [h, w] : [w, h];
  const m = setup.margins ?? DEFAULT_MARGINS;
  return {
    pageW,
    pageH,
    left: m.left,
    top: m.top,
    width: pageW - m.left - m.right,
    bottom: pageH - m.bottom,
  };
}

type Doc = PDFKit.PDFDocument;

function newDoc(g: Geometry, meta: DocumentMeta, autoFirstPage: boolean): Doc {
  const doc = new PDFDocument({
    size: [g.pageW, g.pageH],
    margin: 0,
    autoFirstPage,
    compress: true,
    lang: 'id-ID',
    info: {
      Title: meta.title,
      Author: meta.author ?? 'Abdi',
      Creator: 'Abdi',
      Producer: 'Abdi (pdfkit)',
      ...(meta.subject ? { Subject: meta.subject } : {}),
      ...(meta.createdAt ? { CreationDate: meta.createdAt, ModDate: meta.createdAt } : {}),
    },
  });
  for (const face of FONT_FACES) doc.registerFont(face, fontBytes(face));
  doc.font('regular');
  return doc;
}

/** Text as the typeface receives it: composed (NFC), so "ā" is one glyph and extracts as one character. */
const nfc = (s: string) => s.normalize('NFC');

function setFont(doc: Doc, style: Style | undefined) {
  doc.font(style?.face ?? 'regular').fontSize(style?.size ?? 10.5);
}

/**
 * Width of text that fits on one line, or null when it must wrap. Most table cells are short: they skip pdfkit's
 * line wrapper (same metrics, less work per cell of a province recap).
 */
function oneLineWidth(doc: Doc, text: string, width: number): number | null {
  if (text.includes('\n')) return null;
  const w = doc.widthOfString(text);
  return w <= width ? w : null;
}

function measureText(doc: Doc, text: string, style: Style | undefined, width: number): number {
  if (!text) return 0;
  setFont(doc, style);
  const t = nfc(text);
  // One line: what heightOfString gives for it (the line height and the gap).
  if (oneLineWidth(doc, t, width) !== null) return doc.currentLineHeight(true) + LINE_GAP;
  return doc.heightOfString(t, { width, align: style?.align ?? 'left', lineGap: LINE_GAP });
}

function paintText(
  doc: Doc,
  text: string,
  style: Style | undefined,
  x: number,
  y: number,
  width: number,
  height: number,
) {
  if (!text) return;
  setFont(doc, style);
  const t = nfc(text);
  const align = style?.align ?? 'left';
  doc.fillColor('black');
  const w = oneLineWidth(doc, t, width);
  if (w !== null) {
    const dx = align === 'center' ? (width - w) / 2 : align === 'right' ? width - w : 0;
    doc.text(t, x + dx, y, { lineBreak: false, underline: style?.underline ?? false });
    return;
  }
  doc.text(t, x, y, {
    width,
    align,
    lineGap: LINE_GAP,
    underline: style?.underline ?? false,
    // Never past the block's measured height (a block taller than a page is cut with "…", never spills over).
    height: height + 2,
    ellipsis: true,
  });
}

// ---------------------------------------------------------------- blocks: measure and paint

const LOGO = 64;

function letterheadLines(l: LetterheadData): { text: string; style: Style }[] {
  return [
    { text: l.regionName.toUpperCase(), style: { face: 'bold', size: 13, align: 'center' } },
    { text: l.agencyName.toUpperCase(), style: { face: 'bold', size: 15, align: 'center' } },
    ...(l.address ? [{ text: l.address, style: { size: 9.5, align: 'center' as const } }] : []),
    ...(l.contact ? [{ text: l.contact, style: { size: 9.5, align: 'center' as const } }] : []),
  ];
}

/** The text column of a letterhead: centred on the page, clear of the logo on both sides. */
const letterheadTextWidth = (l: LetterheadData, width: number) =>
  l.logoBase64 ? width - 2 * (LOGO + 8) : width;

/** Room for a hand signature (or the note printed in its place). */
const SIGN_SPACE = 44;

type Line = { text: string; style: Style };

/** The columns of a row of signature blocks, each in three parts: above the signature, the note, below it. */
function signatureColumns(b: Extract<Block, { kind: 'signatures' }>, g: Geometry) {
  const n = b.signatures.length;
  const gap = 24;
  const width = b.width ?? Math.min(250, n > 1 ? (g.width - (n - 1) * gap) / n : g.width * 0.45);
  const size = b.size ?? 10.5;
  return b.signatures.map((s, i) => {
    const x =
      n === 1
        ? b.align === 'left'
          ? g.left
          : g.left + g.width - width
        : g.left + (i * (g.width - width)) / (n - 1);
    const top: Line[] = [
      ...s.above.map((text) => ({ text, style: { size } })),
      ...(s.position ? [{ text: `${s.position},`, style: { size } }] : []),
    ];
    // The space of the hand signature, with the note (an electronic approval) printed in it.
    const note: Line = { text: s.note ?? '', style: { size: size - 2, face: 'italic' } };
    const bottom: Line[] = [
      { text: s.name, style: { size, face: 'bold', underline: true } },
      ...(s.nip ? [{ text: `NIP ${s.nip}`, style: { size } }] : []),
    ];
    return { x, width, top, note, bottom };
  });
}

const linesHeight = (doc: Doc, lines: Line[], width: number) =>
  lines.reduce((sum, l) => sum + measureText(doc, l.text, l.style, width), 0);

/** Heights of the three parts of a signature row: the tallest column's each, so the names line up. */
function signatureParts(doc: Doc, cols: ReturnType<typeof signatureColumns>) {
  const max = (f: (c: (typeof cols)[number]) => number) => Math.max(0, ...cols.map(f));
  return {
    top: max((c) => linesHeight(doc, c.top, c.width)),
    note: max((c) => linesHeight(doc, [c.note], c.width)),
    bottom: max((c) => linesHeight(doc, c.bottom, c.width)),
  };
}

function columnWidths(columns: TableColumn[], width: number): number[] {
  const total = columns.reduce((s, c) => s + c.weight, 0);
  return columns.map((c) => (c.weight / total) * width);
}

function measureRow(doc: Doc, cells: string[], widths: number[], style: Style): number {
  let h = 0;
  cells.forEach((cell, i) => {
    const w = widths[i];
    if (w !== undefined) h = Math.max(h, measureText(doc, cell, style, w - 2 * CELL_PAD));
  });
  return Math.max(h, (style.size ?? 10.5) * 1.15) + 2 * CELL_PAD;
}

function paintRow(
  doc: Doc,
  cells: string[],
  columns: TableColumn[],
  widths: number[],
  style: Style,
  g: Geometry,
  y: number,
  h: number,
) {
  let x = g.left;
  doc.lineWidth(0.5).strokeColor('black');
  widths.forEach((w, i) => {
    doc.rect(x, y, w, h).stroke();
    paintText(
      doc,
      cells[i] ?? '',
      { ...style, align: columns[i]?.align ?? style.align },
      x + CELL_PAD,
      y + CELL_PAD,
      w - 2 * CELL_PAD,
      h - 2 * CELL_PAD,
    );
    x += w;
  });
}

const tableStyle = (t: Extract<Block, { kind: 'table' }>): Style => ({ size: t.size ?? 8 });
/** Column headers: bold, a half point smaller (short codes such as "PSW1" fit narrow columns). */
const headerStyle = (t: Extract<Block, { kind: 'table' }>): Style => ({
  size: (t.size ?? 8) - 0.5,
  face: 'bold',
});

function measure(doc: Doc, b: Block, g: Geometry, table: Extract<Block, { kind: 'table' }> | null): number {
  switch (b.kind) {
    case 'text':
      return measureText(doc, b.text, b.style, b.width ?? g.width - (b.indent ?? 0)) + (b.spaceAfter ?? 0);
    case 'space':
      return b.height;
    case 'rule':
      return (b.thickness ?? 1) + (b.spaceAfter ?? 6);
    case 'field': {
      const style = { size: b.size ?? 10.5 };
      const valueW = g.width - (b.indent ?? 0) - b.labelWidth - 10;
      return (
        Math.max(
          measureText(doc, b.label, style, b.labelWidth),
          measureText(doc, b.value || '-', style, valueW),
        ) + (b.spaceAfter ?? 2)
      );
    }
    case 'item': {
      const style = { size: b.size ?? 10.5 };
      return measureText(doc, b.text, style, g.width - (b.indent ?? 0) - 18) + (b.spaceAfter ?? 1);
    }
    case 'letterhead': {
      const w = letterheadTextWidth(b.letterhead, g.width);
      const textH = letterheadLines(b.letterhead).reduce(
        (s, l) => s + measureText(doc, l.text, l.style, w),
        0,
      );
      return Math.max(textH, b.letterhead.logoBase64 ? LOGO : 0) + 6 + 4 + 14;
    }
    case 'signatures': {
      const p = signatureParts(doc, signatureColumns(b, g));
      return p.top + 4 + p.note + SIGN_SPACE + p.bottom + (b.spaceAfter ?? 0);
    }
    case 'table':
      return measureRow(
        doc,
        b.columns.map((c) => c.header),
        columnWidths(b.columns, g.width),
        headerStyle(b),
      );
    case 'row':
      if (!table) throw new Error('a table row outside a table');
      return measureRow(doc, b.cells, columnWidths(table.columns, g.width), tableStyle(table));
    case 'tableEnd':
      return b.spaceAfter ?? 8;
  }
}

function paint(doc: Doc, pl: Placed, g: Geometry, table: Extract<Block, { kind: 'table' }> | null) {
  const { b, y, h } = pl;
  switch (b.kind) {
    case 'text': {
      const x = g.left + (b.indent ?? 0);
      paintText(doc, b.text, b.style, x, y, b.width ?? g.width - (b.indent ?? 0), h - (b.spaceAfter ?? 0));
      return;
    }
    case 'space':
    case 'tableEnd':
      return;
    case 'rule':
      doc
        .lineWidth(b.thickness ?? 1)
        .strokeColor('black')
        .moveTo(g.left, y + (b.thickness ?? 1) / 2)
        .lineTo(g.left + g.width, y + (b.thickness ?? 1) / 2)
        .stroke();
      return;
    case 'field': {
      const style = { size: b.size ?? 10.5 };
      const x = g.left + (b.indent ?? 0);
      const inner = h - (b.spaceAfter ?? 2);
      paintText(doc, b.label, style, x, y, b.labelWidth, inner);
      paintText(doc, ':', style, x + b.labelWidth, y, 8, inner);
      paintText(
        doc,
        b.value || '-',
        style,
        x + b.labelWidth + 10,
        y,
        g.width - (b.indent ?? 0) - b.labelWidth - 10,
        inner,
      );
      return;
    }
    case 'item': {
      const style = { size: b.size ?? 10.5 };
      const x = g.left + (b.indent ?? 0);
      paintText(doc, b.marker, style, x, y, 18, h);
      paintText(doc, b.text, style, x + 18, y, g.width - (b.indent ?? 0) - 18, h - (b.spaceAfter ?? 1));
      return;
    }
    case 'letterhead': {
      const l = b.letterhead;
      const w = letterheadTextWidth(l, g.width);
      const lines = letterheadLines(l);
      const textH = lines.reduce((s, line) => s + measureText(doc, line.text, line.style, w), 0);
      const bodyH = Math.max(textH, l.logoBase64 ? LOGO : 0);
      if (l.logoBase64)
        doc.image(Buffer.from(l.logoBase64, 'base64'), g.left, y + (bodyH - LOGO) / 2, {
          fit: [LOGO, LOGO],
          align: 'center',
          valign: 'center',
        });
      let ty = y + (bodyH - textH) / 2;
      const tx = g.left + (g.width - w) / 2;
      for (const line of lines) {
        const lh = measureText(doc, line.text, line.style, w);
        paintText(doc, line.text, line.style, tx, ty, w, lh);
        ty += lh;
      }
      // The double rule under a kop surat: a thick line and a thin one.
      const ry = y + bodyH + 6;
      doc
        .lineWidth(2)
        .strokeColor('black')
        .moveTo(g.left, ry)
        .lineTo(g.left + g.width, ry)
        .stroke();
      doc
        .lineWidth(0.6)
        .moveTo(g.left, ry + 3)
        .lineTo(g.left + g.width, ry + 3)
        .stroke();
      return;
    }
    case 'signatures': {
      const cols = signatureColumns(b, g);
      const p = signatureParts(doc, cols);
      const put = (lines: Line[], x: number, width: number, at: number) => {
        for (const l of lines) {
          const lh = measureText(doc, l.text, l.style, width);
          paintText(doc, l.text, l.style, x, at, width, lh);
          at += lh;
        }
      };
      for (const c of cols) {
        put(c.top, c.x, c.width, y);
        put([c.note], c.x, c.width, y + p.top + 4);
        put(c.bottom, c.x, c.width, y + p.top + 4 + p.note + SIGN_SPACE);
      }
      return;
    }
    case 'table':
      paintRow(
        doc,
        b.columns.map((c) => c.header),
        b.columns,
        columnWidths(b.columns, g.width),
        headerStyle(b),
        g,
        y,
        h,
      );
      return;
    case 'row':
      if (!table) throw new Error('a table row outside a table');
      paintRow(doc, b.cells, table.columns, columnWidths(table.columns, g.width), tableStyle(table), g, y, h);
      return;
  }
}

/** Largest logo side in pixels. */
const IMAGE_MAX_SIDE = 4096;

/**
 * True when pdfkit can draw the image: a JPEG or PNG whose header it parses, at most 4096 pixels a side, and for a
 * PNG, image data that inflates to the size its header promises. (pdfkit inflates PNG data later, asynchronously,
 * and a corrupt stream would then throw outside any caller: so it is checked here, synchronously, first.)
 */
export function isEmbeddableImage(bytes: Uint8Array): boolean {
  try {
    // `openImage` parses without drawing (missing from @types/pdfkit).
    const doc = new PDFDocument({ autoFirstPage: false }) as unknown as { openImage(src: Buffer): unknown };
    const img = doc.openImage(Buffer.from(bytes)) as {
      width: number;
      height: number;
      image?: { imgData: Uint8Array; pixelBitlength: number; interlaceMethod: number };
    };
    if (!(img.width > 0 && img.height > 0 && img.width <= IMAGE_MAX_SIDE && img.height <= IMAGE_MAX_SIDE))
      return false;
    const png = img.image;
    if (png) {
      const data = inflateSync(png.imgData);
      const rows = img.height * (1 + Math.ceil((img.width * png.pixelBitlength) / 8));
      if (png.interlaceMethod === 0 ? data.length < rows : data.length === 0) return false;
    }
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- layout (pass 1) and painting (pass 2)

/**
 * Place the blocks on pages. A block is never split (one taller than a page is cut to the page); a table's header
 * is placed again at the top of every page its rows continue on; a block with `keepWithNext` moves to the next page
 * with what must follow it.
 */
async function* layout(
  doc: Doc,
  g: Geometry,
  blocks: Iterable<Block> | AsyncIterable<Block>,
): AsyncGenerator<Placed> {
  let page = 1;
  let y = g.top;
  let table: Extract<Block, { kind: 'table' }> | null = null;
  let headerH = 0;
  let n = 0;
  for await (const [b, next] of withNext(blocks)) {
    if (++n % CACHE_TRIM_EVERY === 0) trimFontCaches(doc);
    if (b.kind === 'space') {
      if (y > g.top) y = Math.min(y + b.height, g.bottom);
      continue;
    }
    if (b.kind === 'tableEnd') {
      table = null;
      y = Math.min(y + (b.spaceAfter ?? 8), g.bottom);
      continue;
    }
    if (b.kind === 'table') {
      table = b;
      headerH = measure(doc, b, g, null);
      const firstRow = (b.size ?? 8) * 1.2 + 2 * CELL_PAD;
      if (y + headerH + firstRow > g.bottom && y > g.top) [page, y] = [page + 1, g.top];
      yield { p: page, y, h: headerH, b };
      y += headerH;
      continue;
    }
    let h = measure(doc, b, g, table);
    if (b.kind === 'row' && table) {
      if (y + h > g.bottom && y > g.top + headerH) {
        [page, y] = [page + 1, g.top];
        yield { p: page, y, h: headerH, b: table };
        y += headerH;
      }
    } else {
      const keep = b.kind === 'text' && b.keepWithNext && next ? measure(doc, next, g, table) : 0;
      if (y + h + keep > g.bottom && y > g.top) [page, y] = [page + 1, g.top];
    }
    h = Math.min(h, g.bottom - y);
    yield { p: page, y, h, b };
    y += h;
  }
}

/**
 * Forget the fonts' word-layout caches. pdfkit keeps the shaped glyphs of every distinct word it has measured or
 * drawn, for the life of the document; a province recap has a distinct NIP and name on every row, so the cache
 * grew by ~4.5 MB of heap per 1,000 rows and pass (measured: 133 MB after 20,000 rows, ~25 MB flat with the trim). Emptied every `CACHE_TRIM_EVERY` blocks it stays small, and the words
 * that repeat (headers, codes, numbers) are shaped again at once. (`_fontFamilies` and `layoutCache` are pdfkit
 * internals: if they are not there, nothing is done.)
 */
function trimFontCaches(doc: Doc) {
  const families = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: unknown }> })
    ._fontFamilies;
  for (const font of Object.values(families ?? {}))
    if (font && typeof font.layoutCache === 'object') font.layoutCache = Object.create(null);
}
const CACHE_TRIM_EVERY = 2000;

/** Each block with the one after it (one block of lookahead, for `keepWithNext`). */
async function* withNext<T>(items: Iterable<T> | AsyncIterable<T>): AsyncGenerator<[T, T | undefined]> {
  let prev: { v: T } | null = null;
  for await (const v of items) {
    if (prev) yield [prev.v, v];
    prev = { v };
  }
  if (prev) yield [prev.v, undefined];
}

function paintFooter(doc: Doc, g: Geometry, meta: DocumentMeta, page: number, total: number) {
  const y = g.bottom + 14;
  doc.font('regular').fontSize(FOOTER_SIZE).fillColor('black');
  const label = `Halaman ${page} dari ${total}`;
  const w = doc.widthOfString(label);
  doc.text(label, g.left + g.width - w, y, { lineBreak: false });
  if (meta.footerNote)
    doc.text(nfc(meta.footerNote), g.left, y, {
      width: g.width - w - 12,
      height: FOOTER_SIZE * 1.3,
      ellipsis: true,
    });
}

async function paintAll(
  g: Geometry,
  meta: DocumentMeta,
  placed: Iterable<Placed> | AsyncIterable<Placed>,
  total: number,
  out: Writable,
  onPlaced?: (n: number) => void,
): Promise<void> {
  const doc = newDoc(g, meta, false);
  doc.pipe(out);
  const finished = once(out, 'finish');
  let page = 0;
  let table: Extract<Block, { kind: 'table' }> | null = null;
  let n = 0;
  const toPage = (p: number) => {
    while (page < p) {
      if (page > 0) paintFooter(doc, g, meta, page, total);
      doc.addPage({ size: [g.pageW, g.pageH], margin: 0 });
      page++;
    }
  };
  for await (const pl of placed) {
    toPage(pl.p);
    if (pl.b.kind === 'table') table = pl.b;
    paint(doc, pl, g, table);
    if (++n % CACHE_TRIM_EVERY === 0) trimFontCaches(doc);
    onPlaced?.(n);
  }
  toPage(Math.max(total, 1));
  paintFooter(doc, g, meta, page, total);
  doc.end();
  await finished;
}

/**
 * A document as bytes, laid out and painted in memory (letters, an employee's month: a few pages).
 * Source: issue 14 point 4.
 */
export async function renderPdf(
  setup: PageSetup,
  meta: DocumentMeta,
  blocks: Iterable<Block>,
): Promise<Buffer> {
  const g = geometry(setup);
  const placed: Placed[] = [];
  for await (const pl of layout(newDoc(g, meta, true), g, blocks)) placed.push(pl);
  const total = Math.max(1, placed.at(-1)?.p ?? 1);
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  await paintAll(g, meta, placed, total, sink);
  return Buffer.concat(chunks);
}

/**
 * A large document streamed to `filePath` with flat memory: the layout pass spools the placed blocks to a scratch
 * file next to it (one JSON line each), then the painting pass reads them back and writes the PDF page by page.
 * `onProgress` is told how many blocks each pass has handled.
 */
export async function renderPdfToFile(
  setup: PageSetup,
  meta: DocumentMeta,
  blocks: Iterable<Block> | AsyncIterable<Block>,
  filePath: string,
  onProgress?: (pass: 'layout' | 'paint', blocks: number) => void,
): Promise<{ pages: number }> {
  const g = geometry(setup);
  const scratch = `${filePath}.layout`;
  try {
    const spool = createWriteStream(scratch);
    let total = 1;
    let n = 0;
    for await (const pl of layout(newDoc(g, meta, true), g, blocks)) {
      total = pl.p;
      if (!spool.write(`${JSON.stringify(pl)}\n`)) await once(spool, 'drain');
      onProgress?.('layout', ++n);
    }
    spool.end();
    await once(spool, 'finish');
    const lines = createInterface({ input: createReadStream(scratch), crlfDelay: Infinity });
    async function* read(): AsyncGenerator<Placed> {
      for await (const line of lines) if (line) yield JSON.parse(line) as Placed;
    }
    await paintAll(g, meta, read(), total, createWriteStream(filePath), (k) => onProgress?.('paint', k));
    return { pages: total };
  } finally {
    await rm(scratch, { force: true });
  }
}
