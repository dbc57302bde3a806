// No sessions in the bare handler server (API-key routes only).
export async function getSessionUser() {
  return null
}
