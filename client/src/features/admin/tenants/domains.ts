/** "amt.example, stadt.example" or one per line → ["amt.example", "stadt.example"]. */
export function parseDomains(input: string): string[] {
  const seen = new Set<string>();
  for (const part of input.split(/[\s,;]+/)) {
    const domain = part.trim().toLowerCase().replace(/^@/, '');
    if (domain !== '') seen.add(domain);
  }
  return [...seen];
}
