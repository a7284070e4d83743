import { userInfo } from 'node:os';
import type { Settings, Theme } from '../../src-shared/ipc/methods/settings';
import { readTheme, writeTheme } from '../desktop/preferences';
import type { HandlerGroup } from '../ipc/handlers';
import { keepBackups, setKeepBackups } from './backups';
import type { ServiceContext } from './context';

function osUserName(): string {
  try {
    return userInfo().username || 'admin';
  } catch {
    return 'admin';
  }
}

export function getSettings(context: ServiceContext): Settings {
  return {
    actor: context.actor(),
    defaultActor: osUserName(),
    device: context.deviceName,
    deviceId: context.deviceId,
    keepBackups: keepBackups(context.conn),
    theme: readTheme(context.conn),
  };
}

/**
 * Sets the admin's name recorded with every later change (empty: the operating system's user
 * name again). The change is itself an audited write, under the name it replaces.
 */
export function setActor(context: ServiceContext, actor: string): Settings {
  const before = context.actor();
  context.write(['settings'], (batch) => {
    const { db, sql: run } = context.conn;
    if (actor === '') run.run(db.deleteFrom('meta').where('key', '=', 'actor'));
    else
      run.run(
        db
          .insertInto('meta')
          .values({ key: 'actor', value: actor })
          .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: actor })),
      );
    const after = context.actor();
    if (after !== before)
      batch.audit({
        entity: 'settings',
        entityId: 'actor',
        action: 'update',
        label: 'Admin name',
        before: { actor: before },
        after: { actor: after },
      });
  });
  return getSettings(context);
}

/** Sets this computer's theme and lets the shell's native parts (menus, dialogs) follow it. */
export function setTheme(context: ServiceContext, theme: Theme): Settings {
  writeTheme(context.conn, theme);
  context.platform.applyTheme?.(theme);
  return getSettings(context);
}

export const settingsHandlers = {
  'settings:get': getSettings,
  'settings:setActor': (context, { actor }) => setActor(context, actor),
  'settings:setKeepBackups': (context, { keepBackups: keep }) => {
    setKeepBackups(context, keep);
    return getSettings(context);
  },
  'settings:setTheme': (context, { theme }) => setTheme(context, theme),
} satisfies HandlerGroup<'settings:get' | 'settings:setActor' | 'settings:setKeepBackups' | 'settings:setTheme'>;
