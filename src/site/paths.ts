/** Prefix a site-absolute path with the configured base (`DERIVABLE_BASE`). */
export function href(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return `${base}/${path.replace(/^\//, '')}`;
}
