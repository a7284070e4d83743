import { spawnSync } from 'node:child_process';
import { electronBinary } from './binary';

// The Electron end-to-end suite runs wherever the binary exists; here it says why it does not.
if (!electronBinary()) {
  console.log('Electron suite: skipped: no Electron binary (run `npx install-electron` where the network allows).');
  process.exit(0);
}
const result = spawnSync('npx', ['playwright', 'test', '-c', 'test/electron/playwright.config.ts'], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
