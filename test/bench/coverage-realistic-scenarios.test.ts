import {
  chosenScenarios,
  mergeRows,
  type Row,
  type Scenario,
} from '../../bench/coverage-realistic';

const design = (name: string, spread: number): Scenario => ({
  name,
  models: 10,
  battles: 600,
  spread,
  promptEffect: 0,
  verdictsPerPrompt: [1, 1],
  paretoShape: null,
  newcomerBattles: 0,
  replicates: 2,
});
const SCENARIOS = [design('uniform', 100), design('pareto', 100), design('pareto', 250)];

const row = (scenario: string, spread: number, coverage: number): Row => ({
  scenario,
  models: 10,
  battles: 600,
  spread,
  replicates: 2,
  replicatesWithoutMle: 0,
  method: 'sandwich CR3',
  coverage,
  bands: [],
  meanWidth: 1,
});

describe('coverage-realistic --scenario', () => {
  it('runs every scenario when none is named, and every design of a named one', () => {
    expect(chosenScenarios([], SCENARIOS)).toBe(SCENARIOS);
    expect(chosenScenarios(['--scenario', 'pareto'], SCENARIOS)).toEqual(SCENARIOS.slice(1));
  });

  it('takes comma lists and repeated options', () => {
    const chosen = (argv: string[]) => chosenScenarios(argv, SCENARIOS).map((s) => s.spread);
    expect(chosen(['--scenario', 'uniform,pareto'])).toEqual([100, 100, 250]);
    expect(chosen(['--scenario', 'pareto', '--scenario', 'uniform'])).toEqual([100, 100, 250]);
  });

  it('names an unknown scenario and the known ones, and refuses a missing name', () => {
    expect(() => chosenScenarios(['--scenario', 'adaptiv'], SCENARIOS)).toThrow(
      '--scenario: no scenario named adaptiv (known: uniform, pareto)',
    );
    expect(() => chosenScenarios(['--scenario'], SCENARIOS)).toThrow('expected a name');
  });

  it('replaces only the rerun design’s rows and keeps the table in scenario order', () => {
    const earlier = [row('uniform', 100, 95), row('pareto', 100, 94), row('pareto', 250, 96)];
    const merged = mergeRows(earlier, [row('pareto', 100, 93)], SCENARIOS);
    expect(merged.map((r) => [r.scenario, r.spread, r.coverage])).toEqual([
      ['uniform', 100, 95],
      ['pareto', 100, 93],
      ['pareto', 250, 96],
    ]);
  });

  it('drops rows of designs no longer defined', () => {
    const merged = mergeRows([row('gone', 100, 90)], [row('uniform', 100, 95)], SCENARIOS);
    expect(merged.map((r) => r.scenario)).toEqual(['uniform']);
  });
});
