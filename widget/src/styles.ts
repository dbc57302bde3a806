/**
 * The widget's styles, inside its shadow root: nothing leaks to the host page and the host's styles do not
 * reach in (`all: initial` on the host element resets inherited ones). Colours meet WCAG AA: body text
 * #1f2937 on white 14.7:1, the blue #1d4ed8 with white 6.7:1, muted #4b5563 on white 7.6:1, focus rings
 * #1e3a8a at 3 px (non-text ≥ 3:1). Sized in rem-free px so the host's root font size cannot break it;
 * the dialog fits a 320 px wide screen.
 */
export const CSS = `
:host{all:initial}
*{box-sizing:border-box}
.wr{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937}
.launch{position:fixed;right:16px;bottom:16px;z-index:2147483000;background:#1d4ed8;color:#fff;border:0;border-radius:999px;padding:10px 16px;font:600 14px/1 system-ui,sans-serif;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.25)}
.launch:hover{background:#1e40af}
button:focus-visible,input:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid #1e3a8a;outline-offset:2px}
.launch:focus-visible{outline-color:#111827}
dialog{border:1px solid #d1d5db;border-radius:10px;padding:0;width:min(440px,calc(100vw - 16px));max-height:calc(100vh - 16px);overflow:auto;color:#1f2937;background:#fff;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
dialog::backdrop{background:rgba(17,24,39,.45)}
.head{display:flex;align-items:center;gap:8px;padding:12px 14px;border-bottom:1px solid #e5e7eb}
.head h2{font-size:16px;margin:0;flex:1}
.body{padding:12px 14px}
.note{background:#fef3c7;color:#78350f;border:1px solid #f59e0b;border-radius:6px;padding:8px 10px;margin:0 0 12px;font-weight:600}
fieldset{border:0;margin:0 0 12px;padding:0;min-width:0}
legend,.label{font-weight:600;margin-bottom:4px;padding:0;display:block}
.choices{display:flex;flex-wrap:wrap;gap:6px 14px}
.choices label{display:inline-flex;align-items:center;gap:6px;cursor:pointer}
textarea{width:100%;min-height:110px;font:inherit;color:inherit;border:1px solid #6b7280;border-radius:6px;padding:8px;resize:vertical}
textarea[aria-invalid=true],fieldset[aria-invalid=true] .choices{outline:2px solid #b91c1c;outline-offset:2px}
.hint{color:#4b5563;font-size:13px;margin:4px 0 0}
.error{color:#b91c1c;font-size:13px;margin:4px 0 0}
.actions{display:flex;gap:8px;justify-content:flex-end;flex-wrap:wrap;margin-top:12px}
.btn{font:600 14px/1 system-ui,sans-serif;border-radius:6px;padding:9px 14px;cursor:pointer;border:1px solid #1d4ed8;background:#1d4ed8;color:#fff}
.btn.secondary{background:#fff;color:#1d4ed8}
.btn.link{border-color:transparent;background:transparent;color:#1d4ed8;padding:6px 8px;text-decoration:underline}
.btn[disabled]{opacity:.6;cursor:progress}
.status{margin:10px 0 0;min-height:1px}
.status:empty{display:none}
.status.ok{color:#065f46}
.status.warn{color:#78350f}
.status.bad{color:#b91c1c}
ul{list-style:none;margin:0;padding:0}
li{border-top:1px solid #e5e7eb;padding:8px 0}
li:first-child{border-top:0}
.row{display:flex;justify-content:space-between;gap:8px;font-weight:600}
.pill{font-size:12px;border:1px solid currentColor;border-radius:999px;padding:1px 8px;white-space:nowrap}
.excerpt{color:#4b5563;margin:2px 0 0;overflow-wrap:anywhere}
.shot{border:1px solid #d1d5db;border-radius:6px;padding:8px;margin:0 0 12px}
.thumb{display:block;max-width:100%;max-height:140px;margin:0 0 8px;border:1px solid #e5e7eb}
.check{display:inline-flex;align-items:center;gap:6px;font-weight:600;cursor:pointer}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`
