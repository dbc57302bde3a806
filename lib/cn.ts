/**
 * Joins class names, dropping falsy ones. No merging: when a caller's class conflicts with a component's,
 * the stylesheet order decides, so components take `className` for layout (margins, width), not colour.
 */
export function cn(...classes: Array<string | false | null | undefined>): string {
  return classes.filter(Boolean).join(' ')
}
