// Eligibility has no settings of its own: its rules are read from $DATA_DIR/eligibility/*.yaml.
export const EligibilityConfigShape = {};
