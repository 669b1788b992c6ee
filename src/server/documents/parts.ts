import { signerPosition, type ActingKind } from '../../core/documents/signer.ts';
import type { Block, LetterheadData, SignatureData } from './pdf.ts';

/**
 * The parts every official letter shares, as blocks of the document layer: the letterhead (kop surat), the title
 * with the letter number, the signature block of an official (Plt./Plh. in front of the position when acting),
 * the tembusan list. Source: issue 14 point 4; the regions' tata naskah dinas (kop, nomor, tanda tangan,
 * tembusan) [REG].
 */

/** The letterhead: logo at the left, region and agency centred, address and contact, the double rule. */
export function letterheadBlock(letterhead: LetterheadData): Block {
  return { kind: 'letterhead', letterhead };
}

/** The letter's title in capitals and its number under it. */
export function titleBlocks(title: string, letterNumber: string | null): Block[] {
  return [
    {
      kind: 'text',
      text: title.toUpperCase(),
      style: { face: 'bold', size: 12, align: 'center' },
      spaceAfter: 2,
    },
    ...(letterNumber
      ? [{ kind: 'text' as const, text: `Nomor: ${letterNumber}`, style: { align: 'center' as const } }]
      : []),
    { kind: 'space', height: 14 },
  ];
}

/** An official who signs (or approved electronically). */
export interface Signer {
  name: string;
  nip: string | null;
  /** The position of the post signed for. */
  position: string | null;
  /** 'PLT' / 'PLH' when the signer acts for the post (printed "Plt." / "Plh." before the position). */
  acting?: ActingKind | null;
}

export interface SignatureOptions {
  /** Lines above the position: place and date, "Mengetahui,", the role. */
  above?: string[];
  /** Printed in the signature space, e.g. the time of an electronic approval. */
  note?: string | null;
}

const signatureData = (signer: Signer, opts: SignatureOptions): SignatureData => ({
  above: opts.above ?? [],
  position: signerPosition(signer.position, signer.acting ?? null),
  name: signer.name,
  nip: signer.nip,
  note: opts.note ?? null,
});

/**
 * A signature block: the lines above (place and date, "Mengetahui,", the role), the position with its Plt./Plh.
 * prefix, the space for the signature (or the note of an electronic approval), the name and the NIP.
 */
export function signatureBlock(
  signer: Signer,
  opts: SignatureOptions & { align?: 'left' | 'right'; width?: number; size?: number } = {},
): Block {
  return {
    kind: 'signatures',
    signatures: [signatureData(signer, opts)],
    ...(opts.align ? { align: opts.align } : {}),
    ...(opts.width ? { width: opts.width } : {}),
    ...(opts.size ? { size: opts.size } : {}),
    spaceAfter: 10,
  };
}

/** Signature blocks side by side (e.g. the superior's consideration and the granting official's decision). */
export function signatureRow(
  signers: { signer: Signer; options?: SignatureOptions }[],
  size?: number,
): Block {
  return {
    kind: 'signatures',
    signatures: signers.map((s) => signatureData(s.signer, s.options ?? {})),
    ...(size ? { size } : {}),
    spaceAfter: 10,
  };
}

/** The tembusan (copies to) list, numbered; nothing when there is none. */
export function tembusanBlocks(items: string[]): Block[] {
  if (items.length === 0) return [];
  return [
    { kind: 'space', height: 8 },
    { kind: 'text', text: 'Tembusan:', style: { size: 10 }, keepWithNext: true },
    ...items.map((text, i) => ({ kind: 'item' as const, marker: `${i + 1}.`, text, size: 10 })),
  ];
}
