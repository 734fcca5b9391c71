/**
 * @aima/gpu-nvml — not built yet.
 *
 * Coming: a LocalGpuProvider over libnvidia-ml.so.1 (discovery, metrics, XID/ECC/thermal health events), an nvidia-smi CSV fallback and a host agent for remote GPU hosts (issue 4).
 *
 * Nothing is exported until the adapter exists: no placeholder behaviour ships.
 * @packageDocumentation
 */
export {};
