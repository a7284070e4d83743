import { runCli } from './cli';

// `npm run cli -- …` and `node out/main/cli.js …` start here.
process.exitCode = await runCli(process.argv.slice(2));
