const STUB = new URL('./session-stub.mjs', import.meta.url).href

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context)
  return result.url.endsWith('/lib/auth/session.ts') ? { url: STUB, shortCircuit: true } : result
}
