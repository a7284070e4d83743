import { en, type MessageKey } from './en';

const numberFormat = new Intl.NumberFormat('en-US');

/** The message for `key`, with {placeholders} filled; numbers get thousands separators. */
export function t(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return en[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numberFormat.format(value) : value;
  });
}

export function formatCount(value: number): string {
  return numberFormat.format(value);
}

export type { MessageKey };
