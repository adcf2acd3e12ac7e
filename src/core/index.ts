/**
 * Plan Tracker's core: parse → model → progress → text edits. Pure TypeScript: no `vscode`,
 * no Node built-ins (lint-enforced), so the same code serves the extension host, the CLI and tests.
 */
export * from './types';
export { parsePlan, EVIDENCE_ITEM } from './parse';
export { parserWarmUp, WARM_UP_SAMPLE } from './warmUp';
export { adoptPhases, packedPhasesFit, packedPhasesOf, packPhases, phaseAt, phaseCount, phaseStorage, stepStorage, visitPhases, type PackedPhases, type PhaseFigures } from './compactPhases';
export { packedSectionsFit, packSections, sectionStorage, type PackedSections } from './compactSections';
export { ownRows, type PackedRows } from './packedProperty';
export { planWith, PACKED_PLAN_KEYS, type PackedPlanKey } from './planWith';
export { deflateTaskTexts, firstTaskIn, packedTasksFit, packTasks, taskSection, taskStorage, type PackedTasks } from './compactTasks';
export { mightBePlan, recognisePlan, whyNotPlan, PLAN_DETECTION_RULE, type PlanEvidence } from './detect';
export { PLAN_KINDS, DEFAULT_ALWAYS_PLANS, planKind, hasDoneMarker, withoutDoneMarker, type PlanKind, type PlanKindId, type PhaseSource, type Sign } from './kinds';
export { emptyProgress, finishedPhases, isFinished, percent, progressOf } from './progress';
export {
  setTaskStateEdit,
  toggleTaskEdit,
  locateTask,
  setStatusEdit,
  markPhaseDoneEdit,
  appendNoteEdit,
  type TaskRef,
  type TaskStateEditOptions,
  type MarkPhaseDoneOptions,
} from './edits';
export { gateFindings, GATE_CODES, type GateOptions } from './gate';
export { missingEvidenceFindings } from './rules/evidence';
export { diffPlans, driftFindings, checkDrift, isEmptyDiff, DRIFT_CODES, type PlanDiff, type DiffTask, type TaskPair, type RemovedTask, type DiffOptions, type DriftFindingOptions } from './drift';
export { fillTemplate, slugify, formatDate, type TemplateVars } from './template';
export { applyEdits, detectEol, splitLines } from './text';
export {
  editFileAtomically,
  decodePlanBytes,
  encodePlanText,
  sameBytes,
  DEFAULT_MAX_ATTEMPTS,
  type PlanFilePort,
  type AtomicEditOutcome,
  type AtomicEditOptions,
} from './atomicEdit';
export { KeyedQueue } from './keyedQueue';
export { checkPlan, withKeyFileFindings, headerContradictions, hasHeaderContradiction, headerFindings, CONTRADICTION_CODES, findPlaceholders, templatePlaceholders, implementationStarted, type TemplatePlaceholders, type Placeholder, type CheckOptions } from './check';
export { finding, type Finding, type FindingCode, type FindingRange, type Severity } from './findings';
export { fileNameOf, planName, fnv1a, hashText, hashUtf8, labelText, normalizeName, plainText, withoutDoneAt } from './text';
export { errorText } from './errors';
export { isCompleted, isInProgress, planStanding, statusCategory, statusIndex, statusGroup, statusKey, statusLabel, type StatusCategory, type StatusGroup } from './status';
export { RULES, ruleInfo, type RuleInfo } from './findings';
export { findKeyFilePaths, keyFileFindings, normalizeKeyPath, type KeyFileList, type KeyFilePath } from './rules/keyFiles';
export {
  statusFromBoxes,
  insertDateEdit,
  setCreatedEdit,
  setTasksStateEdit,
  tickAllOpenTasksEdit,
  addTrackingItemEdit,
  addRoadmapPhaseEdit,
  toggleTasksEdit,
  markSectionDoneEdit,
  tickPhaseTasksEdit,
  reopenPhaseStatusEdit,
  statusLinePhase,
  removeDoneMarkerEdit,
} from './fixes';
export { inTracking, isInSection, isTaskPhase, isTracked, isTrackingItem, numberedLabel, numberedKey, type LineRange, type NumberedLabel } from './rules/outline';
export { nextTask, nextTaskIn, markNextTaskDoneEdit, progressSummary } from './rules/summary';
export { MAX_PLAN_FILE_BYTES, MAX_READ_BYTES, BINARY_SNIFF_BYTES, checkBeforeRead, checkAfterRead, describeSkip, type FileFacts, type SkipReason } from './readPolicy';
export { findTask, taskId, normalizeTaskText, type TaskQuery, type TaskCandidate, type FindTaskResult } from './findTask';
export * from './service/contract';
export { PlanService, planStatusJson, nextTasks, taskJson, type PlanFile, type PlanStore, type PlanSettings, type PlanServiceOptions, type WriteOutcome, type CallPreview } from './service/planService';
export { PlanCache, cacheKey, cacheSourceOf, isSettled, CACHE_FORMAT, UNSETTLED_MS, type CacheEntry, type CacheSource, type FileStamp } from './cache';
export { planAgentSetup, agentSetupFiles, mergeMcpServer, mergeClaudeHooks, mergeInstructions, mcpServerEntry, hookCommands, instructionsBlock, instructionFiles, shellQuote, AGENT_KINDS, MCP_SERVER_NAME, CLAUDE_SETTINGS_PATH, INSTRUCTIONS_BEGIN, INSTRUCTIONS_END, type AgentKind, type Launcher, type AgentSetupRequest, type AgentSetupPlan, type AgentFileChange, type AgentFileProblem, type MergeResult } from './agentSetup';
export { isPartlyDone, isProgressStep, stepTime } from './execPlan';
export { TODO_WORDS } from './todos';
export { classifyDiskChange, replayDiskChange, describeDiskChange, textChangeEdit, type DiskChange, type DiskChangeStep } from './diskMerge';
