import { hash, verify } from '@node-rs/argon2';

/** argon2id (the library's default algorithm) with its default cost: 19 MiB, 2 passes. */
export const hashPassword = (password: string) => hash(password);
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
/** A valid hash of a random password, verified against for unknown users so timing does not reveal them. */
let dummy: Promise<string> | null = null;
export const dummyHash = () => (dummy ??= hash('abdi-no-such-user-' + Math.random()));
