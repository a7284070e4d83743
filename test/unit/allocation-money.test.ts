import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from '../../src-renderer/features/relations/money';

describe('money in the Assignment details dialog', () => {
  it.each([
    ['12.50', 1250],
    ['12.5', 1250],
    ['12', 1200],
    ['0.01', 1],
    ['1,234.56', 123_456],
    ['0.29', 29],
    ['1.10', 110],
    ['-3', -300],
    ['12.505', null],
    ['abc', null],
    ['1.2.3', null],
    ['', null],
  ])('parses %j as %j minor units, exactly', (text, minor) => {
    expect(parseMoney(text)).toBe(minor);
  });

  it('formats and parses back exactly for every amount up to the schema maximum', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e13 }), (minor) => parseMoney(formatMoney(minor)) === minor));
    expect(formatMoney(1250)).toBe('12.50');
    expect(formatMoney(7)).toBe('0.07');
  });
});
