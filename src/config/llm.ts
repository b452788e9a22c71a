// Settings for the llm part of the app (see .env.example).
import { z } from "zod";
import { emptyAsUndefined, optionalString, flag } from "./env.ts";

void z; void emptyAsUndefined; void optionalString; void flag;

export const LlmConfigShape = {};
