import { fileTypeFromBuffer } from 'file-type';
import type { AttachmentMime } from './kinds.ts';

/**
 * What a file is, from its bytes: never its name or the type the browser declared. `file-type` (a maintained
 * signature database) names the content; a truncated or minimal file it cannot name is recognised by the
 * signatures of the accepted kinds themselves (PDF `%PDF-`, JPEG SOI, the PNG signature, RIFF/WEBP).
 * Executables are named as such, whatever the file is called. Source: issue 14 point 3 (type from the content).
 */
export interface Sniffed {
  /** The content as one of the accepted kinds, or null. */
  mime: AttachmentMime | null;
  /** What the content is, for the refusal ("program Windows (EXE)", "ZIP"); null when unknown. */
  detected: string | null;
  /** An executable program or script (refused with its own message). */
  executable: boolean;
}

const ACCEPTED: Record<string, AttachmentMime> = {
  'application/pdf': 'application/pdf',
  'image/jpeg': 'image/jpeg',
  'image/png': 'image/png',
  'image/webp': 'image/webp',
};

/** file-type's executable kinds, by mime, with the words a message uses. */
const EXECUTABLE_MIMES: Record<string, string> = {
  'application/x-msdownload': 'program Windows (EXE/DLL)',
  'application/x-elf': 'program Linux (ELF)',
  'application/x-mach-binary': 'program macOS (Mach-O)',
  'application/x-msi': 'pemasang Windows (MSI)',
  'application/wasm': 'program WebAssembly',
  'application/java-vm': 'program Java (class)',
  'application/vnd.android.package-archive': 'aplikasi Android (APK)',
  'application/x-dex': 'program Android (DEX)',
};

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

/** Executable headers checked before anything else (also when file-type would name something else). */
function executableHeader(b: Uint8Array): string | null {
  if (startsWith(b, [0x4d, 0x5a])) return 'program Windows (EXE/DLL)';
  if (startsWith(b, [0x7f, 0x45, 0x4c, 0x46])) return 'program Linux (ELF)';
  if (
    startsWith(b, [0xfe, 0xed, 0xfa, 0xce]) ||
    startsWith(b, [0xfe, 0xed, 0xfa, 0xcf]) ||
    startsWith(b, [0xce, 0xfa, 0xed, 0xfe]) ||
    startsWith(b, [0xcf, 0xfa, 0xed, 0xfe])
  )
    return 'program macOS (Mach-O)';
  if (startsWith(b, [0x23, 0x21])) return 'skrip (#!)';
  return null;
}

/** The accepted kinds by their own signatures (for files too short or unusual for file-type). */
function acceptedSignature(b: Uint8Array): AttachmentMime | null {
  if (b.length >= 5 && ascii(b, 0, 5) === '%PDF-') return 'application/pdf';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'image/webp';
  return null;
}

export async function sniff(bytes: Uint8Array): Promise<Sniffed> {
  const exe = executableHeader(bytes);
  if (exe) return { mime: null, detected: exe, executable: true };
  const found = await fileTypeFromBuffer(bytes).catch(() => undefined);
  if (found) {
    if (EXECUTABLE_MIMES[found.mime])
      return { mime: null, detected: EXECUTABLE_MIMES[found.mime]!, executable: true };
    const mime = ACCEPTED[found.mime] ?? null;
    return { mime, detected: mime ? null : found.ext.toUpperCase(), executable: false };
  }
  return { mime: acceptedSignature(bytes), detected: null, executable: false };
}
