// Written by `npm run build:widget` (scripts/build-widget.ts) from public/widget.js: do not edit.
export const WIDGET_SRI = 'sha384-rS82HZWONN4l8Fx9tVuvtKz8pwMZgiH/0U3rJMcaPvoxm5XPXjRzP+Nk6bErAtPv'
export const WIDGET_BYTES = 15766
export const WIDGET_GZIP_BYTES = 6557
