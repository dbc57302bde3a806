// Written by `npm run build:widget` (scripts/build-widget.ts) from public/widget.js: do not edit.
export const WIDGET_SRI = 'sha384-ubQMdpF7linVmg1VtI25rpmThTbtxJRzAOjpvJCWdh35enbRzhRuLD5m+cFIrCZq'
export const WIDGET_BYTES = 13674
export const WIDGET_GZIP_BYTES = 5772
