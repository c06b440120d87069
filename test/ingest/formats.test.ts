import { findFormat, FORMATS, isFormatName } from '../../src/ingest/formats';
import { parseBytes, verdicts } from './ingest-helpers';

describe('FORMATS', () => {
  it('names every import format of the published projects', () => {
    expect(Object.keys(FORMATS)).toEqual(
      expect.arrayContaining([
        'alpaca-eval',
        'arena-battles',
        'arena-hard',
        'arena-hard-answers',
        'arena-hard-questions',
        'csv',
        'jsonl',
        'mt-bench',
        'transcript',
      ]),
    );
  });

  it('describes each format and each of its options', () => {
    for (const [name, format] of Object.entries(FORMATS)) {
      expect(format.description.length).toBeGreaterThan(20);
      expect(typeof format.parse).toBe('function');
      for (const option of format.options) {
        expect(option.name).toMatch(/^[a-z][A-Za-z]*$/);
        expect(option.description.length).toBeGreaterThan(5);
      }
      expect(isFormatName(name)).toBe(true);
    }
    expect(
      FORMATS.transcript.options
        .filter((option) => 'required' in option && option.required)
        .map((option) => option.name),
    ).toEqual(['modelA', 'modelB', 'judge']);
  });

  it('finds a format by a name typed by a user, and nothing for an unknown or inherited name', async () => {
    expect(findFormat('toString')).toBeUndefined();
    expect(findFormat('battles')).toBeUndefined();
    const format = findFormat('arena-battles')!;
    const [verdict] = verdicts(
      await parseBytes(format.parse, '{"model_a":"a","model_b":"b","winner":"tie"}', {}),
    );
    expect(verdict.outcome).toBe('A=B');
  });
});
