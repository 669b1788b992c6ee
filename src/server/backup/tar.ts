import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { FileHandle } from 'node:fs/promises';

/*
 * A minimal POSIX ustar writer and reader for the backup file (one `.tar` a person can carry, open with any `tar`).
 * Only regular files, names of at most 100 bytes (ours: `tables/<table>.jsonl.gz`, `files/<store>/<sha256>`),
 * sizes past 8 GiB in the GNU base-256 form. The reader indexes entries by seeking from header to header, so
 * finding the manifest (the last entry) never reads the contents.
 */

const BLOCK = 512;
const ZEROS = Buffer.alloc(BLOCK * 2);

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, mtime: Date): Buffer {
  const h = Buffer.alloc(BLOCK);
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new Error(`tar entry name too long: ${name}`);
  nameBytes.copy(h, 0);
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  if (size < 8 ** 11) h.write(octal(size, 12), 124, 'ascii');
  else {
    // GNU base-256: high bit set, big-endian binary in the remaining 11 bytes.
    h[124] = 0x80;
    let v = BigInt(size);
    for (let i = 135; i > 124; i--) {
      h[i] = Number(v & 0xffn);
      v >>= 8n;
    }
  }
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148, 'ascii');
  return h;
}

function parseSize(h: Buffer): number {
  if ((h[124]! & 0x80) !== 0) {
    let v = 0n;
    for (let i = 125; i < 136; i++) v = (v << 8n) | BigInt(h[i]!);
    return Number(v);
  }
  return parseInt(h.toString('ascii', 124, 136).replace(/\0.*$/s, '').trim() || '0', 8);
}

const padOf = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/** Appends entries to an open file, from its current end; `finish` writes the end-of-archive blocks. */
export class TarWriter {
  private offset = 0;
  private readonly fh: FileHandle;
  private readonly mtime: Date;
  constructor(fh: FileHandle, mtime: Date) {
    this.fh = fh;
    this.mtime = mtime;
  }

  private async write(buf: Uint8Array): Promise<void> {
    let done = 0;
    while (done < buf.length) {
      const { bytesWritten } = await this.fh.write(buf, done, buf.length - done, this.offset + done);
      done += bytesWritten;
    }
    this.offset += buf.length;
  }

  /** One entry from memory. */
  async add(name: string, bytes: Uint8Array): Promise<void> {
    await this.write(header(name, bytes.length, this.mtime));
    await this.write(bytes);
    await this.write(ZEROS.subarray(0, padOf(bytes.length)));
  }

  /** One entry copied from a file of `size` bytes, 1 MiB at a time; `onChunk` sees every chunk (for a hash). */
  async addFile(name: string, file: string, size: number, onChunk?: (chunk: Buffer) => void): Promise<void> {
    await this.write(header(name, size, this.mtime));
    let copied = 0;
    for await (const chunk of createReadStream(file, {
      highWaterMark: 1024 * 1024,
    }) as AsyncIterable<Buffer>) {
      onChunk?.(chunk);
      await this.write(chunk);
      copied += chunk.length;
    }
    if (copied !== size) throw new Error(`${file} changed while being copied (${copied} of ${size} bytes)`);
    await this.write(ZEROS.subarray(0, padOf(size)));
  }

  async finish(): Promise<void> {
    await this.write(ZEROS);
  }
}

/** An entry of an archive: its name, where its contents start and how long they are. */
export interface TarEntry {
  name: string;
  offset: number;
  size: number;
}

/**
 * Every regular-file entry of the archive in `fh`, in order. Throws when a header is damaged (bad checksum) or the
 * archive ends inside an entry (a truncated copy).
 */
export async function indexTar(fh: FileHandle): Promise<TarEntry[]> {
  const { size: total } = await fh.stat();
  const entries: TarEntry[] = [];
  const h = Buffer.alloc(BLOCK);
  let pos = 0;
  for (;;) {
    if (pos + BLOCK > total) throw new Error('arsip terpotong (tidak ada penanda akhir)');
    const { bytesRead } = await fh.read(h, 0, BLOCK, pos);
    if (bytesRead < BLOCK) throw new Error('arsip terpotong');
    if (h.every((b) => b === 0)) break;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    const recorded = parseInt(h.toString('ascii', 148, 156).replace(/\0.*$/s, '').trim(), 8);
    if (sum !== recorded) throw new Error(`header rusak pada posisi ${pos}`);
    const name = h.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    const size = parseSize(h);
    const type = String.fromCharCode(h[156]!);
    const offset = pos + BLOCK;
    if (offset + size > total) throw new Error(`arsip terpotong di dalam ${name}`);
    if (type === '0' || type === '\0') entries.push({ name, offset, size });
    pos = offset + size + padOf(size);
  }
  return entries;
}

/** An entry's contents, whole (for small entries: the manifest, one file). */
export async function readEntry(fh: FileHandle, entry: TarEntry): Promise<Buffer> {
  const buf = Buffer.alloc(entry.size);
  let done = 0;
  while (done < entry.size) {
    const { bytesRead } = await fh.read(buf, done, entry.size - done, entry.offset + done);
    if (bytesRead === 0) throw new Error(`arsip terpotong di dalam ${entry.name}`);
    done += bytesRead;
  }
  return buf;
}

/** An entry's contents as a stream (for table data). */
export function entryStream(file: string, entry: TarEntry): NodeJS.ReadableStream {
  if (entry.size === 0) return Readable.from([]);
  return createReadStream(file, { start: entry.offset, end: entry.offset + entry.size - 1 });
}
