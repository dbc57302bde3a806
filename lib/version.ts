/** Wardroom's version, from package.json (reported by /health and written into backups). */
import pkg from '../package.json'

export const WARDROOM_VERSION: string = pkg.version
