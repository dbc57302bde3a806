import type { Metadata, Viewport } from 'next'
import './globals.css'

// The icons, manifest and robots.txt are static files in public/ (not app/icon.svg and friends), so the
// manifest can name the icons by stable URLs and all of them are served as plain files, outside the app.
export const metadata: Metadata = {
  title: { default: 'Wardroom', template: '%s · Wardroom' },
  description: 'Production-operations cockpit for clinical AI',
  icons: {
    // sizes on the .ico keeps browsers that understand SVG from preferring the bitmap.
    icon: [
      { url: '/favicon.ico', sizes: '32x32' },
      { url: '/icon.svg', type: 'image/svg+xml' },
    ],
  },
  manifest: '/manifest.webmanifest',
  // An internal tool: besides robots.txt forbidding crawling, ask that no page ever be indexed.
  robots: { index: false, follow: false },
}

// The accent colour (--color-accent in globals.css), as in the manifest's theme_color.
export const viewport: Viewport = { themeColor: '#0f766e' }

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  )
}
