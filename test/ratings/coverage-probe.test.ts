import { bootstrapBradleyTerry, sandwichBradleyTerry } from '../../src/ratings';
import { createRandom, drawTrueRatings, simulateCells } from './simulate';

it('probe', () => {
  for (const seed of [1, 2, 3]) {
    const started = Date.now();
    const random = createRandom(seed);
    let boot = 0, sand = 0, pairs = 0, noMle = 0;
    for (let replicate = 0; replicate < 250; replicate += 1) {
      const truth = drawTrueRatings(random, 10, 100);
      const cells = simulateCells(random, { trueRatings: truth, games: 400, tieShare: 0.4 });
      const b = bootstrapBradleyTerry(cells, 10, { seed: replicate });
      const s = sandwichBradleyTerry(cells, 10, { fit: b.estimate });
      if (!b.estimate.mleExists) noMle++;
      truth.forEach((t, m) => {
        pairs++;
        const bi = b.intervals[m]!; const si = s.intervals[m]!;
        if (bi.lower <= t && t <= bi.upper) boot++;
        if (si.lower <= t && t <= si.upper) sand++;
      });
    }
    console.log(seed, pairs, (100 * boot / pairs).toFixed(2), (100 * sand / pairs).toFixed(2), noMle, Date.now() - started, 'ms');
  }
});
