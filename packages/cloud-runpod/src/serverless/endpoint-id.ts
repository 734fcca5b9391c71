import { z } from 'zod';

/**
 * RunPod serverless endpoint ids are lowercase letters and digits (`4m7x2k9q` in the REST v2
 * OpenAPI examples); RunPod's public endpoints add hyphens (`black-forest-labs-flux-1-schnell`).
 * Anything else (upper case, slashes, dots, spaces, a URL) would change the request path, so it
 * is refused before any request.
 */
export const endpointIdSchema = z
  .string({ error: 'must be a RunPod endpoint id such as "4m7x2k9q"' })
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/,
    'must be a RunPod endpoint id: lowercase letters and digits (and inner hyphens), such as "4m7x2k9q"',
  );
