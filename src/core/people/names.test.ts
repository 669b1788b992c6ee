import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatFullName, splitAcademicTitles, type PersonName } from './names.ts';

describe('formatFullName', () => {
  it.each<[PersonName, string]>([
    [
      { frontTitle: 'Dr. Ir.', name: 'Siti Rahmawati', backTitle: 'S.T., M.Si.' },
      'Dr. Ir. Siti Rahmawati, S.T., M.Si.',
    ],
    [{ name: 'Sukirman' }, 'Sukirman'],
    [{ frontTitle: 'dr.', name: 'Ahmad Fauzi' }, 'dr. Ahmad Fauzi'],
    [{ name: 'Euis Kurniasih', backTitle: 'A.Md.Kep.' }, 'Euis Kurniasih, A.Md.Kep.'],
    [
      { frontTitle: '  Drs.  H. ', name: ' Tb.  Hendra   Saputra ', backTitle: 'M.M.' },
      'Drs. H. Tb. Hendra Saputra, M.M.',
    ],
    [{ name: 'Wawan Santoni', backTitle: 'S.Hut ,M.Si' }, 'Wawan Santoni, S.Hut, M.Si'],
    [{ frontTitle: '', name: 'Ai Dewi Suzana', backTitle: '' }, 'Ai Dewi Suzana'],
  ])('formatFullName(%j) = %j', (person, expected) => expect(formatFullName(person)).toBe(expected));
});

describe('splitAcademicTitles', () => {
  it.each<[string, PersonName]>([
    [
      'Dr. Ir. Siti Rahmawati, S.T., M.Si.',
      { frontTitle: 'Dr. Ir.', name: 'Siti Rahmawati', backTitle: 'S.T., M.Si.' },
    ],
    ['dr. Ahmad Fauzi', { frontTitle: 'dr.', name: 'Ahmad Fauzi' }],
    ['Sukirman', { name: 'Sukirman' }],
    [
      'Drs. H. Tb. Hendra Saputra, M.M.',
      { frontTitle: 'Drs. H.', name: 'Tb. Hendra Saputra', backTitle: 'M.M.' },
    ],
    ['Wawan Santoni S.Hut, M.Si', { name: 'Wawan Santoni', backTitle: 'S.Hut, M.Si' }],
    ['Dr. Abdiyanto, SH, M.Si, CLA', { frontTitle: 'Dr.', name: 'Abdiyanto', backTitle: 'SH, M.Si, CLA' }],
    ['Ns. Euis Kurniasih, S.Kep.', { frontTitle: 'Ns.', name: 'Euis Kurniasih', backTitle: 'S.Kep.' }],
    ['apt. Rina Lestari, S.Farm.', { frontTitle: 'apt.', name: 'Rina Lestari', backTitle: 'S.Farm.' }],
    ['Ratu Siti Nuraeni, A.Md.Kep.', { name: 'Ratu Siti Nuraeni', backTitle: 'A.Md.Kep.' }],
    ['Ahmad Fauzi S.Kom M.M', { name: 'Ahmad Fauzi', backTitle: 'S.Kom, M.M' }],
    ['Prof.Dr. Hasan Basri, M.Pd.', { frontTitle: 'Prof.Dr.', name: 'Hasan Basri', backTitle: 'M.Pd.' }],
    ['dr. Yanti Sulastri, Sp.PD', { frontTitle: 'dr.', name: 'Yanti Sulastri', backTitle: 'Sp.PD' }],
    ['  Siti   Rahmawati  ', { name: 'Siti Rahmawati' }],
    ['Siti Rahmawati,', { name: 'Siti Rahmawati' }],
    ['Budi S.', { name: 'Budi S.' }],
    ['Rahmawati, Siti', { name: 'Rahmawati, Siti' }],
    ['SITI RAHMAWATI, ST, MSI', { name: 'SITI RAHMAWATI', backTitle: 'ST, MSI' }],
    ['RAHMAWATI, SITI', { name: 'RAHMAWATI, SITI' }],
    ['Dr.', { name: 'Dr.' }],
    ['S.Kom', { name: 'S.Kom' }],
  ])('splitAcademicTitles(%j)', (input, expected) => expect(splitAcademicTitles(input)).toEqual(expected));

  const FRONT = ['Dr.', 'dr.', 'Drs.', 'Dra.', 'Ir.', 'Prof. Dr.', 'H.', 'Hj.', 'Ns.', 'apt.', 'Dr. Ir.'];
  const BACK = [
    'S.T.',
    'S.Kom.',
    'S.E.',
    'M.M.',
    'M.Si.',
    'S.H.',
    'A.Md.',
    'S.Pd.',
    'M.Kes.',
    'Sp.PD',
    'S.K.M.',
  ];
  const WORDS = [
    'Siti',
    'Ahmad',
    'Tb.',
    'Ratu',
    'Rahmawati',
    'Asep',
    'Suryana',
    'Nur',
    'Hidayat',
    'Ai',
    'Dewi',
  ];

  it('inverts formatFullName for typical names', () => {
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom(...FRONT), { nil: undefined }),
        fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }),
        fc.uniqueArray(fc.constantFrom(...BACK), { maxLength: 3 }),
        (front, words, back) => {
          // A name ends with a real word, not a prefix such as "Tb.".
          const name = [...words, 'Lestari'].join(' ');
          const person: PersonName = { name };
          if (front) person.frontTitle = front;
          if (back.length > 0) person.backTitle = back.join(', ');
          expect(splitAcademicTitles(formatFullName(person))).toEqual(person);
        },
      ),
    );
  });
});
