export const E2E_ADMIN = { email: 'admin@e2e.wardroom.local', password: 'e2e-admin-password-2026' }
export const E2E_CRON_SECRET = 'e2e-cron-secret-0123456789abcdef'
/** The e2e servers' NEXTAUTH_SECRET (which also seals site-key secrets: tools that create one need it). */
export const E2E_NEXTAUTH_SECRET = 'e2e-nextauth-secret-0123456789abcdef'
export const DEMO_PASSWORD = 'wardroom-demo-2026'
export const DEMO_VIEWER = 'viewer@demo.wardroom.local'
/** The main e2e server's embedded data directory (see playwright.config.ts), for CLI calls from tests. */
export const E2E_MAIN_DATA_DIR = `.data/e2e-main-${process.env.E2E_PORT ?? 3100}`
