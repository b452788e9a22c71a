// Staff HTTP API (/api/staff) and the /admin dashboard, mounted on the main HTTP app.
import type { Hono } from "hono";
import type { AppContext } from "../../app-context.ts";
import { createConsultationRoutes } from "../../consultations/http.ts";
import { bootstrapFirstAdmin } from "../../staff/accounts.ts";
import { createStaffApi } from "./api.ts";
import { staffApiGuard, staffAuth } from "./auth.ts";
import { createDashboard } from "./dashboard.ts";
import { LoginService } from "./login.ts";

export { staffAuth, type StaffEnv, type StaffIdentity } from "./auth.ts";

export function mountStaff(http: Hono, ctx: AppContext): void {
  bootstrapFirstAdmin(ctx.services);
  const login = new LoginService(ctx);
  // JSON only and CSRF-checked, before any staff route (the consultations sub-app included).
  http.use("/api/staff/*", staffApiGuard());
  // Consultations first: their sub-app sits behind the same auth as every other staff route.
  http.use("/api/staff/consultations/*", staffAuth(ctx, "cadre"));
  http.use("/api/staff/consultations", staffAuth(ctx, "cadre"));
  http.route("/api/staff/consultations", createConsultationRoutes(ctx));
  http.route("/api/staff", createStaffApi(ctx, login));
  http.route("/admin", createDashboard(ctx, login));
}
