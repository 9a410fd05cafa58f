import { defineDerivation } from './define';
import {
  switchWinsAllButOne,
  switchWinsNDoors,
  switchWinsRandomHost,
  switchWinsStandard,
  switchWinsWithPreference,
} from './models/monty-hall';

/**
 * Monty Hall by Bayes' theorem. Notation: C_k is "the prize is behind door k",
 * H_j is "the host opens door j"; the player has picked door 1. Every
 * probability is exact rational arithmetic, and each main answer is checked
 * again against a seeded simulation of the game (src/derivations/models).
 */
const TRIALS = 100_000;
const CONFIDENCE = 0.999;

export default defineDerivation({
  slug: 'monty-hall',
  title: 'Monty Hall by Bayes’ theorem',
  variables: [
    // n is a door count (n ≥ 3), but it is declared a positive real: the
    // n-door lines are identities between rational functions of n, and integer
    // sampling would land on n = 1 or 2, where the Bayes lines are undefined
    // while their simplified forms are not.
    { name: 'n', assumptions: ['positive'] },
    { name: 'p', assumptions: ['nonnegative'] },
  ],
  domains: { p: '[0, 1]' },
  steps: [
    {
      id: 'evidence',
      expr: '1/3*1/2 + 1/3*1 + 1/3*0',
      tex: String.raw`\begin{aligned} P(H_3) &= \sum_{k=1}^{3} P(H_3 \mid C_k)\,P(C_k) \\ &= \tfrac13\cdot\tfrac12 + \tfrac13\cdot 1 + \tfrac13\cdot 0 \end{aligned}`,
      justification: { kind: 'definition' },
      move: 'Total probability over where the prize is',
      notes: String.raw`The three likelihoods are the whole problem: $\tfrac12$ (prize behind your door, the host has two goats to choose from), $1$ (prize behind door 2, door 3 is his only legal move), $0$ (he never opens the prize door). A candidate who writes them down unprompted has understood the game.`,
    },
    {
      id: 'evidence-value',
      expr: '1/2',
      tex: String.raw`P(H_3) = \tfrac12`,
      justification: { kind: 'probability' },
      move: 'Add the fractions',
      notes: String.raw`$\tfrac16 + \tfrac13 + 0 = \tfrac12$. Probe: “does $\tfrac12$ make sense?” (by symmetry the host opens door 2 or door 3 equally often once you have picked door 1). The slip is $P(H_3) = \tfrac23$, confusing “door 3 hides a goat” with “the host opens door 3”.`,
    },
    {
      id: 'posterior-stay',
      expr: '(1/3*1/2) / (1/3*1/2 + 1/3*1 + 1/3*0)',
      tex: String.raw`\begin{aligned} P(C_1 \mid H_3) &= \frac{P(H_3 \mid C_1)\,P(C_1)}{P(H_3)} \\ &= \frac{1/3\cdot1/2}{1/3\cdot1/2 + 1/3\cdot 1 + 1/3\cdot 0} \end{aligned}`,
      justification: { kind: 'definition' },
      from: 'evidence-value',
      move: 'Bayes’ theorem for staying',
      notes: String.raw`Listen for likelihood times prior of the hypothesis on top and the evidence just computed below. Probe: “which number here encodes the host’s rule?” ($P(H_3 \mid C_1) = \tfrac12$). The slip is Bayes written backwards: $P(C_1 \mid H_3)$ on the right, or dividing by $P(C_1)$.`,
    },
    {
      id: 'posterior-stay-value',
      expr: '1/3',
      tex: String.raw`P(C_1 \mid H_3) = \tfrac13`,
      justification: { kind: 'probability' },
      move: 'Simplify',
      notes: String.raw`Ask why door 3 in particular left the $\tfrac13$ unchanged. Good answer: the host’s fair coin. When the car is behind door 1 he opens door 3 with probability $\tfrac12$, and $\tfrac12$ is also the overall probability $P(H_3)$, so the ratio $P(H_3 \mid C_1)/P(H_3)$ that multiplies the prior is 1. “He can always open a goat door” is not enough: it only shows that seeing *some* goat says nothing; a host who prefers door 3 ($p \ne \tfrac12$) moves door 1 to $\frac{p}{1+p}$.`,
    },
    {
      id: 'posterior-switch',
      expr: '(1/3*1) / (1/3*1/2 + 1/3*1 + 1/3*0)',
      tex: String.raw`\begin{aligned} P(C_2 \mid H_3) &= \frac{P(H_3 \mid C_2)\,P(C_2)}{P(H_3)} \\ &= \frac{1/3\cdot 1}{1/3\cdot1/2 + 1/3\cdot 1 + 1/3\cdot 0} \end{aligned}`,
      justification: { kind: 'definition' },
      from: 'evidence-value',
      move: 'Bayes’ theorem for switching',
      notes: String.raw`Same evidence, likelihood 1 on top: with the prize behind door 2 the host was forced to open door 3. Probe: “why is $P(H_3 \mid C_2) = 1$?” The slip is using $\tfrac12$ here too; with the evidence kept at $\tfrac12$ the posteriors then sum to $\tfrac23$, which should prompt a recheck.`,
    },
    {
      id: 'posterior-switch-value',
      expr: '2/3',
      tex: String.raw`P(C_2 \mid H_3) = \tfrac23`,
      justification: { kind: 'probability' },
      move: 'Simplify',
      notes:
        'Check they also see that the two posteriors add to 1 ($C_3$ has posterior 0): a cheap consistency check they should do on their own.',
    },
    {
      id: 'posterior-switch-simulated',
      expr: '2/3',
      tex: String.raw`\begin{gathered} \widehat{P}(\text{switch wins} \mid H_3) \approx \tfrac23 \\ (10^5 \text{ games with door 3 opened}) \end{gathered}`,
      justification: { kind: 'simulation', trial: switchWinsStandard, trials: TRIALS, confidence: CONFIDENCE },
      move: 'Simulate the game and condition on the host opening door 3',
      notes: String.raw`If the candidate offers to simulate, ask how they would condition on the host opening door 3 (discard the other games). A simulation that never conditions still gives $\tfrac23$ here, by symmetry, but not in every variant (the preferring host).`,
    },
    {
      id: 'n-doors-bayes',
      expr: '(1/n * 1/(n-2)) / (1/n * 1/(n-1) + (n-2) * (1/n) * (1/(n-2)))',
      tex: String.raw`\begin{aligned} &P(C_j \mid H_n), \quad j \ne 1, n: \\ &\quad = \frac{1/n\cdot1/(n-2)}{1/n\cdot1/(n-1) + (n-2)\cdot1/n\cdot1/(n-2) + 1/n\cdot 0} \end{aligned}`,
      justification: { kind: 'definition' },
      move: 'Bayes’ theorem with $n$ doors; the host opens one goat door',
      notes: String.raw`Likelihoods: $\frac{1}{n-1}$ if the prize is behind door 1 (any of the $n - 1$ others), $\frac{1}{n-2}$ if it is behind another closed door $j$, $0$ if behind door $n$. The candidate must see that the $n - 2$ doors other than 1 and $n$ share the evidence.`,
    },
    {
      id: 'n-doors-switch',
      expr: '(n-1) / (n*(n-2))',
      tex: String.raw`P(C_j \mid H_n) = \frac{n-1}{n\,(n-2)}`,
      justification: { kind: 'equal' },
      move: 'Simplify',
      notes: String.raw`Compare with staying: $\frac1n$. Switching is still better, by the factor $\frac{n-1}{n-2}$, but only barely for large $n$; for $n = 3$ it gives $\tfrac23$ again.`,
    },
    {
      id: 'n-doors-simulated',
      expr: '3/8',
      tex: String.raw`n = 4:\quad \frac{n-1}{n(n-2)} = \tfrac38 \quad (\text{simulated})`,
      justification: { kind: 'simulation', trial: switchWinsNDoors(4), trials: TRIALS, confidence: CONFIDENCE },
      move: 'Simulate four doors',
      notes: String.raw`Ask what a simulation adds: it tests the model of the host, which the algebra takes for granted. With four doors each closed door you might switch to has $\tfrac38$, against $\tfrac14$ for staying. The slip is scoring “prize not behind door 1” ($\tfrac34$) as a switch win, forgetting you must pick one of two closed doors.`,
    },
    {
      id: 'all-but-one-bayes',
      expr: '(1/n * 1) / (1/n * 1/(n-1) + 1/n * 1)',
      tex: String.raw`\begin{aligned} &P(C_j \mid \text{only } j \text{ left closed}) \\ &\quad = \frac{1/n\cdot 1}{1/n\cdot1/(n-1) + 1/n\cdot 1} \end{aligned}`,
      justification: { kind: 'definition' },
      move: 'Bayes’ theorem when the host opens $n - 2$ doors',
      notes: String.raw`Only two hypotheses survive: prize behind door 1 (the host chose which door to keep closed, $\frac{1}{n-1}$) or behind door $j$ (he had to keep $j$ closed, probability 1).`,
    },
    {
      id: 'all-but-one-switch',
      expr: '(n-1) / n',
      tex: String.raw`P(C_j \mid \text{only } j \text{ left closed}) = \frac{n-1}{n}`,
      justification: { kind: 'equal' },
      move: 'Simplify',
      notes: String.raw`All the prior mass of the $n - 1$ other doors lands on the one door the host kept closed. Probe: “explain $n = 100$ to someone who doubts the three-door answer”, the intuition that usually convinces people. The slip is quoting $\frac{n-1}{n}$ for the game where only one door is opened.`,
    },
    {
      id: 'all-but-one-simulated',
      expr: '9/10',
      tex: String.raw`n = 10:\quad \frac{n-1}{n} = \tfrac{9}{10} \quad (\text{simulated})`,
      justification: { kind: 'simulation', trial: switchWinsAllButOne(10), trials: TRIALS, confidence: CONFIDENCE },
      move: 'Simulate ten doors',
      notes: String.raw`With ten doors switching should win $\tfrac{9}{10}$. Probe: “when your first pick is right, how does the simulated host choose which door to keep closed, and does it matter?” (uniformly; for switching it does not, since any door he keeps is a goat then). The slip is a simulated host who may open the prize door, which is the blind-host game.`,
    },
    {
      id: 'random-host-bayes',
      expr: '(1/3*1/2) / (1/3*1/2 + 1/3*1/2 + 1/3*0)',
      tex: String.raw`P(C_2 \mid H_3, G_3) = \frac{1/3\cdot1/2}{1/3\cdot1/2 + 1/3\cdot1/2 + 1/3\cdot 0}`,
      justification: { kind: 'definition' },
      move: 'Bayes’ theorem for a host who opens a door at random',
      notes: String.raw`The evidence is now "door 3 opened and showed a goat" ($G_3$). Its likelihood is $\tfrac12$ under $C_1$ and also $\tfrac12$ under $C_2$: the host did not look, so the opening tells us nothing beyond ruling out $C_3$.`,
    },
    {
      id: 'random-host-value',
      expr: '1/2',
      tex: String.raw`P(C_2 \mid H_3, G_3) = \tfrac12 = P(C_1 \mid H_3, G_3)`,
      justification: { kind: 'probability' },
      move: 'Simplify',
      notes: String.raw`Listen for “the two closed doors are now symmetric”: the opening carried information in the original game only because the host knew. Probe: “how often does the blind host reveal the prize?” ($\tfrac23 \cdot \tfrac12 = \tfrac13$ of games). The slip is still answering $\tfrac23$, the mistake this variant is built to catch.`,
    },
    {
      id: 'random-host-simulated',
      expr: '1/2',
      tex: String.raw`\begin{gathered} \widehat{P}(\text{switch wins} \mid H_3, G_3) \approx \tfrac12 \\ (\text{simulated}) \end{gathered}`,
      justification: { kind: 'simulation', trial: switchWinsRandomHost, trials: TRIALS, confidence: CONFIDENCE },
      move: 'Simulate, discarding games where the host reveals the prize',
      notes: String.raw`The conditioning is the point: discard the games in which the random door shows the prize, then score switching on the rest. Probe: “what if you keep those games?” (staying and switching each win $\tfrac13$ of all games, and a third end with the prize revealed). The slip is counting revealed-prize games as wins for switching.`,
    },
    {
      id: 'preference-bayes',
      expr: '(1/3*1) / (1/3*p + 1/3*1 + 1/3*0)',
      tex: String.raw`\begin{gathered} p = P(H_3 \mid C_1): \\ P(C_2 \mid H_3) = \frac{1/3\cdot 1}{1/3\cdot p + 1/3\cdot 1 + 1/3\cdot 0} \end{gathered}`,
      justification: { kind: 'definition' },
      move: 'Bayes’ theorem for a host who prefers door 3',
      notes: String.raw`Only $P(H_3 \mid C_1)$ changes, from $\tfrac12$ to $p$; the other likelihoods stay 1 and 0 because there the host’s hand is forced. Probe: “what is $P(H_3)$ now?” ($\frac{1+p}{3}$). The slip is changing the prior, or putting $p$ into $P(H_3 \mid C_2)$.`,
    },
    {
      id: 'preference-switch',
      expr: '1 / (1 + p)',
      tex: String.raw`P(C_2 \mid H_3) = \frac{1}{1+p}`,
      justification: { kind: 'equal' },
      move: String.raw`Cancel the $\tfrac13$`,
      notes: String.raw`Ask for the range: from $\tfrac12$ ($p = 1$, door 3 tells you nothing) to $1$ ($p = 0$, door 3 opened means he was forced). Switching never hurts, since $\frac{1}{1+p} \ge \tfrac12 \ge \frac{p}{1+p}$.`,
    },
    {
      id: 'preference-simulated',
      expr: '4/5',
      tex: String.raw`p = \tfrac14:\quad \frac{1}{1+p} = \tfrac45 \quad (\text{simulated})`,
      justification: { kind: 'simulation', trial: switchWinsWithPreference(1 / 4), trials: TRIALS, confidence: CONFIDENCE },
      move: String.raw`Simulate a host with $p = \tfrac14$`,
      notes: String.raw`With $p = \tfrac14$ the host seldom opens door 3 by choice, so door 3 open is strong evidence he was forced: $\tfrac45$. Probe: “and given door 2 opened?” ($\frac{1}{2 - p} = \tfrac47$). The slip is a simulation that does not condition on door 3 and reports $\tfrac23$, which hides the effect.`,
    },
  ],
  mistakes: [
    {
      id: 'two-doors-so-half',
      from: 'posterior-switch',
      expr: '1/2',
      tex: String.raw`P(C_2 \mid H_3) \overset{?}{=} \tfrac12`,
      relation: { kind: 'probability' },
      explanation:
        'Two closed doors are not two equally likely doors. The host’s choice depends on where the prize is, so his opening door 3 is evidence: it is twice as likely under $C_2$ (he had no choice) as under $C_1$ (he flipped a coin).',
    },
    {
      id: 'host-always-opens-three',
      from: 'posterior-switch',
      expr: '(1/3*1) / (1/3*1 + 1/3*1 + 1/3*0)',
      tex: String.raw`P(C_2 \mid H_3) \overset{?}{=} \frac{1/3\cdot 1}{1/3\cdot 1 + 1/3\cdot 1 + 1/3\cdot 0}`,
      relation: { kind: 'probability' },
      explanation: String.raw`This sets $P(H_3 \mid C_1) = 1$, as if the host always opened door 3 when he had a choice. With a fair coin that likelihood is $\tfrac12$; the formula with likelihood 1 is the preferring host with $p = 1$, whose answer really is $\tfrac12$.`,
    },
    {
      id: 'random-host-still-two-thirds',
      from: 'random-host-bayes',
      expr: '2/3',
      tex: String.raw`P(C_2 \mid H_3, G_3) \overset{?}{=} \tfrac23`,
      relation: { kind: 'probability' },
      explanation: String.raw`The $\tfrac23$ comes from the host’s knowledge, not from the goat. A host who opens a door blindly and happens to show a goat is equally likely to do so under $C_1$ and $C_2$, so the two remaining doors end up even.`,
    },
    {
      id: 'n-doors-confused-with-all-but-one',
      from: 'n-doors-bayes',
      expr: '(n-1)/n',
      tex: String.raw`P(C_j \mid H_n) \overset{?}{=} \frac{n-1}{n}`,
      relation: { kind: 'equal' },
      explanation: String.raw`The missing $\frac{n-1}{n}$ is spread over all $n - 2$ closed doors you could switch to, not concentrated on one. Switching wins $\frac{n-1}{n}$ only when the host opens every door but one.`,
    },
  ],
  // The presenter shows each plot as a slide where the page places it.
  slides: [{ after: 'n-doors-simulated', plot: 'monty-hall-games' }],
  rubric: {
    strong: [
      String.raw`Names the events before computing anything: $C_k$ for "the prize is behind door $k$", $H_j$ for "the host opens door $j$".`,
      String.raw`States the host’s rule as likelihoods $\tfrac12, 1, 0$ and says where each comes from.`,
      String.raw`Computes the evidence $P(H_3) = \tfrac12$ and the posteriors $\tfrac13$ and $\tfrac23$, and checks they sum to 1.`,
      String.raw`Explains why staying keeps its prior after door 3 in particular: the host’s fair coin makes $P(H_3 \mid C_1) = \tfrac12 = P(H_3)$, so the likelihood ratio is 1; with a preference $p \ne \tfrac12$ door 1 would move to $\frac{p}{1+p}$.`,
      String.raw`Changes the likelihoods, not the prior, for each variant: $\tfrac12$ for the blind host, $p$ for a preferring host, $\frac{1}{n-1}$ and $\frac{1}{n-2}$ for $n$ doors.`,
    ],
    mistakes: [
      String.raw`Answers $\tfrac23$ from memory and cannot set up the Bayes computation.`,
      String.raw`Forgets the $\tfrac12$ in $P(H_3 \mid C_1)$ and gets $\tfrac12$ for switching.`,
      'Conditions on "a goat was revealed" rather than on "door 3 was opened", which hides the role of the host’s rule.',
      String.raw`Claims $\frac{n-1}{n}$ for the $n$-door game with one door opened.`,
    ],
    redFlags: [
      String.raw`Insists on $\tfrac12$ because "two doors are left" even after being walked through the likelihoods.`,
      String.raw`Says the answer is $\tfrac23$ whatever the host does, including a host who opens a door at random.`,
      'Cannot say what prior, likelihood and evidence are in this problem.',
    ],
  },
  followUps: [
    String.raw`The host opens a door at random and it happens to hide a goat. Should you switch now? Sketch: it does not matter; both doors have $\tfrac12$, because the blind host's opening is equally likely under $C_1$ and $C_2$.`,
    String.raw`The host, when he has a choice, opens door 3 with probability $p$. What is the probability that switching wins given he opened door 3? Given he opened door 2? Sketch: $\frac{1}{1+p}$ and, by the same computation with $1 - p$ in place of $p$, $\frac{1}{2-p}$. Averaged over what he does, switching still wins $\tfrac23$.`,
    String.raw`With $n$ doors and one goat door opened, what does switching win? What if he opens all doors but one? Sketch: $\frac{n-1}{n(n-2)}$ for each door you could switch to, against $\frac1n$ for staying; $\frac{n-1}{n}$ when all but one are opened.`,
    String.raw`Write a simulation of the game. How do you condition on the host opening door 3, and how many games do you need to tell $\tfrac23$ from $\tfrac12$ with confidence? Sketch: discard the games where he opens another door. The two values are $\tfrac16$ apart, so the interval's half-width must be below $\tfrac1{12}$: a few hundred kept games at 99.9% confidence. $10^5$ kept games pin the answer to about $\pm 0.005$.`,
    'Does the answer change if the host opens a door before you pick? What if the host offers a switch only when your first pick is right? Sketch: a door opened before you pick is just a smaller game, two doors at one half each. A host who offers the switch only when you are right makes switching always lose: the answer depends on the host’s strategy, which is why the rules must be stated first.',
  ],
});
