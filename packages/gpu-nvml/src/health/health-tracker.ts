import type { GpuHealthEvent } from '@aima/core';
import type { GpuReading } from '../provider/gpu-source.js';
import { EccTracker } from './ecc-tracker.js';
import type { HealthFinding } from './health-finding.js';
import { type ThermalSettings, ThermalTrend } from './thermal-trend.js';

interface DeviceHealth {
  readonly thermal: ThermalTrend;
  readonly ecc: EccTracker;
  faultCode: string | undefined;
}

/**
 * Turns successive readings into health events: a new fault (the device could not be read), a
 * thermal trend, ECC counters rising. A fault is reported when it starts or changes, not on every
 * sample.
 */
export class HealthTracker {
  private readonly devices = new Map<string, DeviceHealth>();

  constructor(private readonly thermal: ThermalSettings) {}

  observe(reading: GpuReading): GpuHealthEvent[] {
    const { sample, fault } = reading;
    const state = this.stateOf(sample.gpuId);
    const findings: HealthFinding[] = [];
    if (fault && fault.code !== state.faultCode) {
      findings.push({ source: 'nvml', code: fault.code, severity: fault.severity, message: fault.message });
    }
    state.faultCode = fault?.code;
    if (sample.temperatureC !== undefined) {
      const thermal = state.thermal.observe(sample.at, sample.temperatureC, reading.thermalLimits);
      if (thermal) findings.push(thermal);
    }
    findings.push(...state.ecc.observe(sample.ecc));
    return findings.map((finding) => ({ gpuId: sample.gpuId, at: sample.at, ...finding }));
  }

  private stateOf(gpuId: string): DeviceHealth {
    let state = this.devices.get(gpuId);
    if (!state) {
      state = { thermal: new ThermalTrend(this.thermal), ecc: new EccTracker(), faultCode: undefined };
      this.devices.set(gpuId, state);
    }
    return state;
  }
}
