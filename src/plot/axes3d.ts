/**
 * A 3-D Axes for loss landscapes: `ax.surface((x, y) => loss(x, y), { xlim, ylim })` draws a shaded
 * surface in an orthographic projection (elevation/azimuth as Matplotlib's `view_init`, default
 * 30°/−60°) and `ax.plot3d(xs, ys, zs)` a descent path over it. Quads are painted back to front.
 */
import { linspace, toGrid, toVector } from './data.js';
import { cssColor, COLOR_CYCLE } from './color.js';
import { colormap, normalize, type Colormap, type ColormapName } from './colormap.js';
import { sampleFunction, type ContourFunction, type ContourGrid } from './contour.js';
import { PlotError } from './errors.js';
import type { CellSpec, Margins, Panel } from './layout.js';
import { drawMarker, type MarkerKind } from './markers.js';
import { drawText, FONT_SIZES, measureText } from './text.js';
import { makeScale } from './ticks.js';
import type { Rect, RenderContext, Vector } from './types.js';

/** Options of a 3-D Axes. */
export interface Axes3DOptions {
  /** Elevation of the viewer above the x-y plane, degrees (default 30). */
  elev?: number;
  /** Azimuth of the viewer around z, degrees (default −60). */
  azim?: number;
}

/** Options of `ax.surface`. */
export interface SurfaceOptions {
  /** x range to sample a function over (required for functions). */
  xlim?: readonly [number, number];
  ylim?: readonly [number, number];
  /** Samples per axis for a function (default 40). */
  resolution?: number;
  cmap?: ColormapName | `${ColormapName}_r` | Colormap;
  /** Lambert shading from a light above-left (default true). */
  shade?: boolean;
  /** Grid lines on the surface, e.g. 'rgba(0,0,0,0.25)' (default none). */
  edgeColor?: string;
  alpha?: number;
}

/** Options of `ax.plot3d`. */
export interface Path3DOptions {
  color?: string;
  lineWidth?: number;
  marker?: MarkerKind | 'none';
  markerSize?: number;
  label?: string;
}

type Vec3 = [number, number, number];

interface SurfaceData {
  xs: Float64Array;
  ys: Float64Array;
  z: Float64Array; // z[j * nx + i] at (xs[i], ys[j])
  options: SurfaceOptions;
  cmap: Colormap;
}

interface PathData {
  xs: Float64Array;
  ys: Float64Array;
  zs: Float64Array;
  options: Path3DOptions;
  color: string;
}

/** A 3-D Axes (made by `fig.subplot3d(…)`). */
export class Axes3D implements Panel {
  private elev: number;
  private azim: number;
  private readonly surfaces: SurfaceData[] = [];
  private readonly paths: PathData[] = [];
  private titleText = '';
  private labels = { x: '', y: '', z: '' };
  private lims: { x?: [number, number]; y?: [number, number]; z?: [number, number] } = {};
  private cycle = 0;
  /** Where the last render projected data to pixels. */
  private projectFn: (x: number, y: number, z: number) => [number, number] = () => [0, 0];

  constructor(
    readonly cell: CellSpec,
    opts: Axes3DOptions = {},
  ) {
    this.elev = opts.elev ?? 30;
    this.azim = opts.azim ?? -60;
  }

  /** Sets the viewing angles in degrees (Matplotlib's `view_init`). */
  view(elev: number, azim: number): this {
    this.elev = elev;
    this.azim = azim;
    return this;
  }

  title(text: string): this {
    this.titleText = text;
    return this;
  }

  xlabel(text: string): this {
    this.labels.x = text;
    return this;
  }

  ylabel(text: string): this {
    this.labels.y = text;
    return this;
  }

  zlabel(text: string): this {
    this.labels.z = text;
    return this;
  }

  zlim(lo: number, hi: number): this {
    this.lims.z = [lo, hi];
    return this;
  }

  /** A surface z = f(x, y) (sampled over xlim × ylim) or a grid `{ z, x, y }` / matrix. */
  surface(source: ContourFunction | ContourGrid, opts: SurfaceOptions = {}): this {
    let xs: Float64Array;
    let ys: Float64Array;
    let z: Float64Array;
    if (typeof source === 'function') {
      if (!opts.xlim || !opts.ylim) throw new PlotError('surface: a function needs xlim and ylim');
      const n = opts.resolution ?? 40;
      const s = sampleFunction(source, opts.xlim, opts.ylim, n, n);
      ({ xs, ys } = s);
      z = s.grid.data;
    } else {
      const g = toGrid(source.z, 'surface z');
      xs = source.x ? toVector(source.x, 'surface x') : linspace(0, g.cols - 1, g.cols);
      ys = source.y ? toVector(source.y, 'surface y') : linspace(0, g.rows - 1, g.rows);
      if (xs.length !== g.cols || ys.length !== g.rows) {
        throw new PlotError(
          `surface: z has shape (${g.rows}, ${g.cols}) but x has ${xs.length} and y ${ys.length} values`,
        );
      }
      z = g.data;
    }
    this.surfaces.push({ xs, ys, z, options: opts, cmap: colormap(opts.cmap ?? 'viridis') });
    return this;
  }

  /** A path through 3-D points (a descent path on the loss surface). */
  plot3d(xs: Vector, ys: Vector, zs: Vector, opts: Path3DOptions = {}): this {
    const x = toVector(xs, 'plot3d x');
    const y = toVector(ys, 'plot3d y');
    const z = toVector(zs, 'plot3d z');
    if (x.length !== y.length || x.length !== z.length) {
      throw new PlotError(
        `plot3d: xs, ys, zs must have the same length, got ${x.length}, ${y.length}, ${z.length}`,
      );
    }
    const color = cssColor(opts.color ?? COLOR_CYCLE[this.cycle++ % COLOR_CYCLE.length]!);
    this.paths.push({ xs: x, ys: y, zs: z, options: opts, color });
    return this;
  }

  /** Data → canvas pixels, valid after the figure has been drawn. */
  project(x: number, y: number, z: number): [number, number] {
    return this.projectFn(x, y, z);
  }

  private limits(): { x: [number, number]; y: [number, number]; z: [number, number] } {
    const ext = (arrays: Float64Array[], set?: [number, number]): [number, number] => {
      if (set) return set;
      let lo = Infinity;
      let hi = -Infinity;
      for (const a of arrays)
        for (const v of a) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
      if (!(lo <= hi)) return [0, 1];
      return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
    };
    return {
      x: ext([...this.surfaces.map((s) => s.xs), ...this.paths.map((p) => p.xs)], this.lims.x),
      y: ext([...this.surfaces.map((s) => s.ys), ...this.paths.map((p) => p.ys)], this.lims.y),
      z: ext([...this.surfaces.map((s) => s.z), ...this.paths.map((p) => p.zs)], this.lims.z),
    };
  }

  prepare(_rc: RenderContext): void {}

  margins(rc: RenderContext, _cell: Rect): Margins {
    const titleH = this.titleText
      ? measureText(rc.ctx, this.titleText, FONT_SIZES.title, rc.fontFamily).height + 8
      : 0;
    return { left: 8, right: 8, top: titleH + 4, bottom: 8 };
  }

  draw(rc: RenderContext, plot: Rect): void {
    const { ctx } = rc;
    const f = rc.fontFamily;
    const lim = this.limits();
    // Normalised box coordinates: x, y in [−1, 1], z in [−0.75, 0.75] (Matplotlib's 4:4:3 box).
    const box = (x: number, y: number, z: number): Vec3 => [
      ((x - lim.x[0]) / (lim.x[1] - lim.x[0])) * 2 - 1,
      ((y - lim.y[0]) / (lim.y[1] - lim.y[0])) * 2 - 1,
      (((z - lim.z[0]) / (lim.z[1] - lim.z[0])) * 2 - 1) * 0.75,
    ];
    const e = (this.elev * Math.PI) / 180;
    const a = (this.azim * Math.PI) / 180;
    const eye: Vec3 = [Math.cos(e) * Math.cos(a), Math.cos(e) * Math.sin(a), Math.sin(e)];
    const right: Vec3 = [-Math.sin(a), Math.cos(a), 0];
    const up: Vec3 = [-Math.sin(e) * Math.cos(a), -Math.sin(e) * Math.sin(a), Math.cos(e)];
    const dot = (p: Vec3, q: Vec3) => p[0] * q[0] + p[1] * q[1] + p[2] * q[2];
    // Fit the projected box into the plot area, leaving room for tick and axis labels.
    const corners: Vec3[] = [];
    for (const cx of [-1, 1])
      for (const cy of [-1, 1]) for (const cz of [-0.75, 0.75]) corners.push([cx, cy, cz]);
    const sx = corners.map((p) => dot(p, right));
    const sy = corners.map((p) => dot(p, up));
    const bw = Math.max(...sx) - Math.min(...sx);
    const bh = Math.max(...sy) - Math.min(...sy);
    const scale = Math.min((plot.width - 110) / bw, (plot.height - 70) / bh);
    const cx = plot.x + plot.width / 2 - ((Math.max(...sx) + Math.min(...sx)) / 2) * scale;
    const cy = plot.y + plot.height / 2 + ((Math.max(...sy) + Math.min(...sy)) / 2) * scale;
    const toPx = (p: Vec3): [number, number] => [cx + dot(p, right) * scale, cy - dot(p, up) * scale];
    this.projectFn = (x, y, z) => toPx(box(x, y, z));

    ctx.save();
    // Back panes: for each axis the face farther from the eye, with grid lines at the ticks.
    const back = { x: eye[0] > 0 ? -1 : 1, y: eye[1] > 0 ? -1 : 1, z: eye[2] > 0 ? -0.75 : 0.75 };
    const ticks = {
      x: makeScale('linear', lim.x, [-1, 1]).ticks(5),
      y: makeScale('linear', lim.y, [-1, 1]).ticks(5),
      z: makeScale('linear', lim.z, [-0.75, 0.75]).ticks(5),
    };
    const poly = (pts: Vec3[]) => {
      ctx.beginPath();
      pts.forEach((p, i) => {
        const [px, py] = toPx(p);
        if (i === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      });
      ctx.closePath();
    };
    const line = (p: Vec3, q: Vec3) => {
      const [x0, y0] = toPx(p);
      const [x1, y1] = toPx(q);
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
    };
    ctx.fillStyle = '#f2f2f2';
    ctx.strokeStyle = '#d0d0d0';
    ctx.lineWidth = 0.8;
    poly([
      [back.x, -1, -0.75],
      [back.x, 1, -0.75],
      [back.x, 1, 0.75],
      [back.x, -1, 0.75],
    ]);
    ctx.fill();
    ctx.stroke();
    poly([
      [-1, back.y, -0.75],
      [1, back.y, -0.75],
      [1, back.y, 0.75],
      [-1, back.y, 0.75],
    ]);
    ctx.fill();
    ctx.stroke();
    poly([
      [-1, -1, back.z],
      [1, -1, back.z],
      [1, 1, back.z],
      [-1, 1, back.z],
    ]);
    ctx.fill();
    ctx.stroke();
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const v of ticks.x) {
      const X = box(v, lim.y[0], lim.z[0])[0];
      line([X, back.y, -0.75], [X, back.y, 0.75]);
      line([X, -1, back.z], [X, 1, back.z]);
    }
    for (const v of ticks.y) {
      const Y = box(lim.x[0], v, lim.z[0])[1];
      line([back.x, Y, -0.75], [back.x, Y, 0.75]);
      line([-1, Y, back.z], [1, Y, back.z]);
    }
    for (const v of ticks.z) {
      const Z = box(lim.x[0], lim.y[0], v)[2];
      line([back.x, -1, Z], [back.x, 1, Z]);
      line([-1, back.y, Z], [1, back.y, Z]);
    }
    ctx.stroke();

    // Surface quads, back to front.
    for (const s of this.surfaces) this.drawSurface(rc, s, box, toPx, eye, lim.z);

    // Paths: a white halo under the coloured line so it reads over the surface.
    for (const p of this.paths) {
      const pts = Array.from(p.xs, (x, i) => toPx(box(x, p.ys[i]!, p.zs[i]!)));
      const w = p.options.lineWidth ?? 2;
      for (const [color, width] of [
        ['#ffffff', w + 2.5],
        [p.color, w],
      ] as const) {
        ctx.strokeStyle = color;
        ctx.lineWidth = width;
        ctx.lineJoin = 'round';
        ctx.beginPath();
        pts.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
        ctx.stroke();
      }
      const marker = p.options.marker ?? 'o';
      if (marker !== 'none') {
        for (const [x, y] of pts)
          drawMarker(ctx, marker, x, y, p.options.markerSize ?? 4, p.color, '#ffffff', 0.8);
      }
    }

    // Axes along the front edges of the floor, and z on the left.
    const centre = toPx([0, 0, 0]);
    const zFloor = eye[2] > 0 ? -0.75 : 0.75;
    const yFront = -back.y;
    const xFront = -back.x;
    ctx.strokeStyle = '#000000';
    ctx.fillStyle = '#000000';
    ctx.lineWidth = 0.8;
    const axisLine = (p: Vec3, q: Vec3, values: number[], at: (v: number) => Vec3, label: string) => {
      ctx.beginPath();
      line(p, q);
      ctx.stroke();
      const mid = toPx([(p[0] + q[0]) / 2, (p[1] + q[1]) / 2, (p[2] + q[2]) / 2]);
      let ox = mid[0] - centre[0];
      let oy = mid[1] - centre[1];
      const len = Math.hypot(ox, oy) || 1;
      ox /= len;
      oy /= len;
      const fmt = makeScale('linear', [values[0] ?? 0, values[values.length - 1] ?? 1], [0, 1]).tickFormat(
        values.length,
      );
      let far = 0;
      for (const v of values) {
        const [tx, ty] = toPx(at(v));
        ctx.beginPath();
        ctx.moveTo(tx, ty);
        ctx.lineTo(tx + ox * 5, ty + oy * 5);
        ctx.stroke();
        const text = fmt(v);
        const tw = measureText(ctx, text, FONT_SIZES.tick - 1, f).width;
        const dist = 10 + Math.abs(ox) * tw * 0.5;
        far = Math.max(far, dist + Math.abs(ox) * tw * 0.5);
        drawText(
          ctx,
          text,
          tx + ox * dist,
          ty + oy * (dist - 2),
          { fontSize: FONT_SIZES.tick - 1, ha: 'center', va: 'center' },
          f,
        );
      }
      if (label) {
        drawText(
          ctx,
          label,
          mid[0] + ox * (far + 14),
          mid[1] + oy * (far + 6),
          { fontSize: FONT_SIZES.label - 1, ha: 'center', va: 'center' },
          f,
        );
      }
    };
    axisLine(
      [-1, yFront, zFloor],
      [1, yFront, zFloor],
      ticks.x,
      (v) => [box(v, lim.y[0], lim.z[0])[0], yFront, zFloor],
      this.labels.x,
    );
    axisLine(
      [xFront, -1, zFloor],
      [xFront, 1, zFloor],
      ticks.y,
      (v) => [xFront, box(lim.x[0], v, lim.z[0])[1], zFloor],
      this.labels.y,
    );
    // z: the vertical edge furthest left on screen.
    let zx = -1;
    let zy = -1;
    let leftmost = Infinity;
    for (const X of [-1, 1]) {
      for (const Y of [-1, 1]) {
        const px = toPx([X, Y, 0])[0];
        if (px < leftmost) [leftmost, zx, zy] = [px, X, Y];
      }
    }
    axisLine(
      [zx, zy, -0.75],
      [zx, zy, 0.75],
      ticks.z,
      (v) => [zx, zy, box(lim.x[0], lim.y[0], v)[2]],
      this.labels.z,
    );

    if (this.titleText) {
      drawText(
        ctx,
        this.titleText,
        plot.x + plot.width / 2,
        plot.y - 6,
        { fontSize: FONT_SIZES.title, ha: 'center', va: 'bottom' },
        f,
      );
    }
    ctx.restore();
  }

  private drawSurface(
    rc: RenderContext,
    s: SurfaceData,
    box: (x: number, y: number, z: number) => Vec3,
    toPx: (p: Vec3) => [number, number],
    eye: Vec3,
    zlim: [number, number],
  ): void {
    const { ctx } = rc;
    const nx = s.xs.length;
    const ny = s.ys.length;
    const quads: { depth: number; pts: [number, number][]; color: string }[] = [];
    const light: Vec3 = [-0.5, -0.5, 0.7071]; // from above-left, unit length
    for (let j = 0; j < ny - 1; j++) {
      for (let i = 0; i < nx - 1; i++) {
        const idx = [j * nx + i, j * nx + i + 1, (j + 1) * nx + i + 1, (j + 1) * nx + i];
        const zs = idx.map((k) => s.z[k]!);
        if (!zs.every(Number.isFinite)) continue;
        const ps = [
          box(s.xs[i]!, s.ys[j]!, zs[0]!),
          box(s.xs[i + 1]!, s.ys[j]!, zs[1]!),
          box(s.xs[i + 1]!, s.ys[j + 1]!, zs[2]!),
          box(s.xs[i]!, s.ys[j + 1]!, zs[3]!),
        ];
        const c: Vec3 = [0, 1, 2].map((k) => (ps[0]![k]! + ps[1]![k]! + ps[2]![k]! + ps[3]![k]!) / 4) as Vec3;
        const depth = c[0] * eye[0] + c[1] * eye[1] + c[2] * eye[2];
        const zMean = (zs[0]! + zs[1]! + zs[2]! + zs[3]!) / 4;
        let [r, g, b] = s.cmap.rgb(normalize(zMean, zlim[0], zlim[1]));
        if (s.options.shade ?? true) {
          // Normal from the diagonals' cross product, facing up.
          const d1: Vec3 = [ps[2]![0] - ps[0]![0], ps[2]![1] - ps[0]![1], ps[2]![2] - ps[0]![2]];
          const d2: Vec3 = [ps[3]![0] - ps[1]![0], ps[3]![1] - ps[1]![1], ps[3]![2] - ps[1]![2]];
          let n: Vec3 = [
            d1[1] * d2[2] - d1[2] * d2[1],
            d1[2] * d2[0] - d1[0] * d2[2],
            d1[0] * d2[1] - d1[1] * d2[0],
          ];
          const len = Math.hypot(...n) || 1;
          n = [n[0] / len, n[1] / len, n[2] / len];
          if (n[2] < 0) n = [-n[0], -n[1], -n[2]];
          const k = 0.65 + 0.35 * Math.max(0, n[0] * light[0] + n[1] * light[1] + n[2] * light[2]);
          [r, g, b] = [r * k, g * k, b * k].map(Math.round) as [number, number, number];
        }
        quads.push({ depth, pts: ps.map(toPx), color: `rgb(${r}, ${g}, ${b})` });
      }
    }
    quads.sort((p, q) => p.depth - q.depth);
    ctx.save();
    ctx.globalAlpha = s.options.alpha ?? 1;
    ctx.lineJoin = 'round';
    for (const q of quads) {
      ctx.beginPath();
      q.pts.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
      ctx.closePath();
      ctx.fillStyle = q.color;
      ctx.fill();
      // NOTE: stroking each quad in its own colour hides the hairline seams antialiasing leaves.
      ctx.strokeStyle = s.options.edgeColor ? cssColor(s.options.edgeColor) : q.color;
      ctx.lineWidth = s.options.edgeColor ? 0.5 : 0.8;
      ctx.stroke();
    }
    ctx.restore();
  }
}
