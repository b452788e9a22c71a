// Staff HTTP API (/api/staff) and the /admin dashboard, mounted on the main HTTP app.
import type { Hono } from "hono";
import type { AppContext } from "../../app-context.ts";
import { bootstrapFirstAdmin } from "../../staff/accounts.ts";
import { createStaffApi } from "./api.ts";
import { staffApiGuard, staffAuth, type StaffEnv } from "./auth.ts";
import { createDashboard } from "./dashboard.ts";
import { LoginService } from "./login.ts";

export { staffAuth, type StaffEnv, type StaffIdentity } from "./auth.ts";

/**
 * Mounts the staff API and the dashboard. `features` are staff routes that features bring (consultations), by
 * path under /api/staff: given by the app, so that web/ never imports a feature that itself uses web/'s helpers.
 */
export function mountStaff(http: Hono, ctx: AppContext, features: Record<string, Hono<StaffEnv>> = {}): void {
  bootstrapFirstAdmin(ctx.services);
  const login = new LoginService(ctx);
  // JSON only and CSRF-checked, before any staff route (the consultations sub-app included).
  http.use("/api/staff/*", staffApiGuard());
  // Features' routes first: their sub-apps sit behind the same auth as every other staff route.
  for (const [path, routes] of Object.entries(features)) {
    http.use(`/api/staff${path}/*`, staffAuth(ctx, "cadre"));
    http.use(`/api/staff${path}`, staffAuth(ctx, "cadre"));
    http.route(`/api/staff${path}`, routes);
  }
  http.route("/api/staff", createStaffApi(ctx, login));
  http.route("/admin", createDashboard(ctx, login));
}
