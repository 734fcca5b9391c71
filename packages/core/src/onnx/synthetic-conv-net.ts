import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSeededRandom } from '../random/random-source.js';
import { ModelLoadError } from './model-load-error.js';

/** Channel width per variant size of the synthetic conv net. */
export const syntheticWidths = { n: 8, s: 16, m: 32, l: 48, x: 64 } as const;
export type SyntheticSize = keyof typeof syntheticWidths;

/** Options of {@link buildSyntheticConvNet}. */
export interface SyntheticConvNetOptions {
  readonly size: SyntheticSize;
  /** Input height and width. @default 64 */
  readonly imageSize?: number;
  /** Output classes. @default 10 */
  readonly classes?: number;
  /** Seed of the random weights. @default 1 */
  readonly seed?: number;
}

/** A generated model: its serialised bytes and the figures a registry entry needs. */
export interface SyntheticConvNet {
  readonly size: SyntheticSize;
  readonly bytes: Uint8Array;
  /** Input tensor name and shape, `N` being the dynamic batch dimension. */
  readonly input: { readonly name: 'input'; readonly shape: readonly ['N', 3, number, number] };
  readonly parameters: number;
  /** Multiply-adds ×2 per image: the GFLOPs a registry variant's `gflopsPerItem` takes. */
  readonly gflopsPerItem: number;
}

interface Layer {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly stride: number;
}

/**
 * Builds a synthetic image classifier with onnx-proto (opset 13, IR version 8):
 * input [N,3,H,W] → 3 × (Conv 3×3 → Relu) → GlobalAveragePool → Flatten → Gemm → [N, classes].
 * Widths grow with the size (n 8 … x 64 channels), weights are seeded random initialisers, so
 * variants differ in compute and memory as real model families do.
 */
export async function buildSyntheticConvNet(options: SyntheticConvNetOptions): Promise<SyntheticConvNet> {
  const { onnx } = await loadOnnxProto();
  const imageSize = options.imageSize ?? 64;
  const classes = options.classes ?? 10;
  const width = syntheticWidths[options.size];
  const random = createSeededRandom(options.seed ?? 1);
  const layers: Layer[] = [
    { inChannels: 3, outChannels: width, stride: 2 },
    { inChannels: width, outChannels: width * 2, stride: 1 },
    { inChannels: width * 2, outChannels: width * 2, stride: 2 },
  ];
  const initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  const nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  const tensor = (name: string, dims: number[]) => {
    const count = dims.reduce((product, dim) => product * dim, 1);
    const fanIn = dims.slice(1).reduce((product, dim) => product * dim, 1);
    const scale = Math.sqrt(2 / Math.max(1, fanIn));
    const values = Float32Array.from({ length: count }, () => (random.next() * 2 - 1) * scale);
    initializers.push(
      onnx.TensorProto.create({
        name,
        dims,
        dataType: onnx.TensorProto.DataType.FLOAT,
        rawData: new Uint8Array(values.buffer),
      }),
    );
    return count;
  };
  let parameters = 0;
  let flops = 0;
  let spatial = imageSize;
  let previous = 'input';
  layers.forEach((layer, index) => {
    parameters += tensor(`conv${index}.weight`, [layer.outChannels, layer.inChannels, 3, 3]);
    parameters += tensor(`conv${index}.bias`, [layer.outChannels]);
    nodes.push(
      onnx.NodeProto.create({
        opType: 'Conv',
        input: [previous, `conv${index}.weight`, `conv${index}.bias`],
        output: [`conv${index}`],
        attribute: [
          ints(onnx, 'kernel_shape', [3, 3]),
          ints(onnx, 'pads', [1, 1, 1, 1]),
          ints(onnx, 'strides', [layer.stride, layer.stride]),
        ],
      }),
      onnx.NodeProto.create({ opType: 'Relu', input: [`conv${index}`], output: [`relu${index}`] }),
    );
    spatial = Math.ceil(spatial / layer.stride);
    flops += 2 * spatial * spatial * layer.outChannels * layer.inChannels * 9;
    previous = `relu${index}`;
  });
  const features = width * 2;
  parameters += tensor('fc.weight', [classes, features]);
  parameters += tensor('fc.bias', [classes]);
  flops += 2 * features * classes;
  nodes.push(
    onnx.NodeProto.create({ opType: 'GlobalAveragePool', input: [previous], output: ['pooled'] }),
    onnx.NodeProto.create({ opType: 'Flatten', input: ['pooled'], output: ['flat'] }),
    onnx.NodeProto.create({
      opType: 'Gemm',
      input: ['flat', 'fc.weight', 'fc.bias'],
      output: ['logits'],
      attribute: [onnx.AttributeProto.create({ name: 'transB', type: onnx.AttributeProto.AttributeType.INT, i: 1 })],
    }),
  );
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'aima-synthetic',
    opsetImport: [{ domain: '', version: 13 }],
    graph: onnx.GraphProto.create({
      name: `synthetic-conv-${options.size}`,
      node: nodes,
      initializer: initializers,
      input: [valueInfo(onnx, 'input', ['N', 3, imageSize, imageSize])],
      output: [valueInfo(onnx, 'logits', ['N', classes])],
    }),
  });
  return {
    size: options.size,
    bytes: onnx.ModelProto.encode(model).finish(),
    input: { name: 'input', shape: ['N', 3, imageSize, imageSize] },
    parameters,
    gflopsPerItem: flops / 1e9,
  };
}

/** Builds the net and writes it to `${directory}/synthetic-conv-${size}.onnx`; returns the path. */
export async function writeSyntheticConvNet(
  directory: string,
  options: SyntheticConvNetOptions,
): Promise<SyntheticConvNet & { readonly path: string }> {
  const net = await buildSyntheticConvNet(options);
  await mkdir(directory, { recursive: true });
  const path = join(directory, `synthetic-conv-${options.size}.onnx`);
  await writeFile(path, net.bytes);
  return { ...net, path };
}

/** Feeds of a synthetic net: a batch of seeded random images. */
export function syntheticFeeds(net: Pick<SyntheticConvNet, 'input'>, batch: number, seed = 7) {
  const [, channels, height, width] = net.input.shape;
  const random = createSeededRandom(seed);
  const data = Float32Array.from({ length: batch * channels * height * width }, () => random.next());
  return { input: { type: 'float32' as const, data, dims: [batch, channels, height, width] } };
}

type OnnxNamespace = Awaited<ReturnType<typeof loadOnnxProto>>['onnx'];

function ints(onnx: OnnxNamespace, name: string, values: number[]) {
  return onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: values });
}

function valueInfo(onnx: OnnxNamespace, name: string, shape: readonly (number | string)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: shape.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim })) },
      },
    },
  });
}

async function loadOnnxProto() {
  try {
    const module = await import('onnx-proto');
    return module.default;
  } catch (error) {
    throw new ModelLoadError('(onnx-proto)', 'onnx-proto is not installed; add it to your dependencies to build synthetic models', {
      cause: error,
    });
  }
}
