/**
 * The password did not open the file. Its message is fixed ("wrong password") because callers
 * match on it, and it never carries anything derived from the secret. With authenticated
 * encryption a tampered file fails the same check, so this also means "or the file was altered".
 */
export class WrongPasswordError extends Error {
  override name = "WrongPasswordError";
  constructor() {
    super("wrong password");
  }
}
