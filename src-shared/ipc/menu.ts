/** The application menu's own commands: main sends one when its item is chosen, the window runs it. */
export type MenuCommand =
  'import-snapshot' | 'export-snapshot' | 'add-customer' | 'add-service' | 'edit-defaults' | 'audit-log';
