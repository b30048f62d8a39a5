#!/usr/bin/env python3
"""Golden data for nd's array file IO (group 10 of issue 2).

    python3 test/golden/gen_io.py            # writes test/nd/fixtures/* and test/golden/io.json
    python3 test/golden/gen_io.py --check DIR

The first form writes small files with NumPy (.npy in every version, byte order and dtype we read,
.npz stored and deflated, IDX raw and gzipped) plus io.json: what each file must load as, and
loadtxt / genfromtxt / savetxt / %-format cases with NumPy's results or error messages.

The second form checks the other direction: DIR holds files that our TypeScript wrote
(`npx tsx test/golden/write_io_samples.ts DIR`) and a manifest.json of what each holds; NumPy must
load every one of them equal, and each .npy must be byte-identical to what np.save writes.
"""
import gzip
import io
import json
import math
import os
import struct
import sys
import warnings
import zipfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIX = os.path.join(ROOT, 'test', 'nd', 'fixtures')
OUT = os.path.join(ROOT, 'test', 'golden', 'io.json')

# dtype that each NumPy dtype loads as in mlseries
OURS = {'?': 'bool', 'u1': 'uint8', 'i1': 'int8', 'u2': 'int32', 'i2': 'int32', 'u4': 'uint32',
        'i4': 'int32', 'u8': 'int64', 'i8': 'int64', 'f2': 'float32', 'f4': 'float32', 'f8': 'float64'}


def our_dtype(dt):
    dt = np.dtype(dt)
    return OURS['?' if dt.kind == 'b' else dt.kind + str(dt.itemsize)]


def enc(v):
    """A JSON-safe scalar: non-finite floats and -0.0 as strings."""
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    v = float(v)
    if math.isnan(v):
        return 'nan'
    if math.isinf(v):
        return 'inf' if v > 0 else '-inf'
    if v == 0 and math.copysign(1, v) < 0:
        return '-0'
    return v


def describe(a):
    a = np.asarray(a)
    return {'dtype': our_dtype(a.dtype), 'shape': list(a.shape),
            'values': [enc(v) for v in a.ravel(order='C').tolist()]}


def err(e):
    return {'type': type(e).__name__, 'message': str(e)}


# ----------------------------------------------------------------------------- npy fixtures

def npy_fixtures():
    os.makedirs(FIX, exist_ok=True)
    cases = []

    def save(name, a, version=None, note=None, byte_equal=False):
        path = os.path.join(FIX, name)
        with open(path, 'wb') as f:
            if version is None:
                np.save(f, a)
            else:
                np.lib.format.write_array(f, a, version=version)
        case = {'file': name, 'expect': describe(a), 'fortran': bool(np.isfortran(a)),
                'byteEqual': byte_equal}
        if note:
            case['note'] = note
        cases.append(case)

    f8 = np.array([[0.5, -1.25, np.nan, np.inf], [-np.inf, -0.0, 1e-300, 1.7976931348623157e308],
                   [np.pi, -np.e, 123456789.125, 5e-324]])
    save('f8.npy', f8, byte_equal=True)
    save('f4.npy', np.array([0.1, -2.5, 3.4028235e38, 1e-45, np.nan], dtype='<f4'), byte_equal=True)
    save('i8.npy', np.array([0, -1, 2**53 - 1, -(2**53 - 1), 123456789012, -7], dtype='<i8'),
         byte_equal=True)
    save('i4.npy', np.array([[-2**31, 2**31 - 1], [0, -5]], dtype='<i4'), byte_equal=True)
    save('u4.npy', np.array([0, 1, 4294967295], dtype='<u4'), byte_equal=True)
    save('i1.npy', np.array([-128, -1, 0, 127], dtype='i1'), byte_equal=True)
    save('u1.npy', np.arange(0, 256, 17, dtype='u1').reshape(2, 2, 4), byte_equal=True)
    save('b1.npy', np.array([[True, False, True]]), byte_equal=True)
    save('i2.npy', np.array([-32768, 32767, 1], dtype='<i2'), note='int16 widens to int32')
    save('u2.npy', np.array([0, 65535], dtype='<u2'), note='uint16 widens to int32')
    save('f2.npy', np.array([1.5, -0.0, 65504, 6e-8, np.inf, np.nan], dtype='<f2'),
         note='float16 widens to float32')
    save('u8.npy', np.array([0, 2**53 - 1], dtype='<u8'), note='uint64 reads as int64')
    # big-endian files
    save('f8_be.npy', f8.astype('>f8'))
    save('f4_be.npy', np.array([1.5, -2.25], dtype='>f4'))
    save('i4_be.npy', np.array([1, -2, 2**31 - 1], dtype='>i4'))
    save('i8_be.npy', np.array([-(2**53 - 1), 2**40 + 3, -1], dtype='>i8'))
    save('u4_be.npy', np.array([4294967295, 7], dtype='>u4'))
    save('i2_be.npy', np.array([-300, 300], dtype='>i2'))
    # Fortran order
    save('f8_fortran.npy', np.asfortranarray(np.arange(6.0).reshape(2, 3)))
    save('i4_fortran3d.npy', np.asfortranarray(np.arange(24, dtype='<i4').reshape(2, 3, 4)))
    # 0-d and empty
    save('scalar_f8.npy', np.array(3.5), byte_equal=True)
    save('scalar_i4.npy', np.array(-7, dtype='<i4'), byte_equal=True)
    save('empty_f8.npy', np.zeros((0,)), byte_equal=True)
    save('empty_i1.npy', np.zeros((2, 0, 3), dtype='i1'), byte_equal=True)
    save('ones6d.npy', np.ones((1, 2, 1, 1, 2, 1), dtype='<f4'), byte_equal=True)
    # versions
    save('v2.npy', np.arange(5, dtype='<i8'), version=(2, 0))
    save('v3.npy', np.arange(4, dtype='<f4').reshape(2, 2), version=(3, 0))
    # a wide first dimension (header padding changes with its digit count)
    save('long.npy', np.arange(1000, dtype='u1').astype('u1'), byte_equal=True)

    # files we must refuse (with the offset where the problem is)
    bad = []

    def save_bad(name, a, expect):
        path = os.path.join(FIX, name)
        with open(path, 'wb') as f:
            np.save(f, a)
        bad.append({'file': name, 'error': expect})

    save_bad('i8_too_big.npy', np.array([1, 2**53 + 1, 3], dtype='<i8'), 'element 1')
    save_bad('u8_too_big.npy', np.array([2**63], dtype='<u8'), 'element 0')
    save_bad('c16.npy', np.array([1 + 2j]), "unsupported dtype '<c16'")
    save_bad('unicode.npy', np.array(['ab']), "unsupported dtype '<U2'")
    save_bad('structured.npy', np.zeros(2, dtype=[('a', '<i4'), ('b', '<f8')]), 'structured dtypes')

    # a Python 2 header ('3L'): NumPy still reads these
    hdr = "{'descr': '<i8', 'fortran_order': False, 'shape': (3L,), }"
    hdr += ' ' * (64 - 10 - len(hdr) - 1) + '\n'
    with open(os.path.join(FIX, 'py2_header.npy'), 'wb') as f:
        f.write(b'\x93NUMPY\x01\x00' + struct.pack('<H', len(hdr)) + hdr.encode('latin1'))
        f.write(np.array([1, 2, 3], dtype='<i8').tobytes())
    cases.append({'file': 'py2_header.npy', 'expect': describe(np.array([1, 2, 3])), 'fortran': False,
                  'byteEqual': False, 'note': "Python 2 long '3L' in the shape"})
    return cases, bad


def npz_fixtures():
    cases = []
    x = np.arange(6, dtype='<i8').reshape(2, 3)
    y = np.eye(3)
    z = np.array([True, False])
    for name, fn in [('stored.npz', np.savez), ('deflated.npz', np.savez_compressed)]:
        path = os.path.join(FIX, name)
        fn(path, np.linspace(0, 1, 5), x=x, y=y, flags=z)
        with np.load(path) as f:
            cases.append({'file': name, 'arrays': {k: describe(f[k]) for k in f.files}})
    np.savez(os.path.join(FIX, 'empty.npz'))
    cases.append({'file': 'empty.npz', 'arrays': {}})
    return cases


# ----------------------------------------------------------------------------- IDX fixtures

IDX_CODES = {'u1': 0x08, 'i1': 0x09, 'i2': 0x0B, 'i4': 0x0C, 'f4': 0x0D, 'f8': 0x0E}


def idx_bytes(a):
    a = np.asarray(a)
    code = IDX_CODES[a.dtype.kind + str(a.dtype.itemsize)]
    head = bytes([0, 0, code, a.ndim]) + b''.join(struct.pack('>I', d) for d in a.shape)
    return head + a.astype(a.dtype.newbyteorder('>')).tobytes()


def idx_fixtures():
    cases = []
    rng = np.random.default_rng(5)
    images = rng.integers(0, 256, size=(6, 5, 4), dtype=np.uint8)
    labels = rng.integers(0, 10, size=6, dtype=np.uint8)
    arrays = {
        't10k-images-idx3-ubyte': images,
        't10k-labels-idx1-ubyte': labels,
        'int8.idx': np.array([[-128, 5], [127, -1]], dtype='i1'),
        'int16.idx': np.array([-32768, 1000, 32767], dtype='>i2'),
        'int32.idx': np.array([[-2**31, 7, 2**31 - 1]], dtype='>i4'),
        'float32.idx': np.array([0.1, -1.5, np.inf], dtype='>f4'),
        'float64.idx': np.array([[np.pi], [-1e300]], dtype='>f8'),
    }
    for name, a in arrays.items():
        data = idx_bytes(a)
        with open(os.path.join(FIX, name), 'wb') as f:
            f.write(data)
        cases.append({'file': name, 'expect': describe(a), 'magic': int.from_bytes(data[:4], 'big')})
    for name in ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']:
        with open(os.path.join(FIX, name), 'rb') as f:
            raw = f.read()
        with open(os.path.join(FIX, name + '.gz'), 'wb') as f:
            f.write(gzip.compress(raw, mtime=0))
        cases.append({'file': name + '.gz', 'expect': describe(arrays[name]),
                      'magic': int.from_bytes(raw[:4], 'big')})
    return cases


# ----------------------------------------------------------------------------- text cases

PY_LOADTXT = {'delimiter': 'delimiter', 'skiprows': 'skiprows', 'usecols': 'usecols', 'dtype': 'dtype',
              'comments': 'comments', 'maxRows': 'max_rows', 'unpack': 'unpack', 'ndmin': 'ndmin'}
PY_GENFROMTXT = {'delimiter': 'delimiter', 'skipHeader': 'skip_header', 'skipFooter': 'skip_footer',
                 'usecols': 'usecols', 'dtype': 'dtype', 'comments': 'comments', 'names': 'names',
                 'missingValues': 'missing_values', 'fillingValues': 'filling_values',
                 'maxRows': 'max_rows', 'unpack': 'unpack', 'ndmin': 'ndmin',
                 'invalidRaise': 'invalid_raise', 'autostrip': 'autostrip'}


def py_kwargs(opts, table):
    kw = {}
    for k, v in opts.items():
        if k == 'fillingValues' and isinstance(v, dict):
            v = {int(a): b for a, b in v.items()}
        if isinstance(v, list) and k == 'usecols':
            v = tuple(v)
        kw[table[k]] = v
    return kw


def result_of(r):
    if isinstance(r, (list, tuple)):
        return {'list': [describe(x) for x in r]}
    if r.dtype.names is not None:
        return {'fields': {n: describe(r[n]) for n in r.dtype.names}}
    return describe(r)


def text_case(fn, table, text, opts, ours_error='FormatError'):
    case = {'text': text, 'opts': opts}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            r = fn(io.StringIO(text), **py_kwargs(opts, table))
        case['result'] = result_of(r)
    except Exception as e:  # noqa: BLE001 - NumPy's exception is the expectation
        case['error'] = err(e)
        case['ours'] = ours_error
    return case


def loadtxt_cases():
    L = lambda text, ours='FormatError', **opts: text_case(np.loadtxt, PY_LOADTXT, text, opts, ours)  # noqa: E731
    return [
        # COURSE.md Day 1: CSV with a header line
        L('name_a,name_b,name_c\n1,2,3\n4,5,6\n', delimiter=',', skiprows=1),
        L('1,2\n3,4', delimiter=','),
        L('1 2 3\n4 5 6'),
        L(' 1  2 \n\n  3 4 # c\n'),
        L('# comment\n1\t2\n3\t4\n', delimiter='\t'),
        L('1;2//c\n3;4', delimiter=';', comments='//'),
        L('1 2 # a\n3 4 // b', comments=['#', '//']),
        L('1,2\r\n3,4\r\n', delimiter=','),
        L('1 2 3'),
        L('5'),
        L('1\n2\n3'),
        L('1 2 3', ndmin=2),
        L('1\n2\n3', ndmin=2),
        L('5', ndmin=1),
        L('', ndmin=0),
        L('', ndmin=2),
        L('# only a comment\n'),
        L('1 2 3\n4 5 6', usecols=[2, 0]),
        L('1 2 3\n4 5 6', usecols=1),
        L('1 2 3\n4 5 6', usecols=-1),
        L('1 2\n3 4', usecols=5),
        L('1 2\n3 4', unpack=True),
        L('1 2\n3 4\n5 6', skiprows=1, maxRows=1),
        L('h\n#c\n\n1 2\n3 4\n5 6', skiprows=1, maxRows=2),
        L('1 2\n3 4', dtype='int32'),
        L('-0 +5 -7', dtype='int8'),
        L('1 0 2', dtype='uint8'),
        L('0 1 -2', dtype='bool'),
        L('1 2', dtype='float32'),
        L('3.4028236e38 1e-46', dtype='float32'),
        L('1e3 inf -inf nan NaN +1 -Infinity .5 5. 1E-2'),
        L('1e400 -1e400 1e-400'),
        L('9007199254740991 -9007199254740991', dtype='int64'),
        # errors
        L('1 2\n3 4 5'),
        L('1 2\n\n3'),
        L('1 abc\n3 4'),
        L('1,,2', delimiter=','),
        L('1.5 2', dtype='int64'),
        L('300 -1', dtype='uint8'),
        L('2147483648', dtype='int32'),
        L('0x10'),
        L('1_000 2'),
        L('1 2\n3 x'),
        L('h\n#c\n\n1 2\n3 x', skiprows=1),
        L('1,2\n3, 4', delimiter=','),
        L('1,2\n  \n3,4', delimiter=','),
        L('1,2\n  # c\n3,4', delimiter=','),
        L('1,2 \n3,4 # c', delimiter=','),
        L('1, x', delimiter=','),
        L('1 2 x\n4 5 6', usecols=[2, 0]),
        L('1 2 3\n4 5', usecols=[0, 1]),
        L('', usecols=[0, 1], ndmin=2),
        L('1  2', delimiter=' '),
        L('1 2\n3 4', usecols=[]),
        L('1\u00a02'),
        L(' \t1\t2', delimiter='\t'),
        L('1 2\n3 4\n', maxRows=0),
        L('1 2\n3 4', ndmin=3, ours='ValueError'),
        L('1 2', comments='', ours='ValueError'),
    ]


def genfromtxt_cases():
    G = lambda text, ours='FormatError', **opts: text_case(np.genfromtxt, PY_GENFROMTXT, text, opts, ours)  # noqa: E731
    return [
        # COURSE.md Day 1: missing values become NaN
        G('1,2,3\n4,,6\n7,8,', delimiter=','),
        G('1,abc,3', delimiter=','),
        G('1,2\n3,N/A', delimiter=',', missingValues='N/A'),
        G('1,2\n3,N/A\n,5', delimiter=',', missingValues='N/A', fillingValues=0),
        G('1,2\n,N/A', delimiter=',', missingValues=['', 'N/A'], fillingValues=[-1, -2]),
        G('1,2\n,N/A', delimiter=',', missingValues='N/A', fillingValues={'1': -9}),
        G('1,-999\n2,3', delimiter=',', missingValues='-999', fillingValues=0),
        G('1 2 3\n4 5\n6 7 8'),
        G('1 2 3\n4 5\n6 7 8\n9', invalidRaise=False),
        G('x\n1,2\n3,4', delimiter=',', skipHeader=1),
        G('1,2\n3,4\nfoot', delimiter=',', skipFooter=1),
        G('1,2\n3,4\n5,6', delimiter=',', skipFooter=1),
        G('1,2,3\n4,5,6', delimiter=',', usecols=[0, 2]),
        G('1,2,3\n4,5,6', delimiter=',', usecols=[-1]),
        G('1, 2 ,3', delimiter=','),
        G(' 1 ,  , 3', delimiter=','),
        G('1,2\n3,4', delimiter=',', maxRows=1),
        G(''),
        G('1 2 #c\n#x\n\n3 4'),
        G('1,2,\n3,4,', delimiter=','),
        G('1,2\n3,4', delimiter=',', unpack=True),
        G('1;nan;inf;-inf', delimiter=';'),
        G('1_0 2e1 0x10 True'),
        G('1,2\n,4\n1.5,x', delimiter=',', dtype='int64'),
        G('True FALSE 1 0 true', dtype='bool'),
        G('1 2', dtype='float32'),
        G('a,b\n1,2\n3,4', delimiter=',', names=True),
        G('# a b\n1 2\n3 4', names=True),
        G('#a,b c,d\n1,2,3\n4,5,6', delimiter=',', names=True),
        G('1,2,3\n4,5,6', delimiter=',', names=['x', 'y', 'z']),
        G('1,2,3\n4,5,6', delimiter=',', names='p, q, r', usecols=[0, 2]),
        G('a,b,c\n1,2,3\n4,,6', delimiter=',', names=True, usecols=['c', 'a']),
        G('a b\n1 2', names=True),
        G('1\n2\n3', ndmin=2),
        G('1,2\n3,4', delimiter=',', skipFooter=1, maxRows=1, ours='ValueError'),
    ]


def savetxt_cases():
    cases = []

    def S(a, ours='ValueError', **opts):
        a = np.asarray(a)
        case = {'array': describe(a), 'opts': opts}
        try:
            buf = io.StringIO()
            np.savetxt(buf, a, **opts)
            case['text'] = buf.getvalue()
        except Exception as e:  # noqa: BLE001
            case['error'] = err(e)
            case['ours'] = ours
        cases.append(case)

    S(np.array([[1.5, -2.0], [3.25, 1e-10]]))
    S(np.array([1.0, 2.5, np.nan, np.inf, -np.inf]))
    S(np.arange(6).reshape(2, 3), fmt='%d', delimiter=',')
    S(np.arange(6).reshape(2, 3), fmt=['%d', '%.2f', '%5.1e'])
    S(np.arange(6).reshape(3, 2), fmt='%d | %.3f')
    S(np.array([[0.1, 0.2]]), fmt='%.17g', header='x y\nsecond line', footer='end', comments='## ')
    S(np.array([[1, 2]], dtype='i4'), fmt='%s', newline='\r\n', header='h')
    S(np.array([0.1, 1.0, 1e-5, 1e16, 123456.789], dtype='f4'), fmt='%s')
    S(np.array([0.1, 1.0, 1e-5, 1e16, 123456.789, -0.0]), fmt='%s')
    S(np.array([True, False]), fmt='%d')
    S(np.array([True, False]), fmt='%s')
    S(np.array([2.5, 0.125, 0.375, -2.5]), fmt='%.0f')
    S(np.array([[2.5, 0.125, 0.375, -2.5]]), fmt='%.0f %.2f %.2f %.0f')
    S(np.array(5.0))
    S(np.zeros((2, 2, 2)))
    S(np.ones((2, 3)), fmt='%d %d')
    S(np.ones((2, 3)), fmt=['%d', '%d'])
    S(np.zeros((0, 3)))
    return cases


def pyformat_cases():
    cases = []

    def P(fmt, values, dtype='float64'):
        arr = np.array(values, dtype=dtype)
        case = {'fmt': fmt, 'values': describe(arr), 'dtype': our_dtype(arr.dtype)}
        try:
            case['out'] = fmt % tuple(arr)
        except Exception as e:  # noqa: BLE001
            case['error'] = err(e)
        cases.append(case)

    ties = [0.5, 1.5, 2.5, 3.5, -0.5, -2.5, 0.125, 0.375, 2.675, 1.005, 1e-7, 9.5, 99.5, 0.05, 25.0, 125.0]
    for f in ['%.0f', '%.1f', '%.2f', '%.0e', '%.1e', '%.2e', '%.1g', '%.2g', '%g']:
        for v in ties:
            P(f, [v])
    for v in [0.0, -0.0, 1.0, 0.1, 123.456, 1e-5, 1e-4, 1e15, 1e16, 1e22, 2**53, 5e-324,
              1.7976931348623157e308, np.nan, np.inf, -np.inf]:
        for f in ['%s', '%.18e', '%f', '%g', '%.17g', '%e', '%G', '%E', '%10.3f', '%-12.4e|', '%+.2f',
                  '% .3g', '%012.4f', '%#.0f', '%#g', '%d']:
            P(f, [v])
    for v in [0, 7, -7, 255, 2**31 - 1, -(2**53 - 1)]:
        for f in ['%d', '%5d', '%-5d|', '%05d', '%+d', '% d', '%x', '%#x', '%X', '%o', '%#o', '%.3d',
                  '%s', '%.2f', '%i', '%u']:
            P(f, [v], 'int64')
    for v in [0.1, 1e-5, 3.4028235e38, 16777217.0, 1.0, 123456.789, 1e-45]:
        P('%s', [v], 'float32')
    P('%x', [1.5])
    P('%d,%d', [1.5, -2.7])
    P('%5s|%-5s|%.2s', [1.5, 2.0, 3.25])
    P('%d%%', [50], 'int64')
    rng = np.random.default_rng(11)
    vals = np.concatenate([rng.standard_normal(40) * 10.0 ** rng.integers(-12, 12, 40),
                           rng.integers(-10**6, 10**6, 10) / 8.0])
    for f in ['%.18e', '%.6f', '%g', '%.17g', '%s', '%.3e', '%.10f']:
        for v in vals:
            P(f, [v])
    return cases


def generate():
    npy, npy_bad = npy_fixtures()
    data = {
        'npy': npy,
        'npyBad': npy_bad,
        'npz': npz_fixtures(),
        'idx': idx_fixtures(),
        'loadtxt': loadtxt_cases(),
        'genfromtxt': genfromtxt_cases(),
        'savetxt': savetxt_cases(),
        'pyformat': pyformat_cases(),
    }
    with open(OUT, 'w') as f:
        # one case per line: readable diffs, a third of the size of indented JSON
        f.write('{\n')
        for i, (group, cases) in enumerate(data.items()):
            f.write(f' {json.dumps(group)}: [\n')
            f.write(',\n'.join('  ' + json.dumps(c, separators=(',', ':')) for c in cases))
            f.write('\n ]' + (',' if i < len(data) - 1 else '') + '\n')
        f.write('}\n')
    total = sum(len(v) for v in data.values())
    size = sum(os.path.getsize(os.path.join(FIX, n)) for n in os.listdir(FIX))
    print(f'wrote {OUT}: {total} cases; fixtures {len(os.listdir(FIX))} files, {size} bytes')


# ----------------------------------------------------------------------------- --check

def decode(d):
    vals = [float(v) if isinstance(v, str) and v != '-0' else (-0.0 if v == '-0' else v) for v in d['values']]
    np_dtype = {'bool': '?', 'uint8': 'u1', 'int8': 'i1', 'uint32': 'u4', 'int32': 'i4', 'int64': 'i8',
                'float32': 'f4', 'float64': 'f8'}[d['dtype']]
    return np.array(vals, dtype=np_dtype).reshape(d['shape'])


def same(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b, equal_nan=a.dtype.kind == 'f') \
        and (a.dtype.kind != 'f' or np.array_equal(np.signbit(a), np.signbit(b)))


def read_idx(path):
    raw = open(path, 'rb').read()
    if raw[:2] == b'\x1f\x8b':
        raw = gzip.decompress(raw)
    code, ndim = raw[2], raw[3]
    shape = struct.unpack('>' + 'I' * ndim, raw[4:4 + 4 * ndim])
    dt = {0x08: '>u1', 0x09: '>i1', 0x0B: '>i2', 0x0C: '>i4', 0x0D: '>f4', 0x0E: '>f8'}[code]
    a = np.frombuffer(raw, dtype=dt, offset=4 + 4 * ndim)
    assert a.size == int(np.prod(shape)), f'{path}: size mismatch'
    return a.reshape(shape).astype(np.dtype(dt).newbyteorder('='))


def check(folder):
    manifest = json.load(open(os.path.join(folder, 'manifest.json')))
    n = 0
    failures = []
    for item in manifest:
        path = os.path.join(folder, item['file'])
        kind = item['kind']
        try:
            if kind == 'npy':
                got = np.load(path)
                want = decode(item['expect'])
                assert same(got, want), f'values differ: {got!r} vs {want!r}'
                buf = io.BytesIO()
                np.save(buf, want)
                assert open(path, 'rb').read() == buf.getvalue(), 'bytes differ from np.save'
            elif kind == 'npz':
                with np.load(path) as f:
                    assert sorted(f.files) == sorted(item['arrays']), f'keys {f.files}'
                    for k, d in item['arrays'].items():
                        assert same(f[k], decode(d)), f'{k} differs'
                    z = zipfile.ZipFile(path)
                    assert z.testzip() is None, 'bad CRC'
                    methods = {i.compress_type for i in z.infolist()}
                    assert methods <= {item['method']}, f'methods {methods}'
            elif kind == 'idx':
                got = read_idx(path)
                want = decode(item['expect'])
                assert np.array_equal(got, want.astype(got.dtype)) and got.shape == want.shape, 'differs'
            elif kind == 'txt':
                got = np.loadtxt(path, **py_kwargs(item.get('loadOpts', {}), PY_LOADTXT))
                want = decode(item['expect'])
                assert got.shape == want.shape and np.array_equal(got, want.astype(got.dtype), equal_nan=True), \
                    f'{got!r} vs {want!r}'
                if 'numpyText' in item:
                    buf = io.StringIO()
                    np.savetxt(buf, decode(item.get('source', item['expect'])), **item['numpyText'])
                    assert open(path, newline='').read() == buf.getvalue(), 'text differs from np.savetxt'
            else:
                raise AssertionError(f'unknown kind {kind}')
            n += 1
        except AssertionError as e:
            failures.append(f'{item["file"]}: {e}')
    for f in failures:
        print('FAIL', f)
    print(f'checked {n} of {len(manifest)} files written by mlseries: '
          f'{"all load equal in NumPy" if not failures else f"{len(failures)} failed"}')
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    if len(sys.argv) >= 3 and sys.argv[1] == '--check':
        check(sys.argv[2])
    else:
        generate()
