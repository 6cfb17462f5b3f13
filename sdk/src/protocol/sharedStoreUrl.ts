/**
 * A shared store's URL as it travels between processes (the editor's `assetline.store` setting, the language server,
 * the CLI and the processes it starts): in an environment variable, never an argument, so its password stays out of
 * process lists; and shown by any of them only with the password hidden.
 */

export const STORE_URL_VARIABLE = "ASSETLINE_STORE_URL";

const POSTGRES_SCHEME = /^postgres(ql)?:\/\//i;

/** Whether a store location names the shared PostgreSQL store rather than a folder (SQLite). */
export function isSharedStoreUrl(location: string): boolean {
  return POSTGRES_SCHEME.test(location);
}

/**
 * The URL with its password hidden (`postgres://user:***@host/db`), and any `…password=` parameter's value, so it can
 * be shown anywhere. Works on malformed URLs too: everything from the user name's `:` to the last `@` is hidden, so
 * a password with an unencoded `@`, `/` or `?` never shows (an `@` later in the URL hides more than needed, not less).
 */
export function redactUrl(location: string): string {
  return location
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*):.*@/is, "$1:***@")
    .replace(/([?&][^=&#]*password=)[^&#]*/gi, "$1***");
}

/** `message` with the location's password (as written and decoded) replaced, whatever a driver put in it. */
export function hideSecrets(message: string, location: string): string {
  const secrets = new Set<string>();
  const userInfo = /^[a-z][a-z0-9+.-]*:\/\/[^:@/?#]*:(.*)@/is.exec(location)?.[1];
  if (userInfo) secrets.add(userInfo);
  for (const match of location.matchAll(/[?&][^=&#]*password=([^&#]*)/gi)) if (match[1]) secrets.add(match[1]);
  for (const secret of [...secrets]) {
    try {
      secrets.add(decodeURIComponent(secret));
    } catch {
      // A malformed escape: the raw form is hidden already.
    }
  }
  let hidden = message;
  for (const secret of secrets) if (secret.length > 0) hidden = hidden.split(secret).join("***");
  return hidden;
}
