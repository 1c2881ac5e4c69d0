/** `3 apps`, `1 app`: a count with its noun (the window and the CLI alike). */
export function pluralize(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
