// AssemblyScript (compiled by scripts/build-wasm.mjs, not by tsc): helpers shared by the kernels.
//
// Every exported kernel takes (args, tid, nt): `args` points at a record of float64 slots that the
// JS side (src/kernels/wasm/*.ts) wrote into the shared heap, `tid` is this thread's index and
// `nt` the number of threads working on the same record. Slot 0 holds the task counter: threads
// take tasks with an atomic add until they run out, so a slow thread simply takes fewer tasks.

/** Reads slot `i` of an argument record as an integer (sizes, strides, byte pointers). */
export function argI(args: usize, i: i32): i32 {
  return <i32>load<f64>(args + ((<usize>i) << 3));
}

/** Reads slot `i` of an argument record as a pointer. */
export function argP(args: usize, i: i32): usize {
  return <usize>load<f64>(args + ((<usize>i) << 3));
}

/** Reads slot `i` of an argument record as a float. */
export function argF(args: usize, i: i32): f64 {
  return load<f64>(args + ((<usize>i) << 3));
}

/** Takes the next task index from the record's counter (slot 0, as an int32). */
export function nextTask(args: usize): i32 {
  return atomic.add<i32>(args, 1);
}

/** Heap start: the JS arena places its buffers above this address. */
export function heapBase(): usize {
  return __heap_base;
}
