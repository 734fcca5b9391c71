/**
 * Removes a secret from text meant for logs and error messages. Bearer tokens are removed too,
 * whoever's they are, in case a server echoes request headers back.
 */
export function createRedactor(secret: string | undefined): (text: string) => string {
  return (text) => {
    let safe = text.replace(/(bearer\s+)[^\s"',;]+/gi, '$1[redacted]').replace(/(api_key=)[^&\s"']+/gi, '$1[redacted]');
    if (secret !== undefined && secret.length > 0) safe = safe.split(secret).join('[redacted]');
    return safe;
  };
}
