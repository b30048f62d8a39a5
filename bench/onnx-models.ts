// Tiny ONNX models built in memory for the onnxruntime-node reference (inference only): a
// hand-written protobuf encoder for the few ModelProto fields a MatMul or Conv graph needs.

/** Protobuf writer: varints and length-delimited fields, enough for onnx.proto. */
class Proto {
  private readonly bytes: number[] = [];

  private varint(v: number): void {
    while (v > 0x7f) {
      this.bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.bytes.push(v);
  }

  int(field: number, v: number): this {
    this.varint(field << 3);
    this.varint(v);
    return this;
  }

  ints(field: number, vs: readonly number[]): this {
    for (const v of vs) this.int(field, v);
    return this;
  }

  bytesField(field: number, data: Uint8Array): this {
    this.varint((field << 3) | 2);
    this.varint(data.length);
    for (const b of data) this.bytes.push(b);
    return this;
  }

  string(field: number, s: string): this {
    return this.bytesField(field, new TextEncoder().encode(s));
  }

  message(field: number, m: Proto): this {
    return this.bytesField(field, m.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

const FLOAT = 1; // TensorProto.DataType.FLOAT
const ATTR_INTS = 7; // AttributeProto.AttributeType.INTS

/** ValueInfoProto of a float tensor with a fixed shape. */
function tensorInfo(name: string, shape: readonly number[]): Proto {
  const dims = new Proto();
  for (const d of shape) dims.message(1, new Proto().int(1, d));
  const tensorType = new Proto().int(1, FLOAT).message(2, dims);
  return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
}

function model(node: Proto, inputs: [string, number[]][], output: [string, number[]]): Uint8Array {
  const graph = new Proto().message(1, node).string(2, 'bench');
  for (const [name, shape] of inputs) graph.message(11, tensorInfo(name, shape));
  graph.message(12, tensorInfo(output[0], output[1]));
  return new Proto()
    .int(1, 8) // ir_version
    .string(2, 'mlseries-bench')
    .message(7, graph)
    .message(8, new Proto().string(1, '').int(2, 13)) // opset 13
    .finish();
}

/** C (m × n) = A (m × k) · B (k × n). */
export function matmulModel(m: number, k: number, n: number): Uint8Array {
  const node = new Proto().string(1, 'A').string(1, 'B').string(2, 'C').string(4, 'MatMul');
  return model(
    node,
    [
      ['A', [m, k]],
      ['B', [k, n]],
    ],
    ['C', [m, n]],
  );
}

/** Y = conv(X, W) + Bias, NCHW, stride 1, symmetric padding `pad`. */
export function convModel(
  x: [number, number, number, number],
  w: [number, number, number, number],
  pad: number,
): Uint8Array {
  const ints = (name: string, vs: number[]): Proto =>
    new Proto().string(1, name).int(20, ATTR_INTS).ints(8, vs);
  const node = new Proto()
    .string(1, 'X')
    .string(1, 'W')
    .string(1, 'Bias')
    .string(2, 'Y')
    .string(4, 'Conv')
    .message(5, ints('kernel_shape', [w[2], w[3]]))
    .message(5, ints('pads', [pad, pad, pad, pad]))
    .message(5, ints('strides', [1, 1]));
  const outH = x[2] + 2 * pad - w[2] + 1;
  const outW = x[3] + 2 * pad - w[3] + 1;
  return model(
    node,
    [
      ['X', x],
      ['W', w],
      ['Bias', [w[0]]],
    ],
    ['Y', [x[0], w[0], outH, outW]],
  );
}
