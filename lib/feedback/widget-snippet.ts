/** The script tag a host app pastes into its pages (client-safe: the admin page builds it in the browser). */
import { WIDGET_SRI } from './widget-integrity'

export function widgetSnippet(wardroomOrigin: string, publicId: string, integrity: string = WIDGET_SRI): string {
  const base = wardroomOrigin.replace(/\/+$/, '')
  return `<script src="${base}/widget.js" data-site-key="${publicId}" integrity="${integrity}" crossorigin="anonymous" async></script>`
}
