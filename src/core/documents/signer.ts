/**
 * How a signer's position is written under an official letter. An official acting for a vacant post (Plt.,
 * pelaksana tugas) or for a holder who is temporarily away (Plh., pelaksana harian) signs with the prefix before
 * the position of the post they act for: "Plt. Kepala Dinas Kesehatan".
 * Source: Surat Edaran Kepala BKN 1/SE/I/2021 on the authority of Plh and Plt (signing as "Plh."/"Plt.") [INF];
 * issue 14 point 4.
 */

export type ActingKind = 'PLT' | 'PLH';

const PREFIX: Record<ActingKind, string> = { PLT: 'Plt.', PLH: 'Plh.' };

/**
 * The position as printed in a signature block.
 *
 * @param position the position of the post signed for (null when unknown)
 * @param acting 'PLT' / 'PLH' when the signer acts for the post, null when they hold it
 * @returns the position with the prefix for an acting signer ("Plh. Kepala Dinas"), never doubled when the
 *   position already starts with it; null when there is no position
 */
export function signerPosition(position: string | null, acting: ActingKind | null): string | null {
  const p = position?.trim() || null;
  if (!acting) return p;
  const prefix = PREFIX[acting];
  if (!p) return prefix;
  const bare = p.replace(/^(plt|plh)\.?\s+/i, '');
  return `${prefix} ${bare}`;
}
