/**
 * The password did not open the file. Callers match it by class; its message is fixed ("wrong
 * password") and never carries anything derived from the secret. With authenticated encryption
 * a tampered file fails the same check, so this also means "or the file was altered".
 */
export class WrongPasswordError extends Error {
  override name = "WrongPasswordError";
  constructor() {
    super("wrong password");
  }
}
