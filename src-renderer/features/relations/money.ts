/** Money as typed ("12.50", "1,234.5") to integer minor units, exactly (no floats); null when not an amount. */
export function parseMoney(text: string): number | null {
  const clean = text.trim().replaceAll(',', '').replaceAll(' ', '');
  const match = /^(-?)(\d+)(?:\.(\d{0,2}))?$/.exec(clean);
  if (!match) return null;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const minor = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return sign === '-' ? -minor : minor;
}

/** Integer minor units as "12.50". */
export function formatMoney(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const absolute = Math.abs(minor);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}
