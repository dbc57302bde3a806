import { describe, expect, it } from 'vitest'
import { dependencyProblem, dependencyProblemMessage, transitiveDependents, type DependencyEdge } from './dependencies'

// triage-api → ai-engine → gpu-pool; ehr-bridge → (nothing); imaging → gpu-pool
const edges: DependencyEdge[] = [
  { from: 'triage-api', to: 'ai-engine' },
  { from: 'ai-engine', to: 'gpu-pool' },
  { from: 'imaging', to: 'gpu-pool' },
]

describe('dependencyProblem', () => {
  it.each([
    ['a new service on existing ones', 'med-review', ['ai-engine', 'ehr-bridge'], null],
    ['a second path to the same service (a diamond is not a cycle)', 'imaging', ['gpu-pool', 'ai-engine'], null],
    ['no dependencies at all', 'ai-engine', [], null],
    ['the same dependency twice', 'med-review', ['ehr-bridge', 'ehr-bridge'], null],
    ['itself', 'ai-engine', ['ai-engine'], { kind: 'self' }],
    ['a direct loop', 'ai-engine', ['gpu-pool', 'triage-api'], { kind: 'cycle', path: ['ai-engine', 'triage-api', 'ai-engine'] }],
    ['a loop through two others', 'gpu-pool', ['triage-api'], { kind: 'cycle', path: ['gpu-pool', 'triage-api', 'ai-engine', 'gpu-pool'] }],
  ] as const)('%s', (_name, service, dependsOn, problem) => {
    expect(dependencyProblem(edges, service, dependsOn)).toEqual(problem)
  })

  it("replaces the service's own edges: dropping the edge that closed a loop makes the change fine", () => {
    const looped: DependencyEdge[] = [...edges, { from: 'gpu-pool', to: 'triage-api' }]
    // As stored, gpu-pool → triage-api → ai-engine → gpu-pool; editing gpu-pool to depend on nothing breaks it.
    expect(dependencyProblem(looped, 'gpu-pool', [])).toBeNull()
    expect(dependencyProblem(looped, 'gpu-pool', ['triage-api'])).toEqual({ kind: 'cycle', path: ['gpu-pool', 'triage-api', 'ai-engine', 'gpu-pool'] })
  })

  it('handles a long chain without recursion', () => {
    const chain: DependencyEdge[] = Array.from({ length: 5_000 }, (_, i) => ({ from: `s${i}`, to: `s${i + 1}` }))
    expect(dependencyProblem(chain, 's5000', ['s0'])).toMatchObject({ kind: 'cycle' })
    expect(dependencyProblem(chain, 'other', ['s0'])).toBeNull()
  })
})

describe('dependencyProblemMessage', () => {
  const names: Record<string, string> = { 'ai-engine': 'AI engine', 'triage-api': 'Triage API' }
  it.each([
    [{ kind: 'self' } as const, 'A service cannot depend on itself'],
    [{ kind: 'cycle', path: ['ai-engine', 'triage-api', 'ai-engine'] } as const, 'That would make a cycle: AI engine → Triage API → AI engine'],
  ])('%j → %s', (problem, message) => {
    expect(dependencyProblemMessage(problem, (id) => names[id] ?? id)).toBe(message)
  })
})

describe('transitiveDependents', () => {
  it.each([
    ['gpu-pool', ['ai-engine', 'imaging', 'triage-api']],
    ['ai-engine', ['triage-api']],
    ['triage-api', []],
    ['unknown', []],
  ])('%s is depended on by %j', (service, dependents) => {
    expect([...transitiveDependents(edges, service)].sort()).toEqual(dependents)
  })
})
