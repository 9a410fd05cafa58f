/**
 * Prints the `virtual:derivable-steps` module (every derivation's step expressions as JavaScript,
 * see src/derivations/compile-js.ts). Run by the `derivable:compiled-steps` integration in its own
 * process, as the verifier is: the derivation modules and mathjs stay outside Vite's bundle.
 *
 *   tsx src/cli/compile-steps.ts <path of js-runtime.ts to import>
 */
import { derivations } from '../derivations/index';
import { tablesModule } from '../derivations/compile-js';

const runtime = process.argv[2];
if (!runtime) {
  console.error('usage: tsx src/cli/compile-steps.ts <runtime module path>');
  process.exit(2);
}
process.stdout.write(tablesModule(derivations.values(), runtime));
