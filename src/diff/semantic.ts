/**
 * The semantic diff of two rule sets: what a reviewer needs to know, in their words.
 * Documents are matched by kind + name, rows and replenishment rules by `id`, roles by name;
 * every change is one item with a dotted path, a one-line summary and plain before/after values,
 * so the result is stable and serialises to JSON as is. Unchanged documents are left out.
 */
import type { RuleSet, RuleTestDocument } from '../ruleset/types.js';
import { DOCUMENT_KINDS, type DocumentKind } from '../kinds/registry.js';
import { OP_TEXT, type ConditionNode, type LeafNode, leavesOf } from '../language/condition.js';
import type { CompiledCondition } from '../compile/evaluate.js';
import { DEFAULT_TRACK, type ApprovalMatrix, type ApprovalRow, type ApprovalStep, type Hold, type RowOutcome } from '../kinds/approval/matrix.js';
import type { Delegation, Role } from '../kinds/directory/directory.js';
import type { EscalationPolicy, EscalationStep } from '../kinds/escalation/escalation.js';
import { WEEKDAYS, type Calendar, type Interval } from '../kinds/calendar/calendar.js';
import type { AllocationPolicy, PriorityKey } from '../kinds/allocation/policy.js';
import type { ReplenishmentMethod, ReplenishmentPolicy, ReplenishmentRule } from '../kinds/replenishment/policy.js';

// ─── Result types ───────────────────────────────────────────────────────────────────────────

export type ChangeType = 'added' | 'removed' | 'changed' | 'moved';
export type DocumentChange = 'added' | 'removed' | 'changed';

/** What an item is about, for counting ("2 rows changed"): items of one entity count once. */
export type EntityType = 'setting' | 'row' | 'role' | 'delegation' | 'escalation step' | 'working day' | 'holiday' | 'priority key' | 'rule' | 'test case';

export interface Change {
  /** Where in the document, e.g. `rows.large-order.when`; segments holding dots are bracketed. */
  path: string;
  /** One human line, e.g. `row large-order: order.amount_total ≥ 50,000 → ≥ 40,000`. */
  summary: string;
  change: ChangeType;
  entity: { type: EntityType; id: string };
  before?: unknown;
  after?: unknown;
}

export interface DocumentDiff {
  kind: DocumentKind;
  name: string;
  change: DocumentChange;
  /** For an added or removed document: what it holds (or held). */
  items: Change[];
}

export interface TallyEntry {
  /** Singular noun: `row`, `role`, … or a kind for whole documents added or removed. */
  entity: EntityType | DocumentKind;
  change: ChangeType;
  count: number;
}

export interface RuleSetDiff {
  base: { revision: string };
  head: { revision: string };
  documents: DocumentDiff[];
  /** Counts behind the one-line summary; entities of added/removed documents count as the document. */
  tally: TallyEntry[];
}

// ─── Entry point ────────────────────────────────────────────────────────────────────────────

export function diffRuleSets(base: RuleSet, head: RuleSet): RuleSetDiff {
  const documents: DocumentDiff[] = [];
  const add = <T>(kind: DocumentKind, b: Map<string, T>, h: Map<string, T>, diff: (b: T, h: T) => Change[], describe: (d: T, change: 'added' | 'removed') => Change[]): void => {
    for (const name of sortedUnion(b.keys(), h.keys())) {
      const bd = b.get(name);
      const hd = h.get(name);
      if (bd === undefined && hd !== undefined) documents.push({ kind, name, change: 'added', items: describe(hd, 'added').map(clean) });
      else if (bd !== undefined && hd === undefined) documents.push({ kind, name, change: 'removed', items: describe(bd, 'removed').map(clean) });
      else if (bd !== undefined && hd !== undefined) {
        const items = diff(bd, hd).map(clean);
        if (items.length) documents.push({ kind, name, change: 'changed', items });
      }
    }
  };
  add('ApprovalMatrix', base.matrices, head.matrices, diffMatrix, describeMatrix);
  add('Directory', directoryDocs(base), directoryDocs(head), (b, h) => diffDirectoryDoc(b, h, base, head), describeDirectoryDoc);
  add('EscalationPolicy', base.escalations, head.escalations, diffEscalation, describeEscalation);
  add('Calendar', base.calendars, head.calendars, diffCalendar, describeCalendar);
  add('AllocationPolicy', base.allocations, head.allocations, diffAllocation, describeAllocation);
  add('ReplenishmentPolicy', base.replenishments, head.replenishments, diffReplenishment, describeReplenishment);
  add('RuleTest', byName(base.tests), byName(head.tests), diffRuleTest, describeRuleTest);
  const order = (k: DocumentKind): number => DOCUMENT_KINDS.indexOf(k);
  documents.sort((a, b) => order(a.kind) - order(b.kind) || cmp(a.name, b.name));
  return { base: { revision: base.revision }, head: { revision: head.revision }, documents, tally: tallyOf(documents) };
}

/** No `undefined` values: what JSON.stringify would drop is not there to begin with. */
function clean(c: Change): Change {
  const { before, after, ...rest } = c;
  return { ...rest, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) };
}

const CHANGE_ORDER: readonly ChangeType[] = ['added', 'removed', 'changed', 'moved'];
const ENTITY_ORDER: readonly EntityType[] = ['row', 'rule', 'role', 'delegation', 'escalation step', 'working day', 'holiday', 'priority key', 'setting', 'test case'];

function tallyOf(documents: DocumentDiff[]): TallyEntry[] {
  const counts = new Map<string, number>();
  const bump = (entity: string, change: ChangeType): void => {
    const k = `${entity}\0${change}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  };
  for (const d of documents) {
    if (d.change !== 'changed') {
      bump(d.kind, d.change);
      continue;
    }
    // One change per entity: added or removed wins, then changed, and a pure move stays `moved`.
    const perEntity = new Map<string, { type: EntityType; change: ChangeType }>();
    for (const item of d.items) {
      const k = `${item.entity.type}\0${item.entity.id}`;
      const prior = perEntity.get(k);
      if (!prior || CHANGE_ORDER.indexOf(item.change) < CHANGE_ORDER.indexOf(prior.change)) perEntity.set(k, { type: item.entity.type, change: item.change });
    }
    for (const e of perEntity.values()) bump(e.type, e.change);
  }
  const out: TallyEntry[] = [];
  for (const entity of [...DOCUMENT_KINDS, ...ENTITY_ORDER]) {
    for (const change of CHANGE_ORDER) {
      const count = counts.get(`${entity}\0${change}`);
      if (count) out.push({ entity, change, count });
    }
  }
  return out;
}

const PLURAL: Record<string, [string, string]> = {
  ApprovalMatrix: ['approval matrix', 'approval matrices'],
  Directory: ['directory', 'directories'],
  EscalationPolicy: ['escalation policy', 'escalation policies'],
  Calendar: ['calendar', 'calendars'],
  AllocationPolicy: ['allocation policy', 'allocation policies'],
  ReplenishmentPolicy: ['replenishment policy', 'replenishment policies'],
  RuleTest: ['rule test', 'rule tests'],
};

export function countNoun(n: number, noun: string): string {
  const [one, many] = PLURAL[noun] ?? [noun, `${noun}s`];
  return `${n} ${n === 1 ? one : many}`;
}

/** The one-line summary: `3 documents changed: 2 rows changed, 1 role added`. */
export function summarizeDiff(diff: RuleSetDiff): string {
  if (diff.documents.length === 0) return 'No rule changes.';
  const parts = diff.tally.map((t) => `${countNoun(t.count, t.entity)} ${t.change}`);
  return `${countNoun(diff.documents.length, 'document')} changed: ${parts.join(', ')}`;
}

// ─── Shared helpers ─────────────────────────────────────────────────────────────────────────

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedUnion(a: Iterable<string>, b: Iterable<string>): string[] {
  return [...new Set([...a, ...b])].sort(cmp);
}

function byName<T extends { name: string }>(list: readonly T[]): Map<string, T> {
  const m = new Map<string, T>();
  for (const t of list) if (!m.has(t.name)) m.set(t.name, t);
  return m;
}

function byId<T extends { id: string }>(list: readonly T[]): Map<string, T> {
  const m = new Map<string, T>();
  for (const t of list) if (!m.has(t.id)) m.set(t.id, t);
  return m;
}

/** `rows.large-order.when`; a segment that is not a plain name is bracketed: `delegations["k.mulder"]`. */
export function changePath(...segments: (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Deep equality of plain data; mapping key order does not matter (YAML authors reorder keys freely). */
function same(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([x], [y]) => cmp(x, y));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 10 });
const BARE = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const RESERVED = new Set(['true', 'false', 'null', 'none', 'and', 'or', 'not']);

/** A value as people read it: 50,000; gold; "Key Account"; "5000" (a string that looks like a number stays quoted). */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return 'none';
  if (typeof v === 'number') return NUMBER.format(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return BARE.test(v) && !RESERVED.has(v) ? v : JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  return JSON.stringify(v);
}

function orNone(v: string | undefined): string {
  return v ?? 'none';
}

/** Match two lists: each key function in turn pairs what is left, first come first served. */
function pairUp<T>(before: readonly T[], after: readonly T[], keys: ((t: T, i: number, list: readonly T[]) => string)[]): { pairs: [T, T][]; removed: T[]; added: T[] } {
  const freeB = new Set(before.keys());
  const freeA = new Set(after.keys());
  const matched: [number, number][] = [];
  for (const key of keys) {
    const bKeys = before.map((t, i) => key(t, i, before));
    for (const ai of [...freeA]) {
      const k = key(after[ai]!, ai, after);
      const bi = [...freeB].find((i) => bKeys[i] === k);
      if (bi === undefined) continue;
      freeB.delete(bi);
      freeA.delete(ai);
      matched.push([bi, ai]);
    }
  }
  matched.sort((x, y) => x[1] - y[1]);
  return {
    pairs: matched.map(([bi, ai]) => [before[bi]!, after[ai]!]),
    removed: [...freeB].sort((x, y) => x - y).map((i) => before[i]!),
    added: [...freeA].sort((x, y) => x - y).map((i) => after[i]!),
  };
}

/** Items present in both lists whose relative order changed: those off a longest common subsequence. */
export function movedIds(before: readonly string[], after: readonly string[]): Set<string> {
  const inA = new Set(after);
  const inB = new Set(before);
  const b = before.filter((id) => inA.has(id));
  const a = after.filter((id) => inB.has(id));
  const n = b.length;
  const m = a.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = b[i] === a[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const kept = new Set<string>();
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (b[i] === a[j]) {
      kept.add(b[i]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++;
    else j++;
  }
  return new Set(a.filter((id) => !kept.has(id)));
}

// ─── Conditions ─────────────────────────────────────────────────────────────────────────────

function operandText(leaf: LeafNode): string {
  if (leaf.op === 'exists') return leaf.value === false ? 'does not exist' : 'exists';
  if (leaf.op === 'between' && Array.isArray(leaf.value)) return `between ${formatValue(leaf.value[0])} and ${formatValue(leaf.value[1])}`;
  return `${OP_TEXT[leaf.op]} ${formatValue(leaf.value)}`;
}

function leafText(leaf: LeafNode): string {
  return `${leaf.fact} ${operandText(leaf)}`;
}

/** Human form of a condition, numbers with thousands separators: `order.amount_total ≥ 50,000 and customer.tier in [gold, platinum]`. */
export function conditionLabel(node: ConditionNode): string {
  switch (node.type) {
    case 'always':
      return 'always';
    case 'leaf':
      return leafText(node);
    case 'not':
      return `not (${conditionLabel(node.item)})`;
    default: {
      if (node.items.length === 0) return 'always';
      if (node.items.length === 1) return conditionLabel(node.items[0]!);
      return node.items.map((i) => (i.type === 'all' || i.type === 'any' ? `(${conditionLabel(i)})` : conditionLabel(i))).join(node.type === 'all' ? ' and ' : ' or ');
    }
  }
}

/** A condition without source positions, for comparing. */
function canon(node: ConditionNode): unknown {
  switch (node.type) {
    case 'always':
      return 'always';
    case 'leaf':
      return [node.fact, node.op, node.value];
    case 'not':
      return { not: canon(node.item) };
    default:
      return { [node.type]: node.items.map(canon) };
  }
}

/** Tree shape without operators and values: two conditions of one shape differ only leaf by leaf. */
function shapeOf(node: ConditionNode): string {
  switch (node.type) {
    case 'always':
      return 'always';
    case 'leaf':
      return `leaf(${node.fact})`;
    case 'not':
      return `not(${shapeOf(node.item)})`;
    default:
      return `${node.type}(${node.items.map(shapeOf).join(',')})`;
  }
}


function conjuncts(node: ConditionNode): ConditionNode[] {
  if (node.type === 'always') return [];
  if (node.type === 'all') return node.items.flatMap(conjuncts);
  return [node];
}

export interface ConditionDelta {
  /** `order.amount_total ≥ 50,000 → ≥ 40,000`, `condition adds …`, `condition drops …`, or `condition A → B`. */
  summary: string;
  before?: string;
  after?: string;
}

/**
 * How a condition changed. Conjuncts (the parts joined by `and`) are matched first as equal,
 * then by shape: a matched part reports each changed leaf ("≥ 50,000 → ≥ 40,000"), an unmatched
 * one is added or dropped. When nothing matches at all, the whole condition is shown old → new.
 */
export function diffCondition(before: ConditionNode, after: ConditionNode): ConditionDelta[] {
  if (same(canon(before), canon(after))) return [];
  const b = conjuncts(before);
  const a = conjuncts(after);
  const whole: ConditionDelta[] = [{ summary: `condition ${conditionLabel(before)} → ${conditionLabel(after)}`, before: conditionLabel(before), after: conditionLabel(after) }];
  if (b.length === 0 || a.length === 0) return whole;
  const { pairs, removed, added } = pairUp(b, a, [(n) => stableJson(canon(n)), shapeOf]);
  if (pairs.length === 0) return whole;
  const out: ConditionDelta[] = [];
  for (const [x, y] of pairs) {
    const lx = leavesOf(x);
    const ly = leavesOf(y);
    lx.forEach((l, i) => {
      const r = ly[i]!;
      if (l.op === r.op && same(l.value, r.value)) return;
      out.push({ summary: `${l.fact} ${operandText(l)} → ${operandText(r)}`, before: leafText(l), after: leafText(r) });
    });
  }
  for (const r of removed) out.push({ summary: `condition drops ${conditionLabel(r)}`, before: conditionLabel(r) });
  for (const n of added) out.push({ summary: `condition adds ${conditionLabel(n)}`, after: conditionLabel(n) });
  return out;
}

// ─── ApprovalMatrix ─────────────────────────────────────────────────────────────────────────

function stepText(s: ApprovalStep): string {
  return `${s.role}${s.count > 1 ? ` ×${s.count}` : ''}${s.track !== DEFAULT_TRACK ? ` (${s.track} track)` : ''}`;
}

export function outcomeText(o: RowOutcome): string {
  if (o.type === 'deny') return `deny ${JSON.stringify(o.reason)}`;
  if (o.type === 'allow') return 'allow';
  return `require ${o.steps.map(stepText).join(', ')}`;
}

function rowText(r: ApprovalRow): string {
  const cond = conditionLabel(r.when.node);
  return `${outcomeText(r.outcome)} ${cond === 'always' ? 'always' : `when ${cond}`}`;
}

function rowValue(r: ApprovalRow): Record<string, unknown> {
  return { id: r.id, position: r.index + 1, when: conditionLabel(r.when.node), outcome: outcomeValue(r.outcome), holds: r.holds.map(holdValue) };
}

function outcomeValue(o: RowOutcome): unknown {
  return o.type === 'require' ? { require: o.steps.map((s) => ({ ...s })) } : o.type === 'deny' ? { deny: o.reason } : { allow: true };
}

function holdValue(h: Hold): Record<string, unknown> {
  return { step: h.step, reason: h.reason, ...(h.until ? { until: conditionLabel(h.until.node) } : {}) };
}

function holdText(h: Hold): string {
  return `holds ${h.step} (${h.reason})${h.until ? ` until ${conditionLabel(h.until.node)}` : ''}`;
}

function matrixSettings(m: ApprovalMatrix): string {
  return `model ${m.model}, hit policy ${m.hitPolicy}${m.escalation ? `, escalation ${m.escalation}` : ''}`;
}

function diffMatrix(b: ApprovalMatrix, h: ApprovalMatrix): Change[] {
  const out: Change[] = [];
  const setting = (key: string, label: string, x: string | undefined, y: string | undefined): void => {
    if (x !== y) out.push({ path: key, summary: `${label} ${orNone(x)} → ${orNone(y)}`, change: 'changed', entity: { type: 'setting', id: key }, before: x ?? null, after: y ?? null });
  };
  setting('model', 'model', b.model, h.model);
  setting('hitPolicy', 'hit policy', b.hitPolicy, h.hitPolicy);
  setting('escalation', 'default escalation', b.escalation, h.escalation);
  setting('requester', 'requester', b.requesterFact, h.requesterFact);

  const bRows = byId(b.rows);
  const hRows = byId(h.rows);
  const moved = movedIds([...bRows.keys()], [...hRows.keys()]);
  const position = (rows: Map<string, ApprovalRow>, id: string): number => [...rows.keys()].indexOf(id) + 1;
  for (const [id, hr] of hRows) {
    const br = bRows.get(id);
    const entity = { type: 'row' as const, id };
    if (!br) {
      out.push({ path: changePath('rows', id), summary: `row ${id} added at position ${position(hRows, id)}: ${rowText(hr)}`, change: 'added', entity, after: rowValue(hr) });
      continue;
    }
    if (moved.has(id)) {
      const from = position(bRows, id);
      const to = position(hRows, id);
      const note = h.hitPolicy === 'first' ? ' (under hit policy first, the first matching row decides)' : '';
      out.push({ path: changePath('rows', id, 'position'), summary: `row ${id} moved from position ${from} to ${to}${note}`, change: 'moved', entity, before: from, after: to });
    }
    out.push(...diffRow(br, hr, b, h));
  }
  for (const [id, br] of bRows) {
    if (!hRows.has(id)) {
      out.push({ path: changePath('rows', id), summary: `row ${id} removed (was position ${position(bRows, id)}: ${rowText(br)})`, change: 'removed', entity: { type: 'row', id }, before: rowValue(br) });
    }
  }
  return out;
}

function diffRow(br: ApprovalRow, hr: ApprovalRow, bm: ApprovalMatrix, hm: ApprovalMatrix): Change[] {
  const id = hr.id;
  const entity = { type: 'row' as const, id };
  const item = (path: (string | number)[], summary: string, before?: unknown, after?: unknown): Change => ({
    path: changePath('rows', id, ...path),
    summary: `row ${id}: ${summary}`,
    change: 'changed',
    entity,
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
  });
  const out: Change[] = diffCondition(br.when.node, hr.when.node).map((d) => item(['when'], d.summary, d.before, d.after));

  const bo = br.outcome;
  const ho = hr.outcome;
  if (bo.type !== ho.type) {
    out.push(item(['outcome'], `${outcomeText(bo)} → ${outcomeText(ho)}`, outcomeValue(bo), outcomeValue(ho)));
  } else if (bo.type === 'deny' && ho.type === 'deny' && bo.reason !== ho.reason) {
    out.push(item(['deny'], `deny reason ${JSON.stringify(bo.reason)} → ${JSON.stringify(ho.reason)}`, bo.reason, ho.reason));
  } else if (bo.type === 'require' && ho.type === 'require') {
    out.push(...diffSteps(bo.steps, ho.steps, bm.escalation, hm.escalation).map((d) => item(d.path, d.summary, d.before, d.after)));
  }
  out.push(...diffHolds(br.holds, hr.holds).map((d) => item(d.path, d.summary, d.before, d.after)));
  return out;
}

interface Delta {
  path: (string | number)[];
  summary: string;
  before?: unknown;
  after?: unknown;
}

function diffSteps(before: ApprovalStep[], after: ApprovalStep[], bDefault: string | undefined, hDefault: string | undefined): Delta[] {
  const out: Delta[] = [];
  const { pairs, removed, added } = pairUp(before, after, [(s) => `${s.track}/${s.role}`, (s) => s.role]);
  for (const s of added) out.push({ path: ['require', s.role], summary: `step ${stepText(s)} added`, after: { ...s } });
  for (const s of removed) out.push({ path: ['require', s.role], summary: `step ${stepText(s)} removed`, before: { ...s } });
  const escalations: [ApprovalStep, ApprovalStep][] = [];
  for (const [x, y] of pairs) {
    if (x.count !== y.count) out.push({ path: ['require', y.role, 'count'], summary: `step ${y.role} count ${x.count} → ${y.count}`, before: x.count, after: y.count });
    if (x.track !== y.track) out.push({ path: ['require', y.role, 'track'], summary: `step ${y.role} track ${x.track} → ${y.track}`, before: x.track, after: y.track });
    // A step that followed the matrix default moves with it; that change is reported once, on the matrix.
    const followsDefault = x.escalation === bDefault && y.escalation === hDefault && bDefault !== hDefault;
    if (x.escalation !== y.escalation && !followsDefault) escalations.push([x, y]);
  }
  if (escalations.length && escalations.length === pairs.length && escalations.every(([x, y]) => x.escalation === escalations[0]![0].escalation && y.escalation === escalations[0]![1].escalation)) {
    const [x, y] = escalations[0]!;
    out.push({ path: ['escalation'], summary: `escalation ${orNone(x.escalation)} → ${orNone(y.escalation)}`, before: x.escalation ?? null, after: y.escalation ?? null });
  } else {
    for (const [x, y] of escalations) {
      out.push({ path: ['require', y.role, 'escalation'], summary: `step ${y.role} escalation ${orNone(x.escalation)} → ${orNone(y.escalation)}`, before: x.escalation ?? null, after: y.escalation ?? null });
    }
  }
  // Within a track steps run in order: a reordering of the steps both sides share is a change.
  const tracks = [...new Set(pairs.map(([, y]) => y.track))];
  for (const track of tracks) {
    const shared = pairs.filter(([x, y]) => x.track === track && y.track === track);
    const bOrder = shared.map(([x]) => x).sort((p, q) => before.indexOf(p) - before.indexOf(q)).map((s) => s.role);
    const hOrder = shared.map(([, y]) => y.role);
    if (!same(bOrder, hOrder)) {
      out.push({ path: ['require', track], summary: `${track} track order ${bOrder.join(', ')} → ${hOrder.join(', ')}`, before: bOrder, after: hOrder });
    }
  }
  return out;
}

function diffHolds(before: Hold[], after: Hold[]): Delta[] {
  const out: Delta[] = [];
  const { pairs, removed, added } = pairUp(before, after, [(x) => x.step]);
  for (const x of added) out.push({ path: ['holds', x.step], summary: `now ${holdText(x)}`, after: holdValue(x) });
  for (const x of removed) out.push({ path: ['holds', x.step], summary: `no longer ${holdText(x)}`, before: holdValue(x) });
  for (const [x, y] of pairs) {
    if (x.reason !== y.reason) out.push({ path: ['holds', y.step, 'reason'], summary: `${y.step} hold reason ${JSON.stringify(x.reason)} → ${JSON.stringify(y.reason)}`, before: x.reason, after: y.reason });
    out.push(...diffOptionalCondition(x.until, y.until, ['holds', y.step, 'until'], `${y.step} hold until`, `${y.step} hold lifts when`));
  }
  return out;
}

/** A condition that may be absent on either side (hold `until`, `fillOrKill`). */
function diffOptionalCondition(x: CompiledCondition | undefined, y: CompiledCondition | undefined, path: (string | number)[], label: string, addedLabel: string): Delta[] {
  if (!x && !y) return [];
  if (!x) return [{ path, summary: `${addedLabel} ${conditionLabel(y!.node)} (new)`, after: conditionLabel(y!.node) }];
  if (!y) return [{ path, summary: `${label} ${conditionLabel(x.node)} removed`, before: conditionLabel(x.node) }];
  return diffCondition(x.node, y.node).map((d) => ({ path, summary: `${label}: ${d.summary}`, before: d.before, after: d.after }));
}

function describeMatrix(m: ApprovalMatrix, change: 'added' | 'removed'): Change[] {
  const side = change === 'added' ? 'after' : 'before';
  return [
    { path: '', summary: matrixSettings(m), change, entity: { type: 'setting', id: 'matrix' }, [side]: { model: m.model, hitPolicy: m.hitPolicy, escalation: m.escalation ?? null } },
    ...m.rows.map((r): Change => ({ path: changePath('rows', r.id), summary: `row ${r.id}: ${rowText(r)}`, change, entity: { type: 'row', id: r.id }, [side]: rowValue(r) })),
  ];
}

// ─── Directory ──────────────────────────────────────────────────────────────────────────────

interface DirectoryDoc {
  name: string;
  roles: Role[];
  delegations: Delegation[];
}

/** The merged Directory, split back into its documents (by where each role and delegation is declared). */
function directoryDocs(rs: RuleSet): Map<string, DirectoryDoc> {
  const docs = new Map<string, DirectoryDoc>();
  const doc = (name: string): DirectoryDoc => {
    let d = docs.get(name);
    if (!d) docs.set(name, (d = { name, roles: [], delegations: [] }));
    return d;
  };
  for (const r of rs.directory.roles.values()) doc(r.source.ctx.name).roles.push(r);
  for (const d of rs.directory.delegations) doc(d.source.ctx.name).delegations.push(d);
  return docs;
}

function roleText(r: Role): string {
  return `${r.members.join(', ') || 'no members'}${r.escalatesTo ? `; escalates to ${r.escalatesTo}` : ''}`;
}

function roleValue(r: Role): Record<string, unknown> {
  return { name: r.name, members: [...r.members], ...(r.escalatesTo ? { escalatesTo: r.escalatesTo } : {}) };
}

function delegationText(d: Delegation): string {
  return `${d.from} → ${d.to}, ${d.start} to ${d.end}${d.roles ? ` (roles ${d.roles.join(', ')})` : ''}`;
}

function delegationValue(d: Delegation): Record<string, unknown> {
  return { from: d.from, to: d.to, start: d.start, end: d.end, ...(d.roles ? { roles: [...d.roles] } : {}), ...(d.reason ? { reason: d.reason } : {}) };
}

function diffDirectoryDoc(b: DirectoryDoc, h: DirectoryDoc, base: RuleSet, head: RuleSet): Change[] {
  const out: Change[] = [];
  for (const hr of h.roles) {
    const entity = { type: 'role' as const, id: hr.name };
    const path = changePath('roles', hr.name);
    const br = base.directory.roles.get(hr.name);
    if (!br) {
      out.push({ path, summary: `role ${hr.name} added (${roleText(hr)})`, change: 'added', entity, after: roleValue(hr) });
      continue;
    }
    if (br.source.ctx.name !== h.name) {
      out.push({ path, summary: `role ${hr.name} moved here from Directory ${br.source.ctx.name}`, change: 'moved', entity, before: br.source.ctx.name, after: h.name });
    }
    out.push(...diffRole(br, hr));
  }
  for (const br of b.roles) {
    if (!head.directory.roles.has(br.name)) {
      out.push({ path: changePath('roles', br.name), summary: `role ${br.name} removed (was ${roleText(br)})`, change: 'removed', entity: { type: 'role', id: br.name }, before: roleValue(br) });
    }
  }
  out.push(...diffDelegations(b.delegations, h.delegations));
  return out;
}

function diffRole(br: Role, hr: Role): Change[] {
  const out: Change[] = [];
  const entity = { type: 'role' as const, id: hr.name };
  const added = hr.members.filter((m) => !br.members.includes(m));
  const removed = br.members.filter((m) => !hr.members.includes(m));
  const members = (list: string[]): string => `${list.length === 1 ? 'member' : 'members'} ${list.join(', ')}`;
  if (added.length) out.push({ path: changePath('roles', hr.name, 'members'), summary: `role ${hr.name}: ${members(added)} added`, change: 'changed', entity, after: added });
  if (removed.length) out.push({ path: changePath('roles', hr.name, 'members'), summary: `role ${hr.name}: ${members(removed)} removed`, change: 'changed', entity, before: removed });
  if (br.escalatesTo !== hr.escalatesTo) {
    out.push({
      path: changePath('roles', hr.name, 'escalatesTo'),
      summary: `role ${hr.name}: escalates to ${orNone(br.escalatesTo)} → ${orNone(hr.escalatesTo)}`,
      change: 'changed',
      entity,
      before: br.escalatesTo ?? null,
      after: hr.escalatesTo ?? null,
    });
  }
  return out;
}

function diffDelegations(before: Delegation[], after: Delegation[]): Change[] {
  const out: Change[] = [];
  const { pairs, removed, added } = pairUp(before, after, [(d) => stableJson(delegationValue(d)), (d) => `${d.from}\0${d.to}\0${d.start}`, (d) => `${d.from}\0${d.to}`, (d) => d.from]);
  const entity = (d: Delegation): { type: 'delegation'; id: string } => ({ type: 'delegation', id: `${d.from}→${d.to}@${d.start}` });
  for (const d of added) out.push({ path: changePath('delegations', d.from), summary: `delegation ${delegationText(d)} added`, change: 'added', entity: entity(d), after: delegationValue(d) });
  for (const d of removed) out.push({ path: changePath('delegations', d.from), summary: `delegation ${delegationText(d)} removed`, change: 'removed', entity: entity(d), before: delegationValue(d) });
  for (const [x, y] of pairs) {
    const fields: [keyof Delegation & string, string, unknown, unknown][] = [
      ['to', 'to', x.to, y.to],
      ['start', 'start', x.start, y.start],
      ['end', 'end', x.end, y.end],
      ['roles', 'roles', x.roles ? x.roles.join(', ') : 'all', y.roles ? y.roles.join(', ') : 'all'],
    ];
    for (const [key, label, bv, hv] of fields) {
      if (bv === hv) continue;
      out.push({ path: changePath('delegations', y.from, key), summary: `delegation from ${y.from}: ${label} ${String(bv)} → ${String(hv)}`, change: 'changed', entity: entity(y), before: bv, after: hv });
    }
  }
  return out;
}

function describeDirectoryDoc(d: DirectoryDoc, change: 'added' | 'removed'): Change[] {
  const side = change === 'added' ? 'after' : 'before';
  return [
    ...d.roles.map((r): Change => ({ path: changePath('roles', r.name), summary: `role ${r.name}: ${roleText(r)}`, change, entity: { type: 'role', id: r.name }, [side]: roleValue(r) })),
    ...d.delegations.map((x): Change => ({ path: changePath('delegations', x.from), summary: `delegation ${delegationText(x)}`, change, entity: { type: 'delegation', id: `${x.from}→${x.to}@${x.start}` }, [side]: delegationValue(x) })),
  ];
}

// ─── EscalationPolicy ───────────────────────────────────────────────────────────────────────

function escalationStepText(s: EscalationStep): string {
  return `${s.action} after ${s.after}${s.to ? ` to ${s.to}` : ''}${s.webhook ? ` (${s.webhook})` : ''}${s.outcome ? ` with outcome ${s.outcome}` : ''}`;
}

function escalationStepValue(s: EscalationStep): Record<string, unknown> {
  const { afterMinutes: _minutes, ...rest } = s;
  return { ...rest };
}

/** `escalate` or, when a policy has several, `escalate #2` (counted per action). */
function occurrence(s: EscalationStep, i: number, list: readonly EscalationStep[]): number {
  return list.slice(0, i).filter((x) => x.action === s.action).length + 1;
}

function diffEscalation(b: EscalationPolicy, h: EscalationPolicy): Change[] {
  const out: Change[] = [];
  if (b.calendar !== h.calendar) {
    out.push({ path: 'calendar', summary: `calendar ${b.calendar} → ${h.calendar}`, change: 'changed', entity: { type: 'setting', id: 'calendar' }, before: b.calendar, after: h.calendar });
  }
  const key = (s: EscalationStep, i: number, list: readonly EscalationStep[]): string => `${s.action}#${occurrence(s, i, list)}`;
  const { pairs, removed, added } = pairUp(b.steps, h.steps, [key]);
  const label = (s: EscalationStep, list: readonly EscalationStep[]): string => {
    const n = occurrence(s, list.indexOf(s), list);
    return list.filter((x) => x.action === s.action).length > 1 ? `${s.action} #${n}` : s.action;
  };
  const entity = (s: EscalationStep, list: readonly EscalationStep[]): { type: 'escalation step'; id: string } => ({ type: 'escalation step', id: key(s, list.indexOf(s), list) });
  for (const s of added) {
    out.push({ path: changePath('steps', h.steps.indexOf(s)), summary: `step added: ${escalationStepText(s)}`, change: 'added', entity: entity(s, h.steps), after: escalationStepValue(s) });
  }
  for (const s of removed) {
    out.push({ path: changePath('steps', b.steps.indexOf(s)), summary: `step removed: ${escalationStepText(s)}`, change: 'removed', entity: entity(s, b.steps), before: escalationStepValue(s) });
  }
  for (const [x, y] of pairs) {
    const name = label(y, h.steps);
    const at = h.steps.indexOf(y);
    const fields: [string, string | undefined, string | undefined, boolean][] = [
      ['after', x.after, y.after, x.afterMinutes !== y.afterMinutes],
      ['to', x.to ?? (x.action === 'escalate' ? "the role's escalatesTo" : undefined), y.to ?? (y.action === 'escalate' ? "the role's escalatesTo" : undefined), x.to !== y.to],
      ['webhook', x.webhook, y.webhook, x.webhook !== y.webhook],
      ['outcome', x.outcome, y.outcome, x.outcome !== y.outcome],
      ['message', x.message === undefined ? undefined : JSON.stringify(x.message), y.message === undefined ? undefined : JSON.stringify(y.message), x.message !== y.message],
    ];
    for (const [field, bv, hv, changed] of fields) {
      if (!changed) continue;
      out.push({ path: changePath('steps', at, field), summary: `${name} step: ${field} ${orNone(bv)} → ${orNone(hv)}`, change: 'changed', entity: entity(y, h.steps), before: bv ?? null, after: hv ?? null });
    }
  }
  return out;
}

function describeEscalation(p: EscalationPolicy, change: 'added' | 'removed'): Change[] {
  const side = change === 'added' ? 'after' : 'before';
  return [
    { path: 'calendar', summary: `calendar ${p.calendar}`, change, entity: { type: 'setting', id: 'calendar' }, [side]: p.calendar },
    ...p.steps.map((s, i): Change => ({ path: changePath('steps', i), summary: `step: ${escalationStepText(s)}`, change, entity: { type: 'escalation step', id: `${s.action}#${occurrence(s, i, p.steps)}` }, [side]: escalationStepValue(s) })),
  ];
}

// ─── Calendar ───────────────────────────────────────────────────────────────────────────────

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function hoursText(list: Interval[]): string {
  return list.length ? list.map((i) => `${clock(i.start)}–${clock(i.end)}`).join(', ') : 'closed';
}

function holidayDates(x: Calendar['holidays'][number]): string {
  return x.from === x.to ? x.from : `${x.from} to ${x.to}`;
}

function holidayText(x: Calendar['holidays'][number]): string {
  return `${holidayDates(x)}${x.name ? ` (${x.name})` : ''}`;
}

function diffCalendar(b: Calendar, h: Calendar): Change[] {
  const out: Change[] = [];
  if (b.timezone !== h.timezone) {
    out.push({ path: 'timezone', summary: `timezone ${b.timezone} → ${h.timezone}`, change: 'changed', entity: { type: 'setting', id: 'timezone' }, before: b.timezone, after: h.timezone });
  }
  for (const day of WEEKDAYS) {
    const x = hoursText(b.hours[day]);
    const y = hoursText(h.hours[day]);
    if (x !== y) out.push({ path: changePath('workingHours', day), summary: `${day} ${x} → ${y}`, change: 'changed', entity: { type: 'working day', id: day }, before: x, after: y });
  }
  const { pairs, removed, added } = pairUp(b.holidays, h.holidays, [(x) => `${x.from}/${x.to}`, (x) => x.name ?? `\0${x.from}`]);
  const entity = (x: Calendar['holidays'][number]): { type: 'holiday'; id: string } => ({ type: 'holiday', id: x.name ?? x.from });
  for (const x of added) out.push({ path: changePath('holidays', x.from), summary: `holiday ${holidayText(x)} added`, change: 'added', entity: entity(x), after: { ...x } });
  for (const x of removed) out.push({ path: changePath('holidays', x.from), summary: `holiday ${holidayText(x)} removed`, change: 'removed', entity: entity(x), before: { ...x } });
  for (const [x, y] of pairs) {
    if (x.from !== y.from || x.to !== y.to) {
      out.push({ path: changePath('holidays', y.from), summary: `holiday ${y.name ?? ''}${y.name ? ': ' : ''}${holidayDates(x)} → ${holidayDates(y)}`, change: 'changed', entity: entity(y), before: { ...x }, after: { ...y } });
    } else if (x.name !== y.name) {
      out.push({ path: changePath('holidays', y.from, 'name'), summary: `holiday ${holidayDates(y)}: name ${formatValue(x.name)} → ${formatValue(y.name)}`, change: 'changed', entity: entity(y), before: x.name ?? null, after: y.name ?? null });
    }
  }
  return out;
}

function describeCalendar(c: Calendar, change: 'added' | 'removed'): Change[] {
  const side = change === 'added' ? 'after' : 'before';
  return [
    { path: 'timezone', summary: `timezone ${c.timezone}`, change, entity: { type: 'setting', id: 'timezone' }, [side]: c.timezone },
    ...WEEKDAYS.filter((d) => c.hours[d].length).map((d): Change => ({ path: changePath('workingHours', d), summary: `${d} ${hoursText(c.hours[d])}`, change, entity: { type: 'working day', id: d }, [side]: hoursText(c.hours[d]) })),
    ...c.holidays.map((x): Change => ({ path: changePath('holidays', x.from), summary: `holiday ${holidayText(x)}`, change, entity: { type: 'holiday', id: x.name ?? x.from }, [side]: { ...x } })),
  ];
}

// ─── AllocationPolicy ───────────────────────────────────────────────────────────────────────

function sortText(k: PriorityKey): string {
  return k.rank ? `rank ${formatValue(k.rank)}` : (k.order ?? 'asc');
}

function keyText(k: PriorityKey): string {
  return `${k.key} ${sortText(k)}${k.missing === 'first' ? ', missing first' : ''}`;
}

function warehousesText(w: string[] | undefined): string {
  return w ? w.join(', ') : 'all';
}

function diffAllocation(b: AllocationPolicy, h: AllocationPolicy): Change[] {
  const out: Change[] = [];
  const setting = (path: string, label: string, x: string, y: string, before: unknown, after: unknown): void => {
    if (x !== y) out.push({ path, summary: `${label} ${x} → ${y}`, change: 'changed', entity: { type: 'setting', id: path }, before, after });
  };
  setting('warehouses', 'warehouses', warehousesText(b.warehouses), warehousesText(h.warehouses), b.warehouses ?? null, h.warehouses ?? null);

  const { pairs, removed, added } = pairUp(b.priority, h.priority, [(k) => k.key]);
  for (const k of added) {
    out.push({ path: changePath('priority', k.key), summary: `priority key ${keyText(k)} added at position ${h.priority.indexOf(k) + 1}`, change: 'added', entity: { type: 'priority key', id: k.key }, after: { ...k } });
  }
  for (const k of removed) {
    out.push({ path: changePath('priority', k.key), summary: `priority key ${keyText(k)} removed (was position ${b.priority.indexOf(k) + 1})`, change: 'removed', entity: { type: 'priority key', id: k.key }, before: { ...k } });
  }
  const bOrder = b.priority.filter((k) => pairs.some(([x]) => x === k)).map((k) => k.key);
  const hOrder = pairs.map(([, y]) => y.key);
  if (!same(bOrder, hOrder)) {
    out.push({ path: 'priority', summary: `priority order ${bOrder.join(', ')} → ${hOrder.join(', ')}`, change: 'moved', entity: { type: 'setting', id: 'priority' }, before: bOrder, after: hOrder });
  }
  for (const [x, y] of pairs) {
    const entity = { type: 'priority key' as const, id: y.key };
    if (sortText(x) !== sortText(y)) {
      out.push({ path: changePath('priority', y.key, y.rank ? 'rank' : 'order'), summary: `priority key ${y.key}: ${sortText(x)} → ${sortText(y)}`, change: 'changed', entity, before: x.rank ?? x.order ?? null, after: y.rank ?? y.order ?? null });
    }
    if (x.missing !== y.missing) {
      out.push({ path: changePath('priority', y.key, 'missing'), summary: `priority key ${y.key}: missing values go ${x.missing} → ${y.missing}`, change: 'changed', entity, before: x.missing, after: y.missing });
    }
  }
  setting('tieBreak', 'tie-break', b.tieBreak, h.tieBreak, b.tieBreak, h.tieBreak);
  setting('partialFill.minFillPct', 'minimum fill', `${formatValue(b.minFillPct)}%`, `${formatValue(h.minFillPct)}%`, b.minFillPct, h.minFillPct);
  for (const d of diffOptionalCondition(b.fillOrKill, h.fillOrKill, ['partialFill', 'fillOrKill'], 'fill-or-kill', 'fill-or-kill applies when')) {
    out.push({ path: changePath(...d.path), summary: d.summary, change: 'changed', entity: { type: 'setting', id: 'partialFill.fillOrKill' }, before: d.before, after: d.after });
  }
  setting('partialFill.respectShipComplete', 'respect ship-complete', String(b.respectShipComplete), String(h.respectShipComplete), b.respectShipComplete, h.respectShipComplete);
  const cap = (v: number | undefined): string => (v === undefined ? 'none' : `${formatValue(v)}%`);
  setting('caps.perCustomerPct', 'per-customer cap', cap(b.perCustomerPct), cap(h.perCustomerPct), b.perCustomerPct ?? null, h.perCustomerPct ?? null);
  return out;
}

function describeAllocation(p: AllocationPolicy, change: 'added' | 'removed'): Change[] {
  const side = change === 'added' ? 'after' : 'before';
  const item = (path: string, summary: string, value: unknown): Change => ({ path, summary, change, entity: { type: 'setting', id: path }, [side]: value });
  const fill = [`minimum fill ${formatValue(p.minFillPct)}%`, ...(p.fillOrKill ? [`fill-or-kill when ${conditionLabel(p.fillOrKill.node)}`] : []), `respect ship-complete ${p.respectShipComplete}`];
  return [
    ...(p.warehouses ? [item('warehouses', `warehouses ${warehousesText(p.warehouses)}`, p.warehouses)] : []),
    item('priority', `priority ${p.priority.map(keyText).join('; ')}; tie-break ${p.tieBreak}`, p.priority.map((k) => ({ ...k }))),
    item('partialFill', `partial fill: ${fill.join(', ')}`, { minFillPct: p.minFillPct, respectShipComplete: p.respectShipComplete }),
    ...(p.perCustomerPct !== undefined ? [item('caps.perCustomerPct', `per-customer cap ${formatValue(p.perCustomerPct)}%`, p.perCustomerPct)] : []),
  ];
}

// ─── ReplenishmentPolicy ────────────────────────────────────────────────────────────────────

export function methodText(m: ReplenishmentMethod): string {
  const multiple = m.multiple !== 1 ? ` in multiples of ${formatValue(m.multiple)}` : '';
  if (m.type === 'minMax') return `min/max ${formatValue(m.min)}–${formatValue(m.max)}${multiple}`;
  const safety = m.safetyDays ? ` + ${formatValue(m.safetyDays)} safety days` : '';
  const lead = m.leadDays !== undefined ? `, ${formatValue(m.leadDays)} lead days when the vendor has none` : '';
  return `${formatValue(m.days)} days of cover${safety}${lead}${multiple}`;
}

function ruleText(r: ReplenishmentRule): string {
  const cond = conditionLabel(r.when.node);
  return `${methodText(r.method)}, ${r.action} ${cond === 'always' ? 'for every product' : `when ${cond}`}`;
}

function ruleValue(r: ReplenishmentRule): Record<string, unknown> {
  return { id: r.id, position: r.index + 1, when: conditionLabel(r.when.node), action: r.action, method: { ...r.method } };
}

/** The policy-level default action as written (compiled rules carry it folded in). */
function defaultAction(p: ReplenishmentPolicy): string {
  const spec = (p.ctx.doc.value as { spec?: { action?: unknown } } | null)?.spec;
  return typeof spec?.action === 'string' ? spec.action : 'rfq';
}

const METHOD_FIELDS: Record<ReplenishmentMethod['type'], [string, string][]> = {
  minMax: [
    ['min', 'min'],
    ['max', 'max'],
    ['multiple', 'multiple'],
  ],
  daysOfCover: [
    ['days', 'days of cover'],
    ['safetyDays', 'safety days'],
    ['leadDays', 'lead days'],
    ['multiple', 'multiple'],
  ],
};

function diffReplenishment(b: ReplenishmentPolicy, h: ReplenishmentPolicy): Change[] {
  const out: Change[] = [];
  const setting = (path: string, label: string, x: string, y: string, before: unknown, after: unknown): void => {
    if (x !== y) out.push({ path, summary: `${label} ${x} → ${y}`, change: 'changed', entity: { type: 'setting', id: path }, before, after });
  };
  setting('warehouses', 'warehouses', warehousesText(b.warehouses), warehousesText(h.warehouses), b.warehouses ?? null, h.warehouses ?? null);
  setting('expedite', 'expedite', String(b.expedite), String(h.expedite), b.expedite, h.expedite);
  const bDefault = defaultAction(b);
  const hDefault = defaultAction(h);
  setting('action', 'default action', bDefault, hDefault, bDefault, hDefault);

  const bRules = byId(b.rules);
  const hRules = byId(h.rules);
  const moved = movedIds([...bRules.keys()], [...hRules.keys()]);
  const position = (rules: Map<string, ReplenishmentRule>, id: string): number => [...rules.keys()].indexOf(id) + 1;
  for (const [id, hr] of hRules) {
    const br = bRules.get(id);
    const entity = { type: 'rule' as const, id };
    if (!br) {
      out.push({ path: changePath('rules', id), summary: `rule ${id} added at position ${position(hRules, id)}: ${ruleText(hr)}`, change: 'added', entity, after: ruleValue(hr) });
      continue;
    }
    const item = (path: (string | number)[], summary: string, before: unknown, after: unknown, change: ChangeType = 'changed'): Change => ({
      path: changePath('rules', id, ...path),
      summary: `rule ${id}${summary}`,
      change,
      entity,
      ...(before !== undefined ? { before } : {}),
      ...(after !== undefined ? { after } : {}),
    });
    if (moved.has(id)) {
      const from = position(bRules, id);
      const to = position(hRules, id);
      out.push(item(['position'], ` moved from position ${from} to ${to} (the first matching rule decides)`, from, to, 'moved'));
    }
    for (const d of diffCondition(br.when.node, hr.when.node)) out.push(item(['when'], `: ${d.summary}`, d.before, d.after));
    const followsDefault = br.action === bDefault && hr.action === hDefault && bDefault !== hDefault;
    if (br.action !== hr.action && !followsDefault) out.push(item(['action'], `: action ${br.action} → ${hr.action}`, br.action, hr.action));
    const bm = br.method;
    const hm = hr.method;
    if (bm.type !== hm.type) {
      out.push(item([hm.type], `: ${methodText(bm)} → ${methodText(hm)}`, { ...bm }, { ...hm }));
    } else {
      for (const [field, label] of METHOD_FIELDS[hm.type]) {
        const x = (bm as unknown as Record<string, number | undefined>)[field];
        const y = (hm as unknown as Record<string, number | undefined>)[field];
        if (x !== y) out.push(item([hm.type, field], `: ${label} ${formatValue(x)} → ${formatValue(y)}`, x ?? null, y ?? null));
      }
    }
  }
  for (const [id, br] of bRules) {
    if (!hRules.has(id)) {
      out.push({ path: changePath('rules', id), summary: `rule ${id} removed (was position ${position(bRules, id)}: ${ruleText(br)})`, change: 'removed', entity: { type: 'rule', id }, before: ruleValue(br) });
    }
  }
  return out;
}

function describeReplenishment(p: ReplenishmentPolicy, change: 'added' | 'removed'): Change[] {
  const side = change === 'added' ? 'after' : 'before';
  const settings = `default action ${defaultAction(p)}, expedite ${p.expedite}${p.warehouses ? `, warehouses ${warehousesText(p.warehouses)}` : ''}`;
  return [
    { path: '', summary: settings, change, entity: { type: 'setting', id: 'policy' }, [side]: { action: defaultAction(p), expedite: p.expedite, warehouses: p.warehouses ?? null } },
    ...p.rules.map((r): Change => ({ path: changePath('rules', r.id), summary: `rule ${r.id}: ${ruleText(r)}`, change, entity: { type: 'rule', id: r.id }, [side]: ruleValue(r) })),
  ];
}

// ─── RuleTest ───────────────────────────────────────────────────────────────────────────────

function diffRuleTest(b: RuleTestDocument, h: RuleTestDocument): Change[] {
  const out: Change[] = [];
  const bs = b.spec;
  const hs = h.spec;
  const target = (s: RuleTestDocument['spec']): string => `${s.target.kind} ${s.target.name}`;
  const setting = (path: string, label: string, x: unknown, y: unknown, text: (v: unknown) => string): void => {
    if (!same(x, y)) out.push({ path, summary: `${label} ${text(x)} → ${text(y)}`, change: 'changed', entity: { type: 'setting', id: path }, before: x ?? null, after: y ?? null });
  };
  setting('target', 'target', target(bs), target(hs), String);
  setting('date', 'date', bs.date, hs.date, formatValue);
  if (!same(bs.defaults, hs.defaults)) out.push({ path: 'defaults', summary: 'default facts changed', change: 'changed', entity: { type: 'setting', id: 'defaults' }, before: bs.defaults ?? null, after: hs.defaults ?? null });
  const { pairs, removed, added } = pairUp(bs.cases, hs.cases, [(c) => c.name]);
  for (const c of added) out.push({ path: changePath('cases', c.name), summary: `case ${JSON.stringify(c.name)} added`, change: 'added', entity: { type: 'test case', id: c.name }, after: c });
  for (const c of removed) out.push({ path: changePath('cases', c.name), summary: `case ${JSON.stringify(c.name)} removed`, change: 'removed', entity: { type: 'test case', id: c.name }, before: c });
  for (const [x, y] of pairs) {
    if (!same(x, y)) out.push({ path: changePath('cases', y.name), summary: `case ${JSON.stringify(y.name)} changed`, change: 'changed', entity: { type: 'test case', id: y.name }, before: x, after: y });
  }
  return out;
}

function describeRuleTest(t: RuleTestDocument, change: 'added' | 'removed'): Change[] {
  const side = change === 'added' ? 'after' : 'before';
  const n = t.spec.cases.length;
  return [
    {
      path: 'target',
      summary: `tests ${t.spec.target.kind} ${t.spec.target.name} with ${n} case${n === 1 ? '' : 's'}`,
      change,
      entity: { type: 'setting', id: 'target' },
      [side]: { target: { ...t.spec.target }, cases: t.spec.cases.map((c) => c.name) },
    },
  ];
}
