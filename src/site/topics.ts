/** Topics the home page groups derivations by, in display order. */
export const TOPICS = ['linear-models', 'estimation', 'linear-algebra', 'probability', 'optimisation', 'deep-learning'] as const;
export type Topic = (typeof TOPICS)[number];

export const TOPIC_LABELS: Record<Topic, string> = {
  'linear-models': 'Linear models',
  estimation: 'Estimation',
  'linear-algebra': 'Linear algebra',
  probability: 'Probability',
  optimisation: 'Optimisation',
  'deep-learning': 'Deep learning',
};

/** Interview difficulty. */
export const LEVELS = ['warm-up', 'core', 'stretch'] as const;
export type Level = (typeof LEVELS)[number];
