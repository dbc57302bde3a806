/**
 * Types for the parts of jStat (the `jstat` package, which ships none) that the code uses: a CommonJS module
 * whose export is the jStat object. Add a member here before using another jStat function.
 */
declare module 'jstat' {
  interface JStat {
    /** ln Γ(x) for x > 0. */
    gammaln(x: number): number
    /** The regularised lower incomplete gamma function P(a, x). */
    lowRegGamma(a: number, x: number): number
    normal: {
      cdf(x: number, mean: number, std: number): number
      inv(p: number, mean: number, std: number): number
    }
    chisquare: {
      cdf(x: number, dof: number): number
    }
  }
  const jStat: JStat
  export = jStat
}
