import { describe, expect, it } from 'vitest';
import {
  DomainError,
  compileDomain,
  filterRecords,
  matchesDomain,
  normalizeDomain,
  pyRepr,
  schemaFromModels,
  type Domain,
  type PlainRecord,
  type RecordResolver,
} from '../src/odoo/domain.js';
import { MODELS } from '../src/snapshot/models.js';

// A small world: partners (a company with a child contact), tags, countries, categories,
// orders. res.country is not in MODELS; the schema is extended the way a caller would.
const schema = schemaFromModels({
  ...MODELS,
  'res.country': { fields: { name: { type: 'char' }, code: { type: 'char' } } },
});

const data: Record<string, PlainRecord[]> = {
  'res.country': [
    { id: 20, name: 'Belgium', code: 'BE' },
    { id: 75, name: 'France', code: 'FR' },
  ],
  'res.partner.category': [
    { id: 1, name: 'Tier: Gold', parent_id: false },
    { id: 2, name: 'VIP', parent_id: false },
  ],
  'res.partner': [
    { id: 10, name: 'Azure Interior', is_company: true, parent_id: false, country_id: [20, 'Belgium'], category_id: [1, 2], credit_limit: 5000, ref: 'AZ', active: true },
    { id: 11, name: 'Brandon Freeman', display_name: 'Azure Interior, Brandon Freeman', is_company: false, parent_id: [10, 'Azure Interior'], country_id: [20, 'Belgium'], category_id: [], credit_limit: 0, ref: false, active: true },
    { id: 12, name: 'Deco Addict', is_company: true, parent_id: false, country_id: [75, 'France'], category_id: [2], credit_limit: 0, ref: 'DA', active: false },
    { id: 13, name: 'Lonely Person', is_company: false, parent_id: false, country_id: false, category_id: [], credit_limit: 0, ref: '', active: true },
  ],
  'product.category': [
    { id: 1, name: 'All', complete_name: 'All', parent_id: false },
    { id: 2, name: 'Fasteners', complete_name: 'All / Fasteners', parent_id: [1, 'All'] },
    { id: 3, name: 'Bolts', complete_name: 'All / Fasteners / Bolts', parent_id: [2, 'All / Fasteners'] },
    { id: 4, name: 'Tools', complete_name: 'All / Tools', parent_id: [1, 'All'] },
  ],
  'sale.order': [
    { id: 1, name: 'S00001', state: 'sale', amount_total: 1200.5, date_order: '2024-03-01 09:30:00', partner_id: [11, 'Azure Interior, Brandon Freeman'], commitment_date: false, order_line: [1, 2] },
    { id: 2, name: 'S00002', state: 'draft', amount_total: 80, date_order: '2024-03-02 14:00:00', partner_id: [12, 'Deco Addict'], commitment_date: '2024-03-20 00:00:00', order_line: [3] },
    { id: 3, name: 'S00003', state: 'cancel', amount_total: 0, date_order: '2024-02-28 23:59:59', partner_id: false, commitment_date: false, order_line: [] },
    { id: 4, name: 'S_100%', state: 'sent', amount_total: 450, date_order: '2024-03-05 08:00:00', partner_id: [13, 'Lonely Person'], commitment_date: false, order_line: [] },
  ],
  'sale.order.line': [
    { id: 1, order_id: [1, 'S00001'], product_id: [7, '[BOLT-M8] Bolt M8'], discount: 0, product_uom_qty: 10 },
    { id: 2, order_id: [1, 'S00001'], product_id: [8, '[DRILL] Drill'], discount: 15, product_uom_qty: 1 },
    { id: 3, order_id: [2, 'S00002'], product_id: [7, '[BOLT-M8] Bolt M8'], discount: 5, product_uom_qty: 4 },
  ],
};

const index = new Map<string, Map<number, PlainRecord>>();
for (const [model, records] of Object.entries(data)) {
  index.set(model, new Map(records.map((r) => [r.id as number, r])));
}
const resolver: RecordResolver = {
  get: (model, id) => index.get(model)?.get(id),
  records: (model) => data[model] ?? [],
};

function ids(model: string, domain: Domain, withResolver = true): number[] {
  return filterRecords(data[model], domain, { model, schema, resolver: withResolver ? resolver : undefined }).map(
    (r) => r.id as number,
  );
}

interface Case {
  name: string;
  model: string;
  domain: Domain;
  expected: number[];
}

const cases: Case[] = [
  // combinators
  { name: 'empty domain is true', model: 'sale.order', domain: [], expected: [1, 2, 3, 4] },
  { name: 'implicit AND', model: 'sale.order', domain: [['amount_total', '>', 50], ['state', '!=', 'draft']], expected: [1, 4] },
  { name: '& prefix', model: 'sale.order', domain: ['&', ['amount_total', '>', 50], ['state', '=', 'draft']], expected: [2] },
  { name: '| prefix', model: 'sale.order', domain: ['|', ['state', '=', 'draft'], ['state', '=', 'cancel']], expected: [2, 3] },
  { name: '! prefix', model: 'sale.order', domain: ['!', ['state', '=', 'sale']], expected: [2, 3, 4] },
  { name: 'nested prefix: | then implicit &', model: 'sale.order', domain: ['|', ['state', '=', 'draft'], ['state', '=', 'sale'], ['amount_total', '>', 100]], expected: [1] },
  { name: '! over |', model: 'sale.order', domain: ['!', '|', ['state', '=', 'draft'], ['state', '=', 'sale']], expected: [3, 4] },
  { name: 'TRUE_LEAF / FALSE_LEAF', model: 'sale.order', domain: ['|', [0, '=', 1], [1, '=', 1]], expected: [1, 2, 3, 4] },

  // comparison operators
  { name: '= on char', model: 'sale.order', domain: [['name', '=', 'S00002']], expected: [2] },
  { name: '!= on selection', model: 'sale.order', domain: [['state', '!=', 'sale']], expected: [2, 3, 4] },
  { name: '> on monetary', model: 'sale.order', domain: [['amount_total', '>', 450]], expected: [1] },
  { name: '>= on monetary', model: 'sale.order', domain: [['amount_total', '>=', 450]], expected: [1, 4] },
  { name: '< on monetary', model: 'sale.order', domain: [['amount_total', '<', 80]], expected: [3] },
  { name: '<= on monetary', model: 'sale.order', domain: [['amount_total', '<=', 80]], expected: [2, 3] },
  { name: 'numeric string coerced on a number field', model: 'sale.order', domain: [['amount_total', '>', '100']], expected: [1, 4] },
  { name: 'datetime compared with a date', model: 'sale.order', domain: [['date_order', '>=', '2024-03-02']], expected: [2, 4] },
  { name: 'datetime < with full timestamp', model: 'sale.order', domain: [['date_order', '<', '2024-03-01 09:30:00']], expected: [3] },
  { name: '<> is !=', model: 'sale.order', domain: [['state', '<>', 'sale']], expected: [2, 3, 4] },

  // =?
  { name: '=? with False is true', model: 'sale.order', domain: [['state', '=?', false]], expected: [1, 2, 3, 4] },
  { name: '=? with a value is =', model: 'sale.order', domain: [['state', '=?', 'draft']], expected: [2] },

  // like family
  { name: 'like is %v%, case-sensitive', model: 'res.partner', domain: [['name', 'like', 'Inter']], expected: [10] },
  { name: 'like misses on case', model: 'res.partner', domain: [['name', 'like', 'inter']], expected: [] },
  { name: 'ilike ignores case', model: 'res.partner', domain: [['name', 'ilike', 'inter']], expected: [10] },
  { name: 'not like', model: 'res.partner', domain: [['name', 'not like', 'e']], expected: [] },
  { name: 'not ilike keeps unset values', model: 'res.partner', domain: [['ref', 'not ilike', 'a']], expected: [11, 13] },
  { name: '=like is the bare pattern', model: 'sale.order', domain: [['name', '=like', 'S0000_']], expected: [1, 2, 3] },
  { name: '=ilike is the bare pattern, any case', model: 'res.partner', domain: [['name', '=ilike', 'azure%']], expected: [10] },
  { name: 'like: _ in the value is a wildcard', model: 'sale.order', domain: [['name', 'like', '_1']], expected: [1, 4] },
  { name: 'like: escaped % is literal', model: 'sale.order', domain: [['name', 'like', '\\%']], expected: [4] },
  { name: "ilike '' matches all, unset included", model: 'res.partner', domain: [['ref', 'ilike', '']], expected: [10, 11, 12, 13] },

  // in / not in
  { name: 'in', model: 'sale.order', domain: [['state', 'in', ['draft', 'sent']]], expected: [2, 4] },
  { name: 'not in', model: 'sale.order', domain: [['state', 'not in', ['draft', 'sent']]], expected: [1, 3] },
  { name: 'in []', model: 'sale.order', domain: [['state', 'in', []]], expected: [] },
  { name: 'not in []', model: 'sale.order', domain: [['state', 'not in', []]], expected: [1, 2, 3, 4] },
  { name: '= with a list is in', model: 'sale.order', domain: [['id', '=', [1, 3]]], expected: [1, 3] },
  { name: 'in True is =', model: 'res.partner', domain: [['is_company', 'in', true]], expected: [10, 12] },

  // falsy semantics
  { name: "('f', '=', False) matches unset", model: 'sale.order', domain: [['commitment_date', '=', false]], expected: [1, 3, 4] },
  { name: "('f', '!=', False) matches set", model: 'sale.order', domain: [['commitment_date', '!=', false]], expected: [2] },
  { name: "'!=' value matches unset too", model: 'res.partner', domain: [['ref', '!=', 'AZ']], expected: [11, 12, 13] },
  { name: "'= False' on char: unset only, not ''", model: 'res.partner', domain: [['ref', '=', false]], expected: [11] },
  { name: "'' is a value, not unset", model: 'res.partner', domain: [['ref', '=', '']], expected: [13] },
  { name: 'in with False includes unset', model: 'sale.order', domain: [['partner_id', 'in', [12, false]]], expected: [2, 3] },
  { name: 'not in without False includes unset', model: 'sale.order', domain: [['partner_id', 'not in', [12]]], expected: [1, 3, 4] },
  { name: 'not in with False excludes unset', model: 'sale.order', domain: [['partner_id', 'not in', [12, false]]], expected: [1, 4] },
  { name: 'comparison never matches unset', model: 'sale.order', domain: [['commitment_date', '<', '2030-01-01']], expected: [2] },
  { name: 'boolean = False matches false', model: 'res.partner', domain: [['is_company', '=', false]], expected: [11, 13] },
  { name: 'boolean != True matches false', model: 'res.partner', domain: [['active', '!=', true]], expected: [12] },
  { name: 'boolean in [False]', model: 'res.partner', domain: [['active', 'in', [false]]], expected: [12] },

  // many2one
  { name: 'many2one = id', model: 'sale.order', domain: [['partner_id', '=', 12]], expected: [2] },
  { name: 'many2one = False', model: 'sale.order', domain: [['partner_id', '=', false]], expected: [3] },
  { name: 'many2one != False', model: 'sale.order', domain: [['partner_id', '!=', false]], expected: [1, 2, 4] },
  { name: 'many2one in ids', model: 'sale.order', domain: [['partner_id', 'in', [11, 13]]], expected: [1, 4] },
  { name: 'many2one ilike compares the display name', model: 'sale.order', domain: [['partner_id', 'ilike', 'azure']], expected: [1] },
  { name: 'many2one = name', model: 'sale.order', domain: [['partner_id', '=', 'Deco Addict']], expected: [2] },
  { name: 'many2one not ilike keeps unset', model: 'sale.order', domain: [['partner_id', 'not ilike', 'azure']], expected: [2, 3, 4] },
  { name: 'many2one in names', model: 'sale.order', domain: [['partner_id', 'in', ['Deco Addict', 'Lonely Person']]], expected: [2, 4] },

  // x2many
  { name: 'many2many in ids: any of them', model: 'res.partner', domain: [['category_id', 'in', [2]]], expected: [10, 12] },
  { name: 'many2many = id', model: 'res.partner', domain: [['category_id', '=', 1]], expected: [10] },
  { name: 'many2many != id: none of them', model: 'res.partner', domain: [['category_id', '!=', 2]], expected: [11, 13] },
  { name: 'many2many = False: empty', model: 'res.partner', domain: [['category_id', '=', false]], expected: [11, 13] },
  { name: 'many2many != False: not empty', model: 'res.partner', domain: [['category_id', '!=', false]], expected: [10, 12] },
  { name: 'many2many ilike name', model: 'res.partner', domain: [['category_id', 'ilike', 'gold']], expected: [10] },
  { name: 'many2many not ilike name: no such tag', model: 'res.partner', domain: [['category_id', 'not ilike', 'gold']], expected: [11, 12, 13] },
  { name: 'one2many in ids', model: 'sale.order', domain: [['order_line', 'in', [3]]], expected: [2] },

  // dotted paths
  { name: 'dotted many2one path', model: 'sale.order', domain: [['partner_id.country_id.code', '=', 'BE']], expected: [1] },
  { name: 'dotted path through parent', model: 'res.partner', domain: [['parent_id.name', '=', 'Azure Interior']], expected: [11] },
  { name: 'dotted path never matches an unset head, even negated', model: 'sale.order', domain: [['partner_id.country_id.code', '!=', 'BE']], expected: [2] },
  { name: 'dotted path = False needs the head', model: 'sale.order', domain: [['partner_id.country_id', '=', false]], expected: [4] },
  { name: 'dotted one2many path', model: 'sale.order', domain: [['order_line.discount', '>', 10]], expected: [1] },
  { name: 'dotted x2many then many2one', model: 'sale.order', domain: [['order_line.product_id', '=', 7]], expected: [1, 2] },

  // any / not any
  { name: 'any on many2one', model: 'sale.order', domain: [['partner_id', 'any', [['is_company', '=', true]]]], expected: [2] },
  { name: 'not any on many2one includes unset', model: 'sale.order', domain: [['partner_id', 'not any', [['is_company', '=', true]]]], expected: [1, 3, 4] },
  { name: 'any on one2many', model: 'sale.order', domain: [['order_line', 'any', [['discount', '>', 0], ['product_uom_qty', '<', 5]]]], expected: [1, 2] },
  { name: 'not any on one2many', model: 'sale.order', domain: [['order_line', 'not any', [['discount', '>', 0]]]], expected: [3, 4] },
  { name: 'any with an empty domain: has some', model: 'sale.order', domain: [['order_line', 'any', []]], expected: [1, 2] },

  // display_name
  { name: 'display_name falls back to complete_name', model: 'product.category', domain: [['display_name', 'ilike', 'fasteners /']], expected: [3] },
  { name: 'display_name falls back to name', model: 'res.partner', domain: [['display_name', '=', 'Deco Addict']], expected: [12] },

  // hierarchy
  { name: 'child_of on id', model: 'product.category', domain: [['id', 'child_of', 2]], expected: [2, 3] },
  { name: 'child_of on a many2one', model: 'res.partner', domain: [['parent_id', 'child_of', 10]], expected: [11] },
  { name: 'child_of: the commercial entity and its contacts', model: 'res.partner', domain: [['id', 'child_of', 10]], expected: [10, 11] },
  { name: 'child_of by name', model: 'product.category', domain: [['id', 'child_of', 'Fasteners']], expected: [2, 3] },
  { name: 'child_of a list', model: 'product.category', domain: [['id', 'child_of', [3, 4]]], expected: [3, 4] },
  { name: 'parent_of on id', model: 'product.category', domain: [['id', 'parent_of', 3]], expected: [1, 2, 3] },
  { name: 'child_of False matches nothing', model: 'product.category', domain: [['id', 'child_of', false]], expected: [] },
];

describe('Odoo domain evaluation', () => {
  it.each(cases)('$name', ({ model, domain, expected }) => {
    expect(ids(model, domain)).toEqual(expected);
  });

  it('without a resolver, a many2one is known by its [id, name] pair', () => {
    expect(ids('sale.order', [['partner_id', 'ilike', 'deco']], false)).toEqual([2]);
    expect(ids('sale.order', [['partner_id.display_name', '=', 'Lonely Person']], false)).toEqual([4]);
    // Other fields of an unresolved record are unknown, hence unset.
    expect(ids('sale.order', [['partner_id.is_company', '=', true]], false)).toEqual([]);
  });

  it('a bare id is accepted for a many2one (webhook payloads)', () => {
    const record = { id: 9, partner_id: 12 };
    expect(matchesDomain(record, [['partner_id', '=', 12]], { model: 'sale.order' })).toBe(true);
    expect(matchesDomain(record, [['partner_id.name', '=', 'Deco Addict']], { model: 'sale.order', resolver })).toBe(true);
  });

  it('a compiled domain is reusable', () => {
    const predicate = compileDomain([['amount_total', '>', 100]], { model: 'sale.order' });
    expect(data['sale.order'].filter(predicate).map((r) => r.id)).toEqual([1, 4]);
  });
});

describe('normalizeDomain', () => {
  it('adds the implicit &', () => {
    expect(normalizeDomain([['a', '=', 1], ['b', '=', 2], ['c', '=', 3]])).toEqual([
      '&', '&', ['a', '=', 1], ['b', '=', 2], ['c', '=', 3],
    ]);
  });
  it('turns an empty domain into TRUE_LEAF', () => {
    expect(normalizeDomain([])).toEqual([[1, '=', 1]]);
  });
});

describe('malformed domains throw DomainError with Odoo-like messages', () => {
  const bad: Array<{ name: string; domain: unknown; message: string }> = [
    { name: 'dangling operator', domain: ['|', ['name', '=', 'x']], message: "Domain ['|', ['name', '=', 'x']] is syntactically not correct." },
    { name: 'unknown operator', domain: [['name', 'contains', 'x']], message: "Invalid leaf ('name', 'contains', 'x')" },
    { name: 'upper-case operator', domain: [['name', 'ILIKE', 'x']], message: "Invalid leaf ('name', 'ILIKE', 'x')" },
    { name: 'term of two items', domain: [['name', '=']], message: "Invalid leaf ('name', '=')" },
    { name: 'stray string', domain: ['name'], message: 'Invalid leaf name' },
    { name: 'unknown field', domain: [['nmae', '=', 'x']], message: "Invalid field sale.order.nmae in leaf ('nmae', '=', 'x')" },
    { name: 'unknown field at the end of a path', domain: [['partner_id.nope', '=', 1]], message: "Invalid field res.partner.nope in leaf ('partner_id.nope', '=', 1)" },
    { name: 'path through a scalar', domain: [['name.x', '=', 1]], message: "Invalid field sale.order.name.x in leaf ('name.x', '=', 1)" },
    { name: 'in without a list', domain: [['state', 'in', 'draft']], message: "Invalid domain term ('state', 'in', 'draft')" },
    { name: 'any on a scalar', domain: [['name', 'any', []]], message: "Operator 'any' needs a relational field" },
    { name: 'any without a domain', domain: [['partner_id', 'any', 3]], message: "The value of operator 'any' must be a domain" },
    { name: 'not a list', domain: 'name = x', message: "Domains to normalize must have a 'domain' form" },
    { name: 'non-numeric value on a number field', domain: [['amount_total', '>', 'lots']], message: "invalid input syntax for type numeric: 'lots'" },
  ];
  it.each(bad)('$name', ({ domain, message }) => {
    const run = () => compileDomain(domain as Domain, { model: 'sale.order', schema });
    expect(run).toThrow(DomainError);
    if (message) expect(run).toThrow(message);
  });

  it('child_of needs a parent_id on the target model', () => {
    expect(() => compileDomain([['order_line', 'child_of', 1]], { model: 'sale.order' })).toThrow(/Invalid parent field/);
  });
});

describe('pyRepr', () => {
  it('renders like Python', () => {
    expect(pyRepr([['a', '=', false], '|', null, 1.5, "it's"])).toBe(`[['a', '=', False], '|', None, 1.5, "it's"]`);
  });
});
