// Public entry of the eligibility engine: rules as data, evaluator, calculators, dialogue state machine.
export { loadEligibilityRules, loadEligibilityCases, type EligibilityRules } from "./load.ts";
export { evaluateAll, evaluateProgramme, focusOf, nextFactToAsk, parameterValue, type Facts, type ProgrammeResult, type Status } from "./evaluate.ts";
export { extractFacts, parseAnswer, detectTopic, isPersonal, type Topic } from "./extract.ts";
export { parseNumber, findQuantities, parseBareNumber, readDuration } from "./numbers.ts";
export { computeLandTransfer, computeBiomass } from "./calculators.ts";
export {
  startDialogue,
  continueDialogue,
  DialogueStateSchema,
  MAX_FAILURES,
  type DialogueState,
  type DialogueTopic,
  type Step,
  type Signals,
} from "./dialogue.ts";
export { renderResults, describeAmount, type Rendered } from "./render.ts";
export { readProgrammeGroups, renderProgrammeGroups, type ProgrammeGroup } from "./groups.ts";
export { readHousehold, householdLines, renderHousehold, readReckoning, isCounted, type Household, type Person } from "./household.ts";
