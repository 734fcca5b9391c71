import { findGpuReference, modelMatches, normaliseGpuModel } from '@aima/core';

/**
 * GPU names as Vast.ai spells them in `gpu_name` (real offers and gpuhunt's mapping rules):
 * spaces inside, `Tesla`/`Q RTX` prefixes, `S` for SUPER, `Ada` glued to the number.
 */
export const vastGpuNames: readonly string[] = [
  ...['RTX 5090', 'RTX 5080', 'RTX 5070 Ti', 'RTX 5070', 'RTX 5060 Ti', 'RTX PRO 6000'],
  ...['RTX 4090', 'RTX 4090D', 'RTX 4080S', 'RTX 4080', 'RTX 4070S Ti', 'RTX 4070 Ti', 'RTX 4070S', 'RTX 4070', 'RTX 4060 Ti', 'RTX 4060'],
  ...['RTX 3090 Ti', 'RTX 3090', 'RTX 3080 Ti', 'RTX 3080', 'RTX 3070 Ti', 'RTX 3070', 'RTX 3060 Ti', 'RTX 3060'],
  ...[
    'RTX 2080 Ti',
    'RTX 2080S',
    'RTX 2080',
    'RTX 2070S',
    'RTX 2060',
    'GTX 1080 Ti',
    'GTX 1080',
    'GTX 1070',
    'Titan RTX',
    'Titan V',
    'Titan Xp',
  ],
  ...[
    'RTX 6000Ada',
    'RTX 5000Ada',
    'RTX 4500Ada',
    'RTX 4000Ada',
    'RTX 2000Ada',
    'RTX A6000',
    'RTX A5000',
    'RTX A4500',
    'RTX A4000',
    'RTX A2000',
  ],
  ...['Q RTX 8000', 'Q RTX 6000', 'Q RTX 5000', 'Q RTX 4000'],
  ...['A100 PCIE', 'A100 SXM4', 'A100X', 'A800 PCIE', 'A40', 'A30', 'A16', 'A10', 'A10g', 'A2', 'L40S', 'L40', 'L4'],
  ...['H100 PCIE', 'H100 SXM', 'H100 NVL', 'H200', 'H200 NVL', 'GH200 SXM', 'B200'],
  ...['Tesla T4', 'Tesla V100', 'Tesla P100', 'Tesla P40', 'Tesla P4', 'Tesla K80'],
];

/**
 * Our model name for a Vast GPU: words apart (`RTX 6000Ada` → `RTX 6000 Ada`, `RTX 4080S` →
 * `RTX 4080 SUPER`) and the memory size added (`A100 SXM4 80GB`), so that core's `modelMatches`
 * finds `A100 80GB` and `RTX 6000 Ada` in it.
 */
export function canonicalGpuModel(vastName: string, vramGb?: number): string {
  const model = vastName
    .trim()
    .replace(/(\d{4})Ada\b/, '$1 Ada')
    .replace(/^(RTX \d{4})S\b/, '$1 SUPER')
    .replace(/^Q RTX\b/, 'Quadro RTX');
  return vramGb === undefined || /\d+ ?GB\b/i.test(model) ? model : `${model} ${vramGb}GB`;
}

/**
 * Vast names that a wanted model can mean (`A100 80GB` → `A100 PCIE`, `A100 SXM4`). Memory words
 * are left to the client-side filter. An empty list means the model is known (core's reference
 * table) but not spelled here, so the search cannot narrow by name; `undefined` means the model
 * is unknown.
 */
export function vastNamesFor(wanted: string): readonly string[] | undefined {
  const withoutMemory = normaliseGpuModel(wanted)
    .replace(/\b\d+ ?gb\b/g, ' ')
    .trim();
  const names = vastGpuNames.filter((name) => modelMatches(withoutMemory, canonicalGpuModel(name)));
  if (names.length > 0) return names;
  return findGpuReference(wanted) === undefined ? undefined : [];
}
