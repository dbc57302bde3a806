/**
 * Import boundaries, checked by dependency-cruiser (`npm run lint:deps`, and test/architecture.test.ts).
 *
 * lib is layered; a layer may import the layers below it and never the ones above:
 *   kernel (lib/*.ts, lib/generated) < lib/phi < lib/auth < lib/http < the areas (every other lib/<dir>).
 * An area may import another area only where AREA_IMPORTS below allows it, so areas never form a loop.
 * Components: components/<area> imports lib and the shared kits (components/ui, components/charts), not other
 * component areas; components/shell may import anything in components. lib never imports scripts,
 * components or app. No module-level cycles anywhere.
 *
 * The boundaries are for shipped code: test files (*.test.ts[x]) may reach across areas and into app/ to set
 * up and observe (a route test in lib/flags calls the app route), except that lib never imports scripts.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file: require is its import */
const fs = require('node:fs')
const path = require('node:path')
/* eslint-enable @typescript-eslint/no-require-imports */

/** Which other areas an area may import (besides kernel, phi, auth and http, which every area may use). */
const AREA_IMPORTS = {
  // an incident pages along on-call policies and notifies channels
  incidents: ['oncall', 'notifications'],
  // the guarded SLO health check of a rollout; a rollback raises an incident; an experiment exposure
  // carries the analytics pseudonym of its targeting key (lib/analytics/pseudonym.ts)
  flags: ['slo', 'incidents', 'analytics'],
  // a burning error budget opens (and its recovery resolves) an incident on the SLO's service, paged along
  // the SLO's own escalation policy when it names one
  slo: ['incidents', 'oncall'],
  // a failing probe raises an incident and counts towards its service's availability SLI
  probes: ['incidents', 'slo'],
  // the service catalogue shows a service's incidents and SLOs, and knows ingest's default service
  services: ['incidents', 'slo'],
  // backups are written and restored with the admin area's SQL dump (lib/admin/backup.ts)
  backups: ['admin'],
  // a feedback reporter is pseudonymised with the analytics key (lib/analytics/pseudonym.ts); analytics
  // creates improvement tasks through jobs or app/, never by importing lib/feedback (no loop); a patient-safety
  // concern opens an incident and tells the safety officers through the notification outbox (safety-lane.ts)
  feedback: ['analytics', 'incidents', 'notifications'],
  // a roadmap item's evidence: linked feedback (and the clinician sees it planned / fixed), analytics
  // insights, competitor threats, the SLO debt of its service; its release gate reads the linked flag
  roadmap: ['feedback', 'analytics', 'competitors', 'slo', 'flags'],
  // composers on top: the scheduled jobs, the overview page's queries, the demo seed, the process runtime
  jobs: '*',
  overview: '*',
  seed: '*',
  runtime: '*',
}

const LAYERS = ['phi', 'auth', 'http']
const KERNEL = ['^lib/[^/]+$', '^lib/generated/']
const TESTS = '\\.test\\.tsx?$'

const libDirs = fs
  .readdirSync(path.join(__dirname, 'lib'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'generated')
  .map((d) => d.name)
const areas = libDirs.filter((d) => !LAYERS.includes(d))
const dir = (name) => `^lib/${name}/`

/** One rule per layer and area: it may import only what lies below it (and itself). */
function layerRule(name, from, allowed) {
  return {
    name: `lib-layers:${name}`,
    comment: `lib/${name} imports only ${allowed.length ? allowed.join(', ') : 'the kernel'} of lib (see the header of .dependency-cruiser.cjs)`,
    severity: 'error',
    from: { path: from, pathNot: TESTS },
    to: { path: '^lib/', pathNot: [...KERNEL, ...from, ...allowed.map(dir)] },
  }
}

const libRules = [
  layerRule('kernel', KERNEL, []),
  ...LAYERS.map((layer, i) => layerRule(layer, [dir(layer)], LAYERS.slice(0, i))),
  ...areas.map((area) => {
    const extra = AREA_IMPORTS[area] === '*' ? areas : (AREA_IMPORTS[area] ?? [])
    return layerRule(area, [dir(area)], [...LAYERS, ...extra.filter((a) => a !== area)])
  }),
]

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A module must not import, through any chain, a module that imports it.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...libRules,
    {
      name: 'lib-not-to-scripts',
      comment: 'lib must never import from scripts/ (scripts use lib, not the reverse).',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^scripts/' },
    },
    {
      name: 'lib-not-to-ui',
      comment: 'lib must not import components/ or app/.',
      severity: 'error',
      from: { path: '^lib/', pathNot: TESTS },
      to: { path: '^(components|app)/' },
    },
    {
      name: 'component-areas',
      comment:
        'components/<area> imports components/ui and components/charts (shared kits), not another component area; components/shell may import anything in components.',
      severity: 'error',
      from: { path: '^components/([^/]+)/', pathNot: ['^components/(shell|ui|charts)/', TESTS] },
      to: { path: '^components/([^/]+)/', pathNot: ['^components/$1/', '^components/ui/', '^components/charts/'] },
    },
    {
      name: 'shared-kits-stay-shared',
      comment: 'The shared kits components/ui and components/charts import no component area (only each other).',
      severity: 'error',
      from: { path: '^components/(ui|charts)/', pathNot: TESTS },
      to: { path: '^components/', pathNot: ['^components/ui/', '^components/charts/'] },
    },
    {
      name: 'charts-not-to-slo',
      comment: 'The shared chart kit knows nothing about SLOs: components/charts must not import lib/slo.',
      severity: 'error',
      from: { path: '^components/charts/' },
      to: { path: '^lib/slo/' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    // type-only imports couple areas too
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^lib/generated/', '^node_modules/', '^\\.next/'] },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
}
