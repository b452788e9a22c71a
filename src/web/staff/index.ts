// Staff HTTP API (/api/staff) and the /admin dashboard, mounted on the main HTTP app.
import type { Hono, MiddlewareHandler } from "hono";
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
  // The first admin account is made (when configured) before any staff route answers: each waits for it, and a
  // failure to make it fails them rather than letting them run as if there were no admin.
  const bootstrapped = bootstrapFirstAdmin(ctx.services).then(
    () => undefined,
    (error: unknown) => {
      ctx.services.logger.error("could not create the first admin account", { error });
      throw error;
    },
  );
  bootstrapped.catch(() => {}); // reported above; every staff request still sees the rejection
  const ready: MiddlewareHandler = async (_c, next) => {
    await bootstrapped;
    await next();
  };
  for (const path of ["/api/staff", "/api/staff/*", "/admin", "/admin/*"]) http.use(path, ready);
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
