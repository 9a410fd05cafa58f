/**
 * The only script a derivation page loads up front: it shows the practice
 * toggle and imports the editor (and through it KaTeX and the engine worker)
 * when the reader first asks for it, or at once if they were practising when
 * they left the page.
 */
export const storageKey = (slug: string) => `derivable:practice:${slug}`;

export function bootPractice(): void {
  const root = document.querySelector<HTMLElement>('[data-practice-root]');
  const button = root?.querySelector<HTMLButtonElement>('[data-practice-toggle]');
  const bar = root?.querySelector<HTMLElement>('[data-practice-bar]');
  if (!root || !button || !bar) return;
  bar.hidden = false;
  let mod: Promise<typeof import('./practice')> | undefined;
  const set = (on: boolean) => (mod ??= import('./practice')).then((m) => m.setPractice(root, on));
  button.addEventListener('click', () => void set(button.getAttribute('aria-pressed') !== 'true'));
  // A pointer over the button, a finger on it or keyboard focus: the reader is about to practise.
  // Start loading the editor and the engine now (a reading page that is only read loads neither).
  const intent = () => void (mod ??= import('./practice')).then((m) => m.prewarm());
  for (const type of ['pointerenter', 'pointerdown', 'focus'] as const)
    button.addEventListener(type, intent, { once: true, passive: true });
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey(root.dataset['slug'] ?? '')) ?? 'null') as { active?: unknown } | null;
    if (saved?.active === true) void set(true);
  } catch {
    // Unreadable storage: start in reading mode.
  }
}
