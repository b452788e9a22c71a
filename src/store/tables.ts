// The tables as the query builder sees them (Kysely): one row type per table, the same for SQLite and PostgreSQL.
// The schema itself is in migrations/ (SQLite) and migrations-pg/ (PostgreSQL); a column added there is added here.
// Times are ISO-8601 text in both engines; flags are 0/1 integers; lists are JSON text.
import type { ColumnType, Generated } from "kysely";

/** A column the database fills in when an insert leaves it out (a DEFAULT). */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface MessagesTable {
  id: Generated<number>;
  channel: string;
  platform_message_id: string | null;
  user_id: string;
  chat_id: string;
  text: string;
  intent: string;
  confidence: number;
  answer_kind: string | null;
  answer_ids: Defaulted<string>;
  reply_text: Defaulted<string>;
  latency_ms: Defaulted<number>;
  created_at: string;
  understood: string | null;
}

export interface UnansweredTable {
  id: Generated<number>;
  message_id: number | null;
  channel: string;
  user_id: string;
  text: string;
  reason: "no_answer" | "needs_review" | "clarify" | "handoff";
  best_entry_id: string | null;
  confidence: Defaulted<number>;
  created_at: string;
  resolved_at: string | null;
}

export interface SessionsTable {
  key: string;
  data: string;
  updated_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  channel: string;
  user_id: string;
  chat_id: string;
  text: string;
  quick_replies: Defaulted<string>;
  dedupe_key: string;
  status: Defaulted<"pending" | "sent" | "failed">;
  attempts: Defaulted<number>;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export type StaffRole = "cadre" | "admin";

export interface StaffRolesTable {
  channel: string;
  user_id: string;
  role: StaffRole;
  granted_by: string;
  granted_at: string;
}

export interface InviteCodesTable {
  code_hash: string;
  role: StaffRole;
  created_by: string;
  created_at: string;
  expires_at: string;
  redeemed_by: string | null;
  redeemed_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor: string;
  role: string;
  action: string;
  outcome: "allowed" | "refused" | "failed";
  detail: Defaulted<string>;
  created_at: string;
}

export interface StaffAccountsTable {
  id: Generated<number>;
  username: string;
  display_name: Defaulted<string>;
  role: StaffRole;
  password_hash: string;
  created_by: string;
  created_at: string;
  password_changed_at: string;
  revoked_by: string | null;
  revoked_at: string | null;
}

export interface DashboardSessionsTable {
  token_hash: string;
  staff_id: string;
  role: StaffRole;
  created_at: string;
  expires_at: string;
  account_id: number | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  locked_until: string | null;
  last_failure_at: string;
}

export interface AppSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

export interface UserProfilesTable {
  channel: string;
  user_id: string;
  village: string | null;
  updated_at: string;
}

export interface LlmUsageTable {
  day: string;
  calls: Defaulted<number>;
  failures: Defaulted<number>;
  input_tokens: Defaulted<number>;
  output_tokens: Defaulted<number>;
  transcriptions: Defaulted<number>;
  rejected: Defaulted<number>;
  offline_fallbacks: Defaulted<number>;
  updated_at: string;
}

export interface FeedbackTable {
  id: Generated<number>;
  channel: string;
  user_id: string;
  chat_id: string;
  text: string;
  category: string | null;
  village: string | null;
  status: Defaulted<string>;
  anonymous: Defaulted<number>;
  created_at: string;
  updated_at: string;
  /** JSON array of strings, or null when the report names no place. */
  places: string | null;
  unmasked_text: string | null;
  display_name: string | null;
  me_too: Defaulted<number>;
  duplicate_of: number | null;
  closed_at: string | null;
  times_reported: Defaulted<number>;
}

export interface FeedbackHistoryTable {
  id: Generated<number>;
  feedback_id: number;
  from_status: string | null;
  to_status: string;
  note: Defaulted<string>;
  actor: string;
  created_at: string;
}

export interface FeedbackMeTooTable {
  feedback_id: number;
  channel: string;
  user_id: string;
  chat_id: string;
  created_at: string;
}

export interface FeedbackNotReportsTable {
  id: Generated<number>;
  channel: string;
  user_id: string;
  text: string;
  category: string | null;
  village: string | null;
  created_at: string;
  marked_at: string;
  marked_by: string;
  note: string;
}

export interface FeedbackRollupTable {
  dim: "state" | "category" | "village";
  day: string;
  key: string;
  n: number;
}

export interface ConsultationsTable {
  id: Generated<number>;
  title: string;
  background: Defaulted<string>;
  /** JSON array of option labels. */
  options: string;
  /** JSON array of villages; empty means everyone. */
  audience: Defaulted<string>;
  deadline: string;
  created_by: string;
  created_at: string;
  closed_at: string | null;
  decision: "approved" | "rejected" | "postponed" | null;
  decision_reason: string | null;
  risk_note: string | null;
  decided_by: string | null;
  decided_at: string | null;
}

export interface ConsultationVotesTable {
  id: Generated<number>;
  consultation_id: number;
  channel: string | null;
  user_id: string | null;
  chat_id: string | null;
  option_index: number;
  comment: string | null;
  village: string | null;
  method: Defaulted<"chat" | "meeting" | "proxy">;
  recorded_by: string | null;
  changes: Defaulted<number>;
  created_at: string;
  updated_at: string;
}

export interface ConsultationRecipientsTable {
  consultation_id: number;
  channel: string;
  chat_id: string;
  user_id: string;
  kind: "private" | "group";
  village: string | null;
  notified_at: string;
}

export interface VillageGroupsTable {
  channel: string;
  chat_id: string;
  village: string;
  registered_by: string;
  registered_at: string;
}

export interface LeasesTable {
  name: string;
  /** The instance (INSTANCE_NAME) holding it. */
  holder: string;
  expires_at: string;
}

/** A token bucket of the web chat's rate limits (store/rate-buckets.ts); times in integer milliseconds. */
export interface RateBucketsTable {
  key: string;
  tokens: number;
  at_ms: number;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface Tables {
  messages: MessagesTable;
  unanswered: UnansweredTable;
  sessions: SessionsTable;
  outbox: OutboxTable;
  staff_roles: StaffRolesTable;
  invite_codes: InviteCodesTable;
  audit_log: AuditLogTable;
  staff_accounts: StaffAccountsTable;
  dashboard_sessions: DashboardSessionsTable;
  login_throttle: LoginThrottleTable;
  app_secrets: AppSecretsTable;
  user_profiles: UserProfilesTable;
  llm_usage: LlmUsageTable;
  feedback: FeedbackTable;
  feedback_history: FeedbackHistoryTable;
  feedback_me_too: FeedbackMeTooTable;
  feedback_not_reports: FeedbackNotReportsTable;
  feedback_rollup: FeedbackRollupTable;
  consultations: ConsultationsTable;
  consultation_votes: ConsultationVotesTable;
  consultation_recipients: ConsultationRecipientsTable;
  village_groups: VillageGroupsTable;
  leases: LeasesTable;
  rate_buckets: RateBucketsTable;
  schema_migrations: SchemaMigrationsTable;
}
