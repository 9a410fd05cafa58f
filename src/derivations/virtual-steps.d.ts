/** The build-time module of compiled step expressions (src/integrations/compiled-steps.ts); typed where it is read. */
declare module 'virtual:derivable-steps' {
  const tables: Readonly<Record<string, unknown>>;
  export default tables;
}
