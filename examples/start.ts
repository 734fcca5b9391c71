/** `npm start`: the quick start, printed to the terminal. */
import { runQuickstart } from './quickstart.js';

await runQuickstart((line) => process.stdout.write(`${line}\n`));
