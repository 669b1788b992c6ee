import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sniff } from './sniff.ts';

/* The content type from the bytes, whatever the file is called: table-driven over small hand-made files. */

const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]);
const pe = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(60)]);
/** A one-entry zip (local header, a deflated file): not an accepted kind. */
function zip(): Buffer {
  const data = deflateRawSync('isi');
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(8, 8);
  h.writeUInt32LE(data.length, 18);
  h.writeUInt32LE(3, 22);
  h.writeUInt16LE(5, 26);
  return Buffer.concat([h, Buffer.from('a.txt'), data]);
}

describe('sniff', () => {
  it.each([
    [
      'a PDF',
      Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n'),
      { mime: 'application/pdf', executable: false },
    ],
    [
      'a JPEG',
      Buffer.from([
        0xff,
        0xd8,
        0xff,
        0xe0,
        0,
        16,
        ...Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'),
        0xff,
        0xd9,
      ]),
      { mime: 'image/jpeg' },
    ],
    [
      'a PNG cut short (file-type gives up; its signature decides)',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 98]),
      { mime: 'image/png' },
    ],
    [
      'a WebP',
      Buffer.concat([
        Buffer.from('RIFF\x1a\0\0\0WEBPVP8L', 'latin1'),
        Buffer.from([13, 0, 0, 0, 0x2f, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
      ]),
      { mime: 'image/webp' },
    ],
    [
      'a Windows executable (MZ)',
      pe,
      { mime: null, executable: true, detected: 'program Windows (EXE/DLL)' },
    ],
    ['a Linux executable (ELF)', elf, { mime: null, executable: true, detected: 'program Linux (ELF)' }],
    ['a shell script', Buffer.from('#!/bin/sh\nrm -rf /\n'), { mime: null, executable: true }],
    ['a zip archive', zip(), { mime: null, executable: false, detected: 'ZIP' }],
    ['plain text', Buffer.from('bukan surat'), { mime: null, executable: false, detected: null }],
  ])('%s', async (_name, bytes, expected) => {
    expect(await sniff(bytes)).toMatchObject(expected);
  });
});
