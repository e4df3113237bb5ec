/** distrule as a library: load and validate rules, decide, explain, test. The CLI is a thin shell over this. */
export { loadRuleSet, discoverRuleFiles, type LoadResult, type LoadOptions } from './ruleset/load.js';
export { conditionsOf, type RuleSet, type RuleTestDocument, type RuleTestCase } from './ruleset/types.js';
export type { Finding, Severity, Position } from './language/findings.js';
export { UsageError } from './language/findings.js';
export { parseCondition, conditionText, OPERATORS, type ConditionNode, type Operator } from './language/condition.js';
export { compileCondition, closureEvaluator, traceCondition, type CompiledCondition, type Evaluator, type TraceNode } from './compile/evaluate.js';
export { JreBackend } from './compile/jre.js';
export { leafTruth, type Truth } from './compile/truth.js';
export { decideApproval, type ApprovalDecision, type DecidedStep } from './kinds/approval/decide.js';
export { allocate, rankDemand, type AllocationPlan, type AllocatedLine, type DemandLine, type StockLevel } from './kinds/allocation/decide.js';
export { proposeReplenishment, forecastOf, type ReplenishmentProposal } from './kinds/replenishment/decide.js';
export { explain, type Explanation } from './explain/explain.js';
export { runRuleTests } from './testing/run.js';
export type { TestReport, CaseResult, CoverageItem } from './testing/types.js';
export { factPaths, lookupFact, type Facts, type FactDef, type FactType, type Subject } from './facts/model.js';
