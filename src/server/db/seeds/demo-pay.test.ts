import { describe, expect, it } from 'vitest';
import { generateDemoData } from './demo-data.ts';
import { demoBankAccount, demoBudget, demoGajiPokok } from './demo-pay.ts';

describe('demo pay data (TPP illustrations)', () => {
  const data = generateDemoData();

  it('gives every demo employee a gaji pokok from their golongan, CPNS 80 %', () => {
    const missing = data.employees.filter((e) => demoGajiPokok(e) <= 0).map((e) => `${e.name} ${e.golongan}`);
    expect(missing).toEqual([]);
    expect(demoGajiPokok({ employeeType: 'PNS', golongan: 'III/a' })).toBe(2_579_400);
    expect(demoGajiPokok({ employeeType: 'CPNS', golongan: 'III/a' })).toBe(2_063_520);
    expect(demoGajiPokok({ employeeType: 'PPPK', golongan: 'IX' })).toBe(2_966_500);
    expect(demoGajiPokok({ employeeType: 'PNS', golongan: 'V/z' })).toBe(0);
  });

  it('makes a 13-digit account per employee, the same every time, distinct across the province', () => {
    const accounts = data.employees.map((e) => demoBankAccount(e));
    expect(accounts.every((a) => /^\d{13}$/.test(a.accountNumber))).toBe(true);
    expect(demoBankAccount(data.employees[0]!)).toEqual(accounts[0]);
    expect(new Set(accounts.map((a) => a.accountNumber)).size).toBe(accounts.length);
  });

  it('budgets Rp 6 juta per employee per month, rounded up to a million', () => {
    expect(demoBudget(10)).toBe(720_000_000);
    expect(demoBudget(0)).toBe(0);
  });
});
