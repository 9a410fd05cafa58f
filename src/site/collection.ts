import { getCollection, type CollectionEntry } from 'astro:content';
import { TOPICS, type Topic } from './topics';
import { checkPrerequisites } from './prerequisites';

export type DerivationEntry = CollectionEntry<'derivations'>;

/**
 * All derivation pages, sorted by topic then order, with prerequisites
 * checked: a slug that names no page fails the build, naming the file.
 */
export async function getDerivationPages(): Promise<DerivationEntry[]> {
  const entries = await getCollection('derivations');
  checkPrerequisites(entries.map((e) => ({ id: e.id, file: e.filePath ?? e.id, prerequisites: e.data.prerequisites })));
  return entries.sort((a, b) => TOPICS.indexOf(a.data.topic) - TOPICS.indexOf(b.data.topic) || a.data.order - b.data.order);
}

export function groupByTopic(entries: readonly DerivationEntry[]): Array<[Topic, DerivationEntry[]]> {
  return TOPICS.map((t) => [t, entries.filter((e) => e.data.topic === t)] as [Topic, DerivationEntry[]]).filter(
    ([, list]) => list.length > 0,
  );
}
