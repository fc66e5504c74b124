// Stand-alone entry for `npx tsx server/src/cli/nlu-main.ts eval …` (the same as `lingxi nlu eval …`).
import { run } from './nlu.ts';

process.exitCode = await run(process.argv.slice(2));
