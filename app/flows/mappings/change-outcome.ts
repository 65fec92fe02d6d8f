/** What a mappings change answers: done, with a message; or refused, with messages per field. */
import type { FieldErrors } from "./validation";

export type ChangeOutcome = { ok: true; message: string } | { ok: false; errors: FieldErrors; message?: string };
