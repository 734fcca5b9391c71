/** This package's version, sent in the User-Agent. Keep in step with package.json. */
export const packageVersion = '0.1.0';

/**
 * RunPod's REST v2 sits behind Cloudflare, which refused a default library User-Agent with
 * "Error 1010" (reference B2), so every request names its client.
 */
export const defaultUserAgent = `aima-cloud-runpod/${packageVersion} (node ${process.versions.node})`;
