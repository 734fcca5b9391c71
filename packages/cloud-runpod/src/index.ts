/**
 * @aima/cloud-runpod — not built yet.
 *
 * Coming: a RunPod GraphQL/REST v2 client, a CloudGpuProvider for pods and a serverless JobRunner, with a fake RunPod server for tests (issue 6).
 *
 * Nothing is exported until the adapter exists: no placeholder behaviour ships.
 * @packageDocumentation
 */
export {};
