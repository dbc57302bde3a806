// Written by `npm run build:widget` (scripts/build-widget.ts) from public/widget.js: do not edit.
export const WIDGET_SRI = 'sha384-VkKmIkrAEpBfRuttRLN6xiVdklVHmPayTWbO23j6Dc0C9k38hxOQiUlCKld6Jd1v'
export const WIDGET_BYTES = 13446
export const WIDGET_GZIP_BYTES = 5668
