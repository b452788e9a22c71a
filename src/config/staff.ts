// Settings for staff functions: roles, the staff HTTP API and the dashboard (see .env.example).
import { z } from "zod";
import { optionalString } from "./env.ts";

void z;

export const StaffConfigShape = {
  /** Bearer token for the staff HTTP API; without it the staff API is off. */
  STAFF_API_TOKEN: optionalString,
};
