// Written by `npm run build:widget` (scripts/build-widget.ts) from public/widget.js: do not edit.
export const WIDGET_SRI = 'sha384-RzSwD2ZQURTKbeds59O4XGk/Nm1Ah1GLTXZmbRGY5lxjLNYGBUxPEtQdcLi2259j'
export const WIDGET_BYTES = 13571
export const WIDGET_GZIP_BYTES = 5723
