// Written by `npm run build:widget` (scripts/build-widget.ts) from public/widget.js: do not edit.
export const WIDGET_SRI = 'sha384-dQ8QX7slrg/fjSjZAUYZytaaXl8lr8ffP6/XFGywmj3aLxat+czYlcMDonmMSmzg'
export const WIDGET_BYTES = 15836
export const WIDGET_GZIP_BYTES = 6574
