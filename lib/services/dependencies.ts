/**
 * The service dependency graph, pure: an edge `{ from, to }` says that `from` depends on `to`. The graph
 * stays acyclic — a service that (through others) depends on itself would make "what is affected when X
 * fails" loop forever and says nothing true about the system — so every change of a service's
 * dependencies is checked here first (commands.ts), with the cycle it would close spelled out.
 */

export interface DependencyEdge {
  /** The service that depends… */
  from: string
  /** …on this one. */
  to: string
}

export type DependencyProblem = { kind: 'self' } | { kind: 'cycle'; path: readonly string[] }

/** Adjacency lists, with `serviceId`'s own edges replaced by `dependsOn`. */
function graphWith(edges: readonly DependencyEdge[], serviceId: string, dependsOn: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  const add = (from: string, to: string) => graph.set(from, [...(graph.get(from) ?? []), to])
  for (const e of edges) if (e.from !== serviceId) add(e.from, e.to)
  for (const to of new Set(dependsOn)) add(serviceId, to)
  return graph
}

/**
 * Whether giving `serviceId` exactly the dependencies `dependsOn` keeps the graph acyclic. A problem names
 * the self-dependency, or the first cycle found as a path that starts and ends at `serviceId`
 * (`[a, b, c, a]`: a depends on b, b on c, c on a). Depth-first, each service visited once: O(V + E).
 */
export function dependencyProblem(edges: readonly DependencyEdge[], serviceId: string, dependsOn: readonly string[]): DependencyProblem | null {
  if (dependsOn.includes(serviceId)) return { kind: 'self' }
  const graph = graphWith(edges, serviceId, dependsOn)
  // Iterative, so a long chain cannot overflow the stack; parent links rebuild the path only when found.
  const parent = new Map<string, string>()
  const stack: { node: string; from: string }[] = [...new Set(dependsOn)].reverse().map((d) => ({ node: d, from: serviceId }))
  while (stack.length > 0) {
    const { node, from } = stack.pop()!
    if (node === serviceId) {
      const path = [serviceId]
      for (let at: string | undefined = from; at !== undefined && at !== serviceId; at = parent.get(at)) path.unshift(at)
      return { kind: 'cycle', path: [serviceId, ...path] }
    }
    if (parent.has(node)) continue
    parent.set(node, from)
    for (const next of [...(graph.get(node) ?? [])].reverse()) stack.push({ node: next, from: node })
  }
  return null
}

/** The problem in words, naming services by `name` (their names or keys). */
export function dependencyProblemMessage(problem: DependencyProblem, name: (id: string) => string): string {
  if (problem.kind === 'self') return 'A service cannot depend on itself'
  return `That would make a cycle: ${problem.path.map(name).join(' → ')}`
}

/** Every service that depends on `serviceId`, directly or through others (what its failure can affect). */
export function transitiveDependents(edges: readonly DependencyEdge[], serviceId: string): Set<string> {
  const reverse = new Map<string, string[]>()
  for (const e of edges) reverse.set(e.to, [...(reverse.get(e.to) ?? []), e.from])
  const out = new Set<string>()
  const todo = [serviceId]
  while (todo.length > 0) {
    for (const from of reverse.get(todo.pop()!) ?? []) {
      if (from !== serviceId && !out.has(from)) {
        out.add(from)
        todo.push(from)
      }
    }
  }
  return out
}
