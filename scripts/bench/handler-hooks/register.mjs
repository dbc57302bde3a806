// Loaded with --import after tsx: swaps lib/auth/session.ts for a stub in the bare handler server. The routes
// it serves authenticate by API key only, and next-auth's CommonJS providers do not load in plain Node ESM.
import { register } from 'node:module'

register('./hooks.mjs', import.meta.url)
