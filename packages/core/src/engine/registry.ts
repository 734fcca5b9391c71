import { ConfigError } from '../errors/config-error.js';
import { builtinPlugins } from '../plugins/builtin-plugins.js';
import { aimaPolicy } from '../policies/aima/aima-policy.js';
import { costOptimalPolicy } from '../policies/cost-optimal/cost-optimal-policy.js';
import { hybridThresholdPolicy } from '../policies/hybrid-threshold/hybrid-threshold-policy.js';
import type { Policy } from '../policies/policy.js';
import type { EnginePlugin } from './extension-points/engine-plugin.js';

/**
 * Names to plugins and policies (D7). Hosts register their own and refer to them by name in the
 * engine options, without forking core.
 */
export interface PluginRegistry {
  /** Adds a plugin under its name. @throws ConfigError when the name is taken. */
  register(plugin: EnginePlugin): PluginRegistry;
  /** Adds a policy under its name. @throws ConfigError when the name is taken. */
  registerPolicy(policy: Policy): PluginRegistry;
  plugin(name: string): EnginePlugin | undefined;
  policy(name: string): Policy | undefined;
  /** Plugin names in registration order: the default pipeline order. */
  pluginNames(): readonly string[];
  policyNames(): readonly string[];
}

/** A registry holding the built-in plugins and the `aima`, `hybrid-threshold` and `cost-optimal` policies. */
export function createPluginRegistry(): PluginRegistry {
  const plugins = new Map<string, EnginePlugin>();
  const policies = new Map<string, Policy>();
  const registry: PluginRegistry = {
    register(plugin) {
      if (plugins.has(plugin.name)) throw new ConfigError(`A plugin named "${plugin.name}" is already registered; choose another name.`);
      plugins.set(plugin.name, plugin);
      return registry;
    },
    registerPolicy(policy) {
      if (policies.has(policy.name)) throw new ConfigError(`A policy named "${policy.name}" is already registered; choose another name.`);
      policies.set(policy.name, policy);
      return registry;
    },
    plugin: (name) => plugins.get(name),
    policy: (name) => policies.get(name),
    pluginNames: () => [...plugins.keys()],
    policyNames: () => [...policies.keys()],
  };
  for (const plugin of builtinPlugins) registry.register(plugin);
  for (const policy of [aimaPolicy, hybridThresholdPolicy, costOptimalPolicy]) registry.registerPolicy(policy);
  return registry;
}
