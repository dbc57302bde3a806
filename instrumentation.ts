/**
 * Runs once per server process (`npm start`: scripts/server.ts; `next dev`), not during `next build`.
 * Stamps requests with their socket address, starts the in-process job scheduler and, when started by
 * `npm start`, stops this server if the supervisor that hosts the embedded database goes away (e.g. kill -9).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  // Before anything else: route handlers learn the socket address only from this (lib/client-ip.ts).
  const { installPeerAddressHeader } = await import('@/lib/client-ip')
  installPeerAddressHeader()
  const { startServerRuntime } = await import('@/lib/runtime/server-runtime')
  await startServerRuntime()
}
