/**
 * @aima/cloud-vast — not built yet.
 *
 * Coming: a Vast.ai REST client and a CloudGpuProvider (offer search, launch, wait, terminate, reconcile orphans) with a fake Vast API server for tests (issue 5).
 *
 * Nothing is exported until the adapter exists: no placeholder behaviour ships.
 * @packageDocumentation
 */
export {};
