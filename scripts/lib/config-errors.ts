/**
 * Import first in an entry script: a wrong setting found while modules load (lib/env.ts parses the
 * environment on import) is printed as its message alone — which setting, what is wrong — and the process
 * exits 1, instead of Node's stack trace that buries it. Anything else is printed with its stack, as Node would.
 */
import { isConfigError } from '../../lib/config-error'

const onLoadError = (e: unknown) => {
  console.error(isConfigError(e) ? `[wardroom] ${e.message}` : e)
  process.exit(1)
}
process.once('uncaughtException', onLoadError)

/** Called once the entry's modules have loaded: from then on errors take their normal course. */
export function configLoaded(): void {
  process.off('uncaughtException', onLoadError)
}
