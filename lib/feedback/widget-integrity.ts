// Written by `npm run build:widget` (scripts/build-widget.ts) from public/widget.js: do not edit.
export const WIDGET_SRI = 'sha384-6LlRcCVd8QIlrdwcFFQDUzHNzs95IXIuWV4wgvhf2Ry8oGfKEkhXUpJ8bz42WifM'
export const WIDGET_BYTES = 13487
export const WIDGET_GZIP_BYTES = 5684
