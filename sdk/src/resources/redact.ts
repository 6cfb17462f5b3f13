/** Secret values (resolved `EnvVar`s) replaced by `***` in everything a run emits: logs, errors, metadata. */
export const REDACTED = "***";

export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string): void {
    // An empty or one-character value would redact everything: such a value is no secret worth hiding.
    if (secret.length > 1) this.secrets.add(secret);
  }

  /** `value` (any JSON data) with every secret replaced; itself when there is none to hide. */
  redact<T>(value: T): T {
    if (this.secrets.size === 0) return value;
    let text = JSON.stringify(value);
    if (text === undefined) return value;
    // Longest first, so a secret that contains another is hidden whole; matched as JSON writes it (quotes escaped).
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length))
      text = text.replaceAll(JSON.stringify(secret).slice(1, -1), REDACTED);
    return JSON.parse(text) as T;
  }
}
