import { InvalidParamsError } from "../../../protocol/errors.js";

/** An account name as stored: trimmed, 1–64 characters (the vault file's schema bound). */
export function checkAccountName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 64) {
    throw new InvalidParamsError("Account names have 1 to 64 characters");
  }
  return trimmed;
}

/**
 * A password to encrypt under: non-empty and bounded. Strength rules (the CLI asks for 8+
 * characters) belong to the caller that talks to the person.
 */
export function checkPassword(password: string): void {
  if (typeof password !== "string" || password.length < 1 || password.length > 1024) {
    throw new InvalidParamsError("The password must have 1 to 1024 characters");
  }
}
