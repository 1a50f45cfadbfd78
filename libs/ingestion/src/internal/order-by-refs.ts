import type { ElementDraft } from './draft.types';

/** STIX ids a draft needs resolved before it can be written (its refs and its two ends). */
export function dependenciesOf(draft: ElementDraft): string[] {
  const ids: string[] = [];
  for (const targets of Object.values(draft.refs)) {
    ids.push(...targets);
  }
  if (draft.fromStixId) {
    ids.push(draft.fromStixId);
  }
  if (draft.toStixId) {
    ids.push(draft.toStixId);
  }
  return ids;
}

/**
 * Orders drafts so that every referenced object of the same input comes before its referrers
 * (Kahn's algorithm, stable on input order). Drafts caught in a reference cycle keep their input
 * order at the end; the pipeline then treats their unresolved refs like any missing reference.
 */
export function orderByRefs(drafts: readonly ElementDraft[]): ElementDraft[] {
  const byId = new Map<string | number, number[]>();
  const push = (map: Map<string | number, number[]>, key: string | number, value: number) => {
    const list = map.get(key);
    if (list) {
      list.push(value);
    } else {
      map.set(key, [value]);
    }
  };
  drafts.forEach((draft, i) => push(byId, draft.stixId, i));
  const pending = new Array<number>(drafts.length).fill(0);
  const dependents = new Map<string | number, number[]>();
  drafts.forEach((draft, i) => {
    for (const dep of new Set(dependenciesOf(draft))) {
      for (const j of byId.get(dep) ?? []) {
        if (j !== i) {
          pending[i] = (pending[i] ?? 0) + 1;
          push(dependents, j, i);
        }
      }
    }
  });
  const ordered: ElementDraft[] = [];
  const done = new Array<boolean>(drafts.length).fill(false);
  let ready = drafts.map((_, i) => i).filter((i) => pending[i] === 0);
  while (ready.length > 0) {
    const next: number[] = [];
    for (const i of ready) {
      done[i] = true;
      ordered.push(drafts[i] as ElementDraft);
      for (const k of dependents.get(i) ?? []) {
        pending[k] = (pending[k] ?? 0) - 1;
        if (pending[k] === 0) {
          next.push(k);
        }
      }
    }
    ready = next.sort((a, b) => a - b);
  }
  drafts.forEach((draft, i) => {
    if (!done[i]) {
      ordered.push(draft);
    }
  });
  return ordered;
}

/** Splits a batch into waves: a draft comes after every draft of the batch it references. */
export function batchWaves(drafts: readonly ElementDraft[]): ElementDraft[][] {
  const level = new Map<string, number>();
  const out: ElementDraft[][] = [];
  for (const draft of drafts) {
    let l = 0;
    for (const dep of dependenciesOf(draft)) {
      const depLevel = level.get(dep);
      if (depLevel !== undefined && dep !== draft.stixId) {
        l = Math.max(l, depLevel + 1);
      }
    }
    level.set(draft.stixId, Math.max(l, level.get(draft.stixId) ?? 0));
    (out[l] ??= []).push(draft);
  }
  return out.filter((w) => w !== undefined);
}
