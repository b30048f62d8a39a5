#!/usr/bin/env python3
"""Golden files for mlseries' safetensors reader and writer (src/io).

    python3 test/golden/gen_safetensors.py             # writes test/io/fixtures/*.safetensors
                                                       #   and test/io/fixtures/safetensors_expected.json
    python3 test/golden/gen_safetensors.py --check DIR # checks files our TypeScript wrote

Both directions rest on `reference_bytes` below: a small pure-Python writer that follows the byte
layout of the reference implementation (huggingface/safetensors, safetensors/src/tensor.rs,
`prepare` + `serialize`) step by step: tensors sorted by dtype (descending position in the
reference's Dtype enum, i.e. widest alignment first), then by name as UTF-8 bytes; data offsets
back to back from 0; the header serialised by serde_json — compact, "__metadata__" first, then the
tensors in data order, non-ASCII written raw — and padded with spaces to a multiple of 8; then the
u64 little-endian header length, the header and the data. It is pinned to the byte vectors of the
reference's own unit tests (test_serialization, test_empty, test_serialization_forced_alignement).

The reference writes metadata keys in its HashMap's order, which varies from run to run; here (as
in mlseries) they are sorted by code point, one of the orders the reference may produce.

When the real `safetensors` package is importable (`pip install safetensors`), both forms also
check against it: every fixture must equal `safetensors.numpy.save` of the same arrays (byte for
byte when the metadata has at most one key, else up to the order of metadata keys) and load equal
with `safetensors.numpy.load`; in --check mode every file must load with it. Without the package
the checks rest on the reference layout alone, and the script says so.

The --check form reads DIR/manifest.json and the files that
`npx tsx test/io/write_safetensors_samples.ts DIR` wrote, and for each file verifies: the
header-length prefix, 8-byte padding with spaces, the header JSON (no duplicate keys, compact
serde_json form, key order), tensor order, contiguous offsets covering the data exactly, every
value (bit for bit, with NumPy) against the manifest, and that `reference_bytes` rebuilds the file
byte for byte.
"""
import json
import math
import os
import struct
import subprocess
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIX = os.path.join(ROOT, 'test', 'io', 'fixtures')

# The reference's Dtype enum (safetensors 0.8), in declaration order = ascending alignment.
DTYPE_ORDER = ['BOOL', 'F4', 'F6_E2M3', 'F6_E3M2', 'U8', 'I8', 'F8_E5M2', 'F8_E4M3', 'F8_E8M0',
               'F8_E4M3FNUZ', 'F8_E5M2FNUZ', 'I16', 'U16', 'F16', 'BF16', 'I32', 'U32', 'F32', 'C64',
               'F64', 'I64', 'U64']
RANK = {d: i for i, d in enumerate(DTYPE_ORDER)}
# NumPy little-endian dtype of each safetensors dtype that NumPy has (bytes for the rest).
NP = {'BOOL': '|b1', 'U8': '|u1', 'I8': '|i1', 'I16': '<i2', 'U16': '<u2', 'F16': '<f2', 'I32': '<i4',
      'U32': '<u4', 'F32': '<f4', 'F64': '<f8', 'I64': '<i8', 'U64': '<u8'}
# What mlseries loads each dtype as.
OURS = {'BOOL': 'bool', 'U8': 'uint8', 'I8': 'int8', 'I16': 'int32', 'U16': 'int32', 'F16': 'float32',
        'BF16': 'float32', 'F8_E4M3': 'float32', 'F8_E5M2': 'float32', 'I32': 'int32', 'U32': 'uint32',
        'F32': 'float32', 'F64': 'float64', 'I64': 'int64', 'U64': 'int64'}
WRITABLE = {'F64', 'F32', 'I64', 'I32', 'U32', 'I8', 'U8', 'BOOL'}


def codepoint_key(s):
    return s.encode('utf-8')  # UTF-8 byte order = code point order = Rust's String order


def reference_bytes(tensors, metadata=None):
    """The file the reference writer produces. tensors: list of (name, st_dtype, shape, raw bytes)."""
    items = sorted(tensors, key=lambda t: (-RANK[t[1]], codepoint_key(t[0])))
    header = {}
    if metadata is not None:
        header['__metadata__'] = {k: metadata[k] for k in sorted(metadata, key=codepoint_key)}
    offset = 0
    for name, dtype, shape, raw in items:
        header[name] = {'dtype': dtype, 'shape': list(shape), 'data_offsets': [offset, offset + len(raw)]}
        offset += len(raw)
    text = json.dumps(header, separators=(',', ':'), ensure_ascii=False).encode('utf-8')
    text += b' ' * ((8 - len(text) % 8) % 8)
    return struct.pack('<Q', len(text)) + text + b''.join(t[3] for t in items)


def raw_of(dtype, a):
    return np.ascontiguousarray(np.asarray(a, dtype=NP[dtype])).tobytes()


def pin_to_reference_tests():
    """Our writer must reproduce the byte vectors in the reference's tensor.rs tests."""
    data = np.arange(6, dtype='<f4').tobytes()
    got = reference_bytes([('attn.0', 'F32', [1, 2, 3], data)])
    want = bytes([64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100,
                  116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34,
                  58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115,
                  101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63,
                  0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64])
    assert got == want, 'test_serialization vector differs'
    assert reference_bytes([]) == bytes([8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32])
    want = bytes([40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95,
                  95, 34, 58, 123, 34, 102, 114, 97, 109, 101, 119, 111, 114, 107, 34, 58, 34, 112,
                  116, 34, 125, 125, 32, 32, 32, 32, 32])
    assert reference_bytes([], {'framework': 'pt'}) == want, 'test_empty vector differs'
    got = reference_bytes([('attn0', 'F32', [1, 1, 2, 3], data)])
    assert got[:8] == bytes([72, 0, 0, 0, 0, 0, 0, 0]) and got[8 + 65:8 + 72] == b' ' * 7, \
        'test_serialization_forced_alignement vector differs'


def real_library():
    try:
        import safetensors
        import safetensors.numpy
        return safetensors
    except ImportError:
        return None


def enc_value(v, dtype):
    """A JSON-safe scalar: NaN and infinities as text, -0.0 as '-0'."""
    if dtype == 'bool':
        return bool(v)
    if dtype.startswith('float'):
        v = float(v)
        if math.isnan(v):
            return 'nan'
        if math.isinf(v):
            return 'inf' if v > 0 else '-inf'
        if v == 0 and math.copysign(1, v) < 0:
            return '-0'
        return v
    return int(v)


def dec_value(v):
    if v == 'nan':
        return float('nan')
    if v == 'inf':
        return float('inf')
    if v == '-inf':
        return float('-inf')
    if v == '-0':
        return -0.0
    return v


# ----------------------------------------------------------------------------- fixtures

def f8_e4m3(v):
    """Value of one E4M3FN byte, written from the OCP FP8 definition (bias 7, S.1111.111 = NaN)."""
    s = -1.0 if v & 0x80 else 1.0
    e, m = (v >> 3) & 0xF, v & 7
    if e == 15 and m == 7:
        return float('nan')
    if e == 0:
        return s * m / 8 * 2.0 ** -6
    return s * (1 + m / 8) * 2.0 ** (e - 7)


def f8_e5m2(v):
    """Value of one E5M2 byte: IEEE-like with bias 15, infinities and NaNs."""
    s = -1.0 if v & 0x80 else 1.0
    e, m = (v >> 2) & 0x1F, v & 3
    if e == 31:
        return s * float('inf') if m == 0 else float('nan')
    if e == 0:
        return s * m / 4 * 2.0 ** -14
    return s * (1 + m / 4) * 2.0 ** (e - 15)


def fixtures():
    """(file name, tensors as (name, st_dtype, array or (shape, raw, values)), metadata, writable)."""
    out = []
    out.append(('reference_attn.safetensors', [('attn.0', 'F32', np.arange(6, dtype='<f4').reshape(1, 2, 3))],
                None))
    out.append(('empty.safetensors', [], None))
    out.append(('empty_with_metadata.safetensors', [], {'framework': 'pt'}))
    big = 2 ** 53 - 1
    tensors = [
        ('weight', 'F32', np.array([[0.1, -2.5, 3.4028234663852886e38], [1e-45, np.nan, -np.inf]], dtype='<f4')),
        ('bias', 'F64', np.array([0.1, -0.0, np.inf, 5e-324, -1.7976931348623157e308], dtype='<f8')),
        ('step', 'I64', np.array([0, -1, big, -big, 2 ** 40 + 3], dtype='<i8')),
        ('counts', 'I32', np.arange(-6, 6, dtype='<i4').reshape(3, 4)),
        ('ids', 'U32', np.array([0, 4294967295, 123], dtype='<u4')),
        ('small', 'I8', np.array([-128, 127, 0, -1], dtype='|i1')),
        ('pixels', 'U8', np.arange(24, dtype='|u1').reshape(2, 3, 4)),
        ('mask', 'BOOL', np.array([[True, False], [False, True]])),
        ('scalar', 'F64', np.array(2.5, dtype='<f8')),
        ('scalar_i', 'I64', np.array(-3, dtype='<i8')),
        ('empty', 'F32', np.zeros((0, 3), dtype='<f4')),
        ('B', 'F32', np.array([1.0], dtype='<f4')),
        ('a', 'F32', np.array([2.0], dtype='<f4')),
        ('\u00e9t\u00e9', 'U8', np.array([1], dtype='|u1')),
        ('\U0001F600', 'U8', np.array([2], dtype='|u1')),
        ('\uff21', 'U8', np.array([3], dtype='|u1')),
        ('layer.0.weight', 'F32', np.ones((2, 2), dtype='<f4')),
        ('quote"back\\slash\nnewline', 'I8', np.array([7], dtype='|i1')),
    ]
    out.append(('all_dtypes.safetensors', tensors,
                {'format': 'pt', 'note': 'h\u00e9llo "quoted"\n\ttab \u0001 \u2603 \U0001F600 </script>'}))
    out.append(('one_meta.safetensors', [('x', 'F32', np.linspace(-1, 1, 7, dtype='<f4'))], {'framework': 'mlseries'}))

    # Read-only dtypes: widened to float32 / int32 / int64 by mlseries.
    f16_vals = np.array([0.0, -0.0, 1.0, -2.0, 0.333251953125, 65504.0, -65504.0, 6.1035156e-05, 5.96e-08,
                         np.inf, -np.inf, np.nan, 1e-7], dtype='<f2')
    f32_for_bf16 = np.array([0.0, -0.0, 1.0, -3.140625, 3.3895313892515355e38, 1e-40, np.inf, -np.inf, np.nan,
                             0.1], dtype='<f4')
    bf16_bits = (f32_for_bf16.view('<u4') >> 16).astype('<u2')
    bf16_vals = (bf16_bits.astype('<u4') << 16).view('<f4')
    all_bytes = np.arange(256, dtype='|u1')
    widened = [
        ('half', 'F16', ([13], f16_vals.tobytes(), f16_vals.astype('<f4'))),
        ('brain', 'BF16', ([2, 5], bf16_bits.tobytes(), bf16_vals)),
        ('fp8_e4m3', 'F8_E4M3', ([16, 16], all_bytes.tobytes(),
                                 np.array([f8_e4m3(int(v)) for v in all_bytes], dtype='<f4'))),
        ('fp8_e5m2', 'F8_E5M2', ([256], all_bytes.tobytes(),
                                 np.array([f8_e5m2(int(v)) for v in all_bytes], dtype='<f4'))),
        ('short', 'I16', np.array([-32768, 32767, 0, -1], dtype='<i2')),
        ('ushort', 'U16', np.array([0, 65535, 1234], dtype='<u2')),
        ('ulong', 'U64', np.array([0, 2 ** 53 - 1, 2 ** 32 + 5], dtype='<u8')),
    ]
    out.append(('widened.safetensors', widened, None))
    return out


def tensor_parts(t):
    name, dtype, arr = t
    if isinstance(arr, tuple):
        shape, raw, values = arr
        return name, dtype, list(shape), raw, np.asarray(values).reshape(shape)
    arr = np.asarray(arr, dtype=NP[dtype])
    return name, dtype, list(arr.shape), raw_of(dtype, arr), arr


def describe(name, dtype, shape, values):
    ours = OURS[dtype]
    flat = np.asarray(values).reshape(-1)
    return {'name': name, 'file_dtype': dtype, 'dtype': ours, 'shape': shape,
            'values': [enc_value(v, ours) for v in flat.tolist()]}


def compare_with_real(lib, data, parts, metadata, label):
    """The real library must write the same file and read the same arrays."""
    import safetensors.numpy as stnp
    arrays = {n: v for n, d, s, r, v in parts}
    if all(d in WRITABLE for _, d, _, _, _ in parts):
        theirs = stnp.save(arrays, metadata=metadata)
        assert same_layout(theirs, data, metadata), f'{label}: differs from safetensors.numpy.save'
    if all(d in NP for _, d, _, _, _ in parts):
        loaded = stnp.load(data)
        assert set(loaded) == set(arrays), f'{label}: names differ'
        for n, d, s, r, v in parts:
            assert loaded[n].tobytes() == r and list(loaded[n].shape) == s, f'{label}: {n} loads differently'


def same_layout(theirs, ours, metadata):
    """Byte-identical when the metadata has at most one key; else equal up to metadata key order."""
    if metadata is None or len(metadata) <= 1:
        return theirs == ours
    n = struct.unpack('<Q', theirs[:8])[0]
    if n != struct.unpack('<Q', ours[:8])[0] or theirs[8 + n:] != ours[8 + n:]:
        return False
    a = json.loads(theirs[8:8 + n])
    b = json.loads(ours[8:8 + n])
    return a == b and list(a) == list(b)

def generate():
    pin_to_reference_tests()
    lib = real_library()
    os.makedirs(FIX, exist_ok=True)
    expected = {
        'generator': 'test/golden/gen_safetensors.py (pure-Python writer of the reference layout)',
        'checked_with_real_library': None if lib is None else f'safetensors {lib.__version__}',
        'files': [],
    }
    for file, tensors, metadata in fixtures():
        parts = [tensor_parts(t) for t in tensors]
        data = reference_bytes([(n, d, s, r) for n, d, s, r, _ in parts], metadata)
        if lib is not None:
            compare_with_real(lib, data, parts, metadata, file)
        with open(os.path.join(FIX, file), 'wb') as f:
            f.write(data)
        order = [n for n, *_ in sorted(parts, key=lambda p: (-RANK[p[1]], codepoint_key(p[0])))]
        expected['files'].append({
            'file': file, 'bytes': len(data), 'metadata': metadata, 'order': order,
            'writable': all(d in WRITABLE for _, d, _, _, _ in parts),
            'tensors': [describe(n, d, s, v) for n, d, s, _, v in parts],
        })

    # An old-style file: header keys in name order, data in another order, header not padded.
    # The reader must go by data_offsets (the reference sorts entries by offsets on load).
    a = np.arange(3, dtype='<i4').tobytes()
    b = np.array([1.5, -2.5], dtype='<f8').tobytes()
    header = {'a': {'dtype': 'I32', 'shape': [3], 'data_offsets': [16, 28]},
              'b': {'dtype': 'F64', 'shape': [2], 'data_offsets': [0, 16]}}
    text = json.dumps(header, separators=(',', ':')).encode()
    data = struct.pack('<Q', len(text)) + text + b + a
    assert len(text) % 8 != 0
    with open(os.path.join(FIX, 'unpadded_unordered.safetensors'), 'wb') as f:
        f.write(data)
    if lib is not None:
        import safetensors.numpy as stnp
        got = stnp.load(data)
        assert got['a'].tolist() == [0, 1, 2] and got['b'].tolist() == [1.5, -2.5]
    expected['files'].append({
        'file': 'unpadded_unordered.safetensors', 'bytes': len(data), 'metadata': None, 'order': ['b', 'a'],
        'writable': False,
        'tensors': [describe('b', 'F64', [2], [1.5, -2.5]), describe('a', 'I32', [3], [0, 1, 2])],
    })
    out = os.path.join(FIX, 'safetensors_expected.json')
    with open(out, 'w') as f:
        json.dump(expected, f, indent=1, ensure_ascii=False)
        f.write('\n')
    prettier(out)
    print(f'wrote {len(expected["files"])} fixtures to {os.path.relpath(FIX, ROOT)}; '
          + ('checked against the real library: ' + expected['checked_with_real_library'] if lib else
             'the real safetensors package is not installed: checked against the reference layout only'))


def prettier(path):
    """Formats a JSON file as the repository's Prettier does (`npm run lint` checks it)."""
    try:
        subprocess.run(['npx', 'prettier', '--write', path], cwd=ROOT, check=True, capture_output=True, timeout=300)
    except (OSError, subprocess.SubprocessError):
        print(f'note: could not run prettier; run `npx prettier --write {os.path.relpath(path, ROOT)}`')


# ----------------------------------------------------------------------------- --check

class CheckError(Exception):
    pass


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise CheckError(f'duplicate keys in {keys}')
    return dict(pairs)


def check_file(path, entry, lib):
    data = open(path, 'rb').read()
    if len(data) < 8:
        raise CheckError('shorter than 8 bytes')
    n = struct.unpack('<Q', data[:8])[0]
    if n % 8 != 0:
        raise CheckError(f'header length {n} is not a multiple of 8')
    raw = data[8:8 + n]
    text = raw.rstrip(b' ')
    if len(raw) - len(text) >= 8:
        raise CheckError('more than 7 bytes of padding')
    header = json.loads(text.decode('utf-8'), object_pairs_hook=no_duplicates)
    meta = header.pop('__metadata__', None)
    if meta != entry['metadata']:
        raise CheckError(f'metadata {meta!r} != manifest {entry["metadata"]!r}')
    names = list(header)
    want_order = sorted(names, key=lambda k: (-RANK[header[k]['dtype']], codepoint_key(k)))
    if names != want_order:
        raise CheckError(f'tensor order {names} != reference order {want_order}')
    offset = 0
    arrays = {}
    for name in names:
        info = header[name]
        if set(info) != {'dtype', 'shape', 'data_offsets'}:
            raise CheckError(f'{name}: fields {sorted(info)}')
        begin, end = info['data_offsets']
        if begin != offset:
            raise CheckError(f'{name}: begins at {begin}, expected {offset}')
        count = int(np.prod(info['shape'], dtype=np.int64))
        if end - begin != count * np.dtype(NP[info['dtype']]).itemsize:
            raise CheckError(f'{name}: {end - begin} bytes for shape {info["shape"]}')
        arrays[name] = np.frombuffer(data, dtype=NP[info['dtype']], count=count,
                                     offset=8 + n + begin).reshape(info['shape'])
        offset = end
    if 8 + n + offset != len(data):
        raise CheckError(f'file is {len(data)} bytes, header covers {8 + n + offset}')
    # Every value, bit for bit.
    want = {t['name']: t for t in entry['tensors']}
    if set(want) != set(arrays):
        raise CheckError(f'names {sorted(arrays)} != manifest {sorted(want)}')
    for name, a in arrays.items():
        t = want[name]
        if header[name]['dtype'] != {'float64': 'F64', 'float32': 'F32', 'int64': 'I64', 'int32': 'I32',
                                     'uint32': 'U32', 'int8': 'I8', 'uint8': 'U8', 'bool': 'BOOL'}[t['dtype']]:
            raise CheckError(f'{name}: dtype {header[name]["dtype"]} for {t["dtype"]}')
        if list(a.shape) != t['shape']:
            raise CheckError(f'{name}: shape {list(a.shape)} != {t["shape"]}')
        expect = np.array([dec_value(v) for v in t['values']], dtype=NP[header[name]['dtype']]).reshape(t['shape'])
        if a.tobytes() != expect.tobytes():
            raise CheckError(f'{name}: values differ')
    # The reference layout rebuilt from the decoded parts must be the file, byte for byte.
    rebuilt = reference_bytes([(k, header[k]['dtype'], header[k]['shape'], arrays[k].tobytes()) for k in names], meta)
    if rebuilt != data:
        raise CheckError('not byte-identical to the reference layout of the same tensors')
    if lib is not None:
        import safetensors.numpy as stnp
        loaded = stnp.load(data)
        for k, a in arrays.items():
            if loaded[k].tobytes() != a.tobytes() or loaded[k].dtype != a.dtype:
                raise CheckError(f'{k}: the real library loads it differently')
        from safetensors import safe_open
        with safe_open(path, framework='numpy') as f:
            if (f.metadata() or None) != meta:
                raise CheckError('the real library reads other metadata')
        theirs = stnp.save(dict(arrays), metadata=meta)
        if not same_layout(theirs, data, meta):
            raise CheckError('differs from safetensors.numpy.save of the same arrays')

def check(folder):
    lib = real_library()
    manifest = json.load(open(os.path.join(folder, 'manifest.json')))
    bad = 0
    for entry in manifest:
        try:
            check_file(os.path.join(folder, entry['file']), entry, lib)
            print(f'ok   {entry["file"]}')
        except (CheckError, AssertionError, ValueError, KeyError) as e:
            bad += 1
            print(f'FAIL {entry["file"]}: {e}')
    print(f'{len(manifest) - bad} passed, {bad} failed'
          + ('' if lib else ' (real safetensors package not installed: checked against the reference layout only)'))
    return 1 if bad else 0


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == '--check':
        sys.exit(check(sys.argv[2]))
    if len(sys.argv) != 1:
        print(__doc__)
        sys.exit(2)
    generate()
