import { describe, expect, it } from 'vitest';
import { effectiveServices, type RuleAssignment, type RuleCustomer, type Validity } from '../../src-shared/domain';
import {
  previewCustomer,
  previewDefaults,
  previewService,
  type Register,
} from '../../src-main/services/allocationPreview';
import { notEffectiveReason } from '../../src-main/services/allocation';

const today = '2026-11-22';
const validity: Record<string, Validity> = {
  mail: 'valid',
  vpn: 'valid',
  old: 'invalid',
  paused: 'invalid-temporarily',
  d1: 'valid',
  d2: 'valid',
  dOld: 'invalid',
};
const serviceValidity = (id: string) => validity[id];
const defaults = ['d1', 'd2', 'dOld'];
const active = (serviceId: string, extra: Partial<RuleAssignment> = {}): RuleAssignment => ({
  serviceId,
  status: 'active',
  startDate: null,
  endDate: null,
  ...extra,
});
const valid = (accessMode: RuleCustomer['accessMode']): RuleCustomer => ({ validity: 'valid', accessMode });

describe('the effective-services rule', () => {
  const cases: {
    name: string;
    customer: RuleCustomer;
    assignments: RuleAssignment[];
    expected: Record<string, 'specific' | 'default'>;
  }[] = [
    {
      name: 'defaults mode gets the valid defaults only',
      customer: valid('defaults'),
      assignments: [],
      expected: { d1: 'default', d2: 'default' },
    },
    {
      name: 'defaults mode ignores assignments',
      customer: valid('defaults'),
      assignments: [active('mail')],
      expected: { d1: 'default', d2: 'default' },
    },
    {
      name: 'specific mode replaces the defaults',
      customer: valid('specific'),
      assignments: [active('mail')],
      expected: { mail: 'specific' },
    },
    {
      name: 'specific mode with nothing effective gets nothing, not the defaults',
      customer: valid('specific'),
      assignments: [active('old')],
      expected: {},
    },
    {
      name: 'an invalid service never counts',
      customer: valid('specific'),
      assignments: [active('old'), active('paused'), active('vpn')],
      expected: { vpn: 'specific' },
    },
    {
      name: 'an unknown (deleted) service never counts',
      customer: valid('specific'),
      assignments: [active('gone')],
      expected: {},
    },
    {
      name: 'an invalid customer gets nothing',
      customer: { validity: 'invalid', accessMode: 'specific' },
      assignments: [active('mail')],
      expected: {},
    },
    {
      name: 'a temporarily invalid customer on defaults gets nothing',
      customer: { validity: 'invalid-temporarily', accessMode: 'defaults' },
      assignments: [],
      expected: {},
    },
    ...(['pending', 'stopped', 'disabled', 'archived'] as const).map((status) => ({
      name: `status ${status} is not effective`,
      customer: valid('specific'),
      assignments: [active('mail', { status }), active('vpn')],
      expected: { vpn: 'specific' as const },
    })),
    {
      name: 'a start date in the future is not effective',
      customer: valid('specific'),
      assignments: [active('mail', { startDate: '2026-11-23' })],
      expected: {},
    },
    {
      name: 'a start date of today is effective',
      customer: valid('specific'),
      assignments: [active('mail', { startDate: today })],
      expected: { mail: 'specific' },
    },
    {
      name: 'an end date of today is still effective',
      customer: valid('specific'),
      assignments: [active('mail', { endDate: today })],
      expected: { mail: 'specific' },
    },
    {
      name: 'an end date in the past is not effective',
      customer: valid('specific'),
      assignments: [active('mail', { endDate: '2026-11-21' })],
      expected: {},
    },
    {
      name: 'a window around today is effective',
      customer: valid('specific'),
      assignments: [active('mail', { startDate: '2026-01-01', endDate: '2026-12-31' })],
      expected: { mail: 'specific' },
    },
  ];
  it.each(cases)('$name', ({ customer, assignments, expected }) => {
    expect(Object.fromEntries(effectiveServices(customer, assignments, defaults, serviceValidity, today))).toEqual(
      expected,
    );
  });

  it.each([
    [{ validity: 'invalid', accessMode: 'specific' }, {}, 'mail', 'customer-invalid'],
    [{ validity: 'valid', accessMode: 'defaults' }, {}, 'mail', 'on-defaults'],
    [{ validity: 'valid', accessMode: 'specific' }, {}, 'old', 'service-invalid'],
    [{ validity: 'valid', accessMode: 'specific' }, { status: 'stopped' }, 'mail', 'status'],
    [{ validity: 'valid', accessMode: 'specific' }, { startDate: '2027-01-01' }, 'mail', 'not-started'],
    [{ validity: 'valid', accessMode: 'specific' }, { endDate: '2020-01-01' }, 'mail', 'ended'],
    [{ validity: 'valid', accessMode: 'specific' }, {}, 'mail', null],
  ] as const)(
    'explains why an assignment is not effective: %j %j on %s -> %s',
    (customer, extra, serviceId, reason) => {
      const assignment = active(serviceId, extra);
      expect(notEffectiveReason(customer, assignment, serviceValidity(serviceId), today)).toBe(reason);
    },
  );
});

const register = (serviceId: string, granted = true, extra: Partial<RuleAssignment> = {}): Register => ({
  ...active(serviceId, extra),
  granted,
});

describe('previewCustomer: mode switches before a Save', () => {
  const base = { defaultServiceIds: defaults, serviceValidity, today };
  it.each([
    {
      name: 'first specific service leaves the defaults',
      mode: 'defaults',
      registers: [],
      grant: ['mail'],
      revoke: [],
      expected: { added: 1, removed: 0, modeAfter: 'specific', effectiveBefore: 2, effectiveAfter: 1 },
    },
    {
      name: 'removing the last specific service falls back to the defaults',
      mode: 'specific',
      registers: [register('mail')],
      grant: [],
      revoke: ['mail'],
      expected: { added: 0, removed: 1, modeAfter: 'defaults', effectiveBefore: 1, effectiveAfter: 2 },
    },
    {
      name: 'a stopped assignment still holds the mode',
      mode: 'specific',
      registers: [register('mail'), register('vpn', true, { status: 'stopped' })],
      grant: [],
      revoke: ['mail'],
      expected: { removed: 1, modeAfter: 'specific', effectiveAfter: 0 },
    },
    {
      name: 're-granting a revoked row keeps its details',
      mode: 'defaults',
      registers: [register('mail', false, { status: 'pending' })],
      grant: ['mail'],
      revoke: [],
      expected: { added: 1, modeAfter: 'specific', effectiveAfter: 0 },
    },
    {
      name: 'granting what is granted changes nothing',
      mode: 'specific',
      registers: [register('mail')],
      grant: ['mail'],
      revoke: ['vpn'],
      expected: { added: 0, removed: 0, modeAfter: 'specific', effectiveAfter: 1 },
    },
    {
      name: 'swap: +1, −1 stays specific',
      mode: 'specific',
      registers: [register('mail')],
      grant: ['vpn', 'old'],
      revoke: ['mail'],
      expected: { added: 2, removed: 1, modeAfter: 'specific', effectiveAfter: 1 },
    },
  ] as const)('$name', ({ mode, registers, grant, revoke, expected }) => {
    const preview = previewCustomer({ ...base, customer: valid(mode), registers, changes: { grant, revoke } });
    expect({ added: preview.added, removed: preview.removed, ...preview.customer }).toMatchObject(expected);
    expect(preview.customer?.defaultCount).toBe(2);
  });
});

describe('previewService and previewDefaults', () => {
  const state = (customer: RuleCustomer, grantedCount: number, own: Register | null) => ({
    customerId: 'x',
    customer,
    grantedCount,
    register: own,
  });
  it('counts gains, losses, customers leaving the defaults and falling back to them', () => {
    const customers = new Map([
      ['onDefaults', state(valid('defaults'), 0, null)],
      ['specificOther', state(valid('specific'), 1, null)],
      ['lastOne', state(valid('specific'), 1, register('d1'))],
      ['twoHeld', state(valid('specific'), 2, register('d1'))],
      ['invalid', state({ validity: 'invalid', accessMode: 'defaults' }, 0, null)],
    ]);
    const preview = previewService({
      serviceId: 'd1',
      serviceValidity: 'valid',
      isDefault: true,
      today,
      customers,
      changes: { grant: ['onDefaults', 'specificOther', 'invalid'], revoke: ['lastOne', 'twoHeld'] },
    });
    // onDefaults already had d1 through the defaults: no gain, but it leaves the defaults.
    // lastOne falls back to defaults and keeps d1 through them; twoHeld loses it.
    expect(preview.customers).toEqual({ gain: 1, lose: 1, leaveDefaults: 1, fallBack: 1, throughDefaults: 0 });
    expect([preview.added, preview.removed]).toEqual([3, 2]);
  });

  it('defaults reach every valid customer on defaults, only through valid services', () => {
    const input = { current: new Set(['d1']), serviceValidity, customersOnDefaults: 37 };
    expect(previewDefaults({ ...input, changes: { grant: ['mail'], revoke: [] } }).customers).toMatchObject({
      gain: 37,
      lose: 0,
    });
    expect(previewDefaults({ ...input, changes: { grant: ['old'], revoke: ['d1'] } })).toMatchObject({
      added: 1,
      removed: 1,
      customers: { gain: 0, lose: 37 },
    });
    expect(previewDefaults({ ...input, changes: { grant: ['d1'], revoke: ['d2'] } })).toMatchObject({
      added: 0,
      removed: 0,
    });
  });
});
