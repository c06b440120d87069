import { fitBradleyTerry, sampleMultinomial } from '../../src/ratings';
import { checkMaximumLikelihoodExists } from '../../src/ratings/comparison-graph';
import { createRandom, drawTrueRatings, simulateCells } from './simulate';

it('probe', () => {
  const random = createRandom(5);
  const truth = drawTrueRatings(random, 10, 100);
  const cells = simulateCells(random, { trueRatings: truth, games: 400, tieShare: 0.4 });
  console.log('cells', cells.length);
  let t = performance.now();
  for (let i = 0; i < 1000; i++) sampleMultinomial(random, 400, cells.map((c) => c.count));
  console.log('multinomial ms', (performance.now() - t) / 1000);
  t = performance.now();
  let it = 0;
  for (let i = 0; i < 1000; i++) it += fitBradleyTerry(cells, 10).iterations;
  console.log('fit ms', (performance.now() - t) / 1000, it / 1000);
  const played = new Array(10).fill(true);
  t = performance.now();
  for (let i = 0; i < 1000; i++) checkMaximumLikelihoodExists(cells, 10, played);
  console.log('exists ms', (performance.now() - t) / 1000);
  const big = drawTrueRatings(random, 100, 200);
  const bigCells = simulateCells(random, { trueRatings: big, games: 100000, tieShare: 0.3 });
  t = performance.now();
  let f;
  for (let i = 0; i < 20; i++) f = fitBradleyTerry(bigCells, 100);
  console.log('big cells', bigCells.length, 'fit ms', (performance.now() - t) / 20, f!.iterations, f!.gradientNorm);
});
