import { useEffect, useState } from 'react';
import {
  MAX_KEEP_BACKUPS,
  setKeepBackupsSchema,
  themeSchema,
  type Settings,
  type Theme,
} from '../../../src-shared/ipc/methods/settings';
import { call, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useToasts } from '../../components/toast';
import { t } from '../../i18n';
import { useAppInfo } from '../shell/appStore';
import { applyTheme } from './theme';

/** Dialog "Settings": the admin's name recorded with every change, how many backups are kept, this computer's name and its theme. */
export function SettingsDialog({ onClose }: Readonly<{ onClose: () => void }>) {
  const show = useToasts((state) => state.show);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [actor, setActor] = useState('');
  const [keep, setKeep] = useState('');
  const [theme, setTheme] = useState<Theme>('system');
  const [error, setError] = useState<string | null>(null);
  const [keepError, setKeepError] = useState<string | null>(null);
  useEffect(() => {
    call('settings:get', {}).then(
      (loaded) => {
        setSettings(loaded);
        setActor(loaded.actor === loaded.defaultActor ? '' : loaded.actor);
        setKeep(String(loaded.keepBackups));
        setTheme(loaded.theme);
      },
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, []);
  const save = async () => {
    const keepBackups = setKeepBackupsSchema.safeParse({ keepBackups: Number(keep) });
    if (!keepBackups.success || keep.trim() === '') {
      setKeepError(t('settings.keepBackupsInvalid', { max: MAX_KEEP_BACKUPS }));
      return;
    }
    try {
      await call('settings:setActor', { actor });
      if (keepBackups.data.keepBackups !== settings?.keepBackups)
        await call('settings:setKeepBackups', keepBackups.data);
      if (theme !== settings?.theme) applyTheme((await call('settings:setTheme', { theme })).theme);
      void useAppInfo.getState().reload();
      show(t('settings.saved'));
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <Dialog
      title={t('settings.title')}
      open
      onRequestClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="settings-form" className="primary" disabled={!settings}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <form
        id="settings-form"
        className="form-grid"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Field
          label={t('settings.actor')}
          error={error ?? undefined}
          hint={t('settings.actorHint', { fallback: settings?.defaultActor ?? '…' })}
        >
          {(props) => (
            <input
              {...props}
              maxLength={100}
              placeholder={settings?.defaultActor}
              value={actor}
              onChange={(event) => setActor(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('settings.keepBackups')} error={keepError ?? undefined} hint={t('settings.keepBackupsHint')}>
          {(props) => (
            <input
              {...props}
              type="number"
              min={1}
              max={MAX_KEEP_BACKUPS}
              step={1}
              value={keep}
              onChange={(event) => {
                setKeep(event.target.value);
                setKeepError(null);
              }}
            />
          )}
        </Field>
        <Field label={t('settings.theme')}>
          {(props) => (
            <select
              {...props}
              value={theme}
              onChange={(event) => setTheme(themeSchema.catch('system').parse(event.target.value))}
            >
              {themeSchema.options.map((option) => (
                <option key={option} value={option}>
                  {t(`settings.theme.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('settings.device')}>
          {(props) => <input {...props} readOnly value={settings?.device ?? ''} />}
        </Field>
      </form>
    </Dialog>
  );
}
