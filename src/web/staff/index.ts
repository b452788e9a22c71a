// Staff HTTP API and the /admin dashboard, mounted on the main HTTP app.
import type { Hono } from "hono";
import type { AppContext } from "../../app-context.ts";

export function mountStaff(_http: Hono, _ctx: AppContext): void {}
