import { createInflateRaw } from 'node:zlib';

/**
 * A small ZIP reader for uploaded XLSX files that are already in memory (bounded by IMPORT_MAX_BYTES): it reads
 * the central directory and inflates one entry at a time as a stream, counting the bytes it produces, so a zip
 * bomb is stopped as soon as an entry or the whole file passes its limit, whatever the sizes the archive claims.
 * Source: PKWARE APPNOTE 6.3.10 §4.3 (local header, central directory, end of central directory); no ZIP64
 * (an XLSX of a few megabytes never needs it), no encryption.
 */

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** As claimed by the archive: never trusted, the inflated bytes are counted instead. */
  claimedSize: number;
  localHeaderOffset: number;
}

/** Why a ZIP cannot be read: the file is broken (`corrupt`) or passes a decompression limit (`limit`). */
export class ZipError extends Error {
  readonly kind: 'corrupt' | 'limit';
  readonly limit: 'entry' | 'total' | null;
  constructor(kind: 'corrupt' | 'limit', message: string, limit: 'entry' | 'total' | null = null) {
    super(message);
    this.name = 'ZipError';
    this.kind = kind;
    this.limit = limit;
  }
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

export const isZip = (buf: Uint8Array) =>
  buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;

/** The entries of the central directory. @throws ZipError('corrupt') */
export function zipEntries(buf: Buffer): Map<string, ZipEntry> {
  // The end record is within the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('corrupt', 'akhir arsip ZIP tidak ditemukan');
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  let at = buf.readUInt32LE(eocd + 16);
  if (at + size > eocd) throw new ZipError('corrupt', 'direktori arsip ZIP rusak');
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CEN)
      throw new ZipError('corrupt', 'direktori arsip ZIP rusak');
    const flags = buf.readUInt16LE(at + 8);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      name: buf.toString('utf8', at + 46, at + 46 + nameLen),
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      claimedSize: buf.readUInt32LE(at + 24),
      localHeaderOffset: buf.readUInt32LE(at + 42),
    };
    if (flags & 1) throw new ZipError('corrupt', 'berkas terenkripsi');
    entries.set(entry.name, entry);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Bytes inflated so far across the entries of one archive, against the total limit. */
export interface InflateBudget {
  maxEntryBytes: number;
  maxTotalBytes: number;
  used: number;
}

/**
 * The inflated content of one entry, chunk by chunk (at most 64 KB each). Stops with ZipError('limit') as soon as
 * the entry passes `maxEntryBytes` or the archive passes `maxTotalBytes`; the inflater is destroyed then.
 */
export async function* inflateEntry(
  buf: Buffer,
  entry: ZipEntry,
  budget: InflateBudget,
): AsyncGenerator<Buffer> {
  const at = entry.localHeaderOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOC)
    throw new ZipError('corrupt', `isi ${entry.name} rusak`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw new ZipError('corrupt', `isi ${entry.name} terpotong`);
  const data = buf.subarray(start, end);
  let produced = 0;
  const count = (n: number) => {
    produced += n;
    budget.used += n;
    if (produced > budget.maxEntryBytes)
      throw new ZipError('limit', `isi ${entry.name} melebihi batas`, 'entry');
    if (budget.used > budget.maxTotalBytes) throw new ZipError('limit', 'isi arsip melebihi batas', 'total');
  };
  if (entry.method === 0) {
    for (let i = 0; i < data.length; i += 65_536) {
      const chunk = data.subarray(i, Math.min(data.length, i + 65_536));
      count(chunk.length);
      yield chunk;
    }
    return;
  }
  if (entry.method !== 8) throw new ZipError('corrupt', `metode kompresi ${entry.method} tidak didukung`);
  const inflater = createInflateRaw({ chunkSize: 65_536 });
  // Feed the compressed bytes in slices so that the inflater never runs far ahead of the reader.
  const feed = async () => {
    for (let i = 0; i < data.length; i += 16_384) {
      const ok = inflater.write(data.subarray(i, Math.min(data.length, i + 16_384)));
      if (!ok && !inflater.destroyed)
        await new Promise<void>((r) => {
          const done = () => {
            inflater.off('drain', done);
            inflater.off('close', done);
            r();
          };
          inflater.on('drain', done);
          inflater.on('close', done);
        });
      if (inflater.destroyed) return;
    }
    inflater.end();
  };
  const fed = feed().catch(() => undefined);
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      count(chunk.length);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof ZipError) throw err;
    throw new ZipError('corrupt', `isi ${entry.name} rusak`);
  } finally {
    inflater.destroy();
    await fed;
  }
}
