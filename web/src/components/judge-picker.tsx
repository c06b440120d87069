/**
 * The judges menu: a crowd of 124 annotators named `llmfao-crowd:0` … `llmfao-crowd:123` is one
 * group, not 124 lines among the LLMs. Judges are grouped by kind and by the name before a
 * trailing `:N`, sorted with numbers in number order (2 before 10), and a find box narrows the
 * list; judges already chosen stay listed whatever it says.
 */
import { useState } from 'preact/hooks';
import type { JudgeInfo } from '../api/types';
import { count, counted, excerpt } from '../format';
import { crowdPrefix } from '../judge-names';

const NATURAL = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export interface JudgeGroup {
  label: string;
  names: string[];
}

export function groupJudges(judges: JudgeInfo[]): JudgeGroup[] {
  const kindOf = new Map<string, string>();
  for (const judge of judges) if (!kindOf.has(judge.name)) kindOf.set(judge.name, judge.kind);
  const names = [...kindOf.keys()];
  const crowds = new Map<string, number>();
  for (const name of names) {
    const prefix = crowdPrefix(name);
    if (prefix !== null) crowds.set(prefix, (crowds.get(prefix) ?? 0) + 1);
  }
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const kind = kindOf.get(name) === 'HUMAN' ? 'Human' : 'LLM';
    const prefix = crowdPrefix(name);
    const label =
      prefix !== null && (crowds.get(prefix) ?? 0) > 1 ? `${kind} · ${prefix}` : `${kind} judges`;
    groups.set(label, [...(groups.get(label) ?? []), name]);
  }
  return [...groups.entries()]
    .map(([label, members]) => ({ label, names: members.sort(NATURAL.compare) }))
    .sort((a, b) => NATURAL.compare(a.label, b.label));
}

export function JudgePicker({
  judges,
  chosen,
  onChange,
}: {
  judges: JudgeInfo[];
  chosen: string[];
  onChange: (judges: string[]) => void;
}) {
  const [find, setFind] = useState('');
  const groups = groupJudges(judges);
  const total = groups.reduce((sum, group) => sum + group.names.length, 0);
  const wanted = (name: string) =>
    chosen.includes(name) || name.toLowerCase().includes(find.toLowerCase());
  const shown = groups
    .map((group) => ({ ...group, names: group.names.filter(wanted) }))
    .filter((group) => group.names.length > 0);
  const shownCount = shown.reduce((sum, group) => sum + group.names.length, 0);
  return (
    <div class="judge-picker">
      <label>
        Judges{' '}
        <input
          type="search"
          name="judge-find"
          placeholder="find a judge"
          value={find}
          aria-describedby="judge-find-result"
          onInput={(event) => setFind(event.currentTarget.value)}
        />
      </label>
      <select
        multiple
        size={Math.min(8, Math.max(3, shownCount + shown.length))}
        name="judge"
        aria-label="Judges (none chosen: all)"
        onChange={(event) =>
          onChange(Array.from(event.currentTarget.selectedOptions, (option) => option.value))
        }
      >
        {shown.map((group) => (
          <optgroup key={group.label} label={`${group.label} (${count(group.names.length)})`}>
            {group.names.map((name) => (
              <option key={name} value={name} selected={chosen.includes(name)}>
                {name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <p id="judge-find-result" class="hint" role="status">
        {find === ''
          ? `${counted(total, 'judge')} in ${counted(groups.length, 'group')}; ${chosen.length === 0 ? 'none chosen: all.' : `${count(chosen.length)} chosen.`}`
          : shownCount === 0
            ? `No judge has “${excerpt(find)}” in its name.`
            : `${count(shownCount)} of ${counted(total, 'judge')} shown.`}
      </p>
    </div>
  );
}
