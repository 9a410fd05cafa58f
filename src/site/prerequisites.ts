/** Every prerequisite must name another existing page; errors name the file and the field. */
export function checkPrerequisites(pages: ReadonlyArray<{ id: string; file: string; prerequisites: readonly string[] }>): void {
  const ids = new Set(pages.map((p) => p.id));
  for (const p of pages) {
    for (const pre of p.prerequisites) {
      if (pre === p.id) throw new Error(`${p.file}: frontmatter field "prerequisites" lists the page itself`);
      if (!ids.has(pre)) {
        throw new Error(
          `${p.file}: frontmatter field "prerequisites" names "${pre}", which is not a derivation; known slugs: ${[...ids].sort().join(', ')}`,
        );
      }
    }
  }
}
