/**
 * Where the build leaves the verdicts of every derivation for the pages to
 * read. Kept apart from the engine so the Astro config can name it without
 * loading the engine (and mathjs) into the config loader.
 */
export const REPORT_FILE = '.astro/derivable-verification.json';
