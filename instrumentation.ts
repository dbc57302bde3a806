/**
 * Runs once per server process (`next start` / `next dev`), not during `next build`.
 * Starts the in-process job scheduler and, when started by `npm start`, stops this server if the
 * supervisor that hosts the embedded database goes away (e.g. kill -9).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { startServerRuntime } = await import('./lib/server-runtime')
  await startServerRuntime()
}
