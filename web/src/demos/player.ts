/**
 * Play / pause / step / reset for a training demo: while playing, asks the worker for the next
 * chunk as soon as the previous one is drawn (one request in flight, paced by animation frames),
 * so the page stays responsive however slow a step is.
 */
import { button, h } from '../dom.js';
import { t } from '../i18n.js';

export interface PlayerOptions {
  /** Advances the training by one chunk; resolves false when training is finished. */
  advance(single: boolean): Promise<boolean>;
  reset(): Promise<void>;
  /** Prefix of the buttons' data-testid (`play`, `step`, `reset`) when a page has two players. */
  testIdPrefix?: string;
  /** What the buttons control, for screen readers when a page has two players (e.g. "the ball"). */
  label?: string;
}

export class Player {
  readonly el: HTMLElement;
  private playing = false;
  private busy = false;
  private disposed = false;
  private readonly playBtn: HTMLButtonElement;
  private readonly stepBtn: HTMLButtonElement;

  constructor(private readonly opts: PlayerOptions) {
    const p = opts.testIdPrefix ?? '';
    this.playBtn = button(t('▶ 播放', '▶ Play'), () => (this.playing ? this.pause() : this.play()), {
      class: 'primary',
      'data-testid': `${p}play`,
      'aria-pressed': 'false',
    });
    this.stepBtn = button(t('单步', 'Step'), () => void this.step(), { 'data-testid': `${p}step` });
    const resetBtn = button(t('重置', 'Reset'), () => void this.reset(), { 'data-testid': `${p}reset` });
    this.el = h('div', { class: 'controls player' }, this.playBtn, this.stepBtn, resetBtn);
    if (opts.label) {
      this.el.setAttribute('role', 'group');
      this.el.setAttribute('aria-label', opts.label);
    }
  }

  get isPlaying(): boolean {
    return this.playing;
  }

  play(): void {
    if (this.playing) return;
    this.playing = true;
    this.sync();
    void this.loop();
  }

  pause(): void {
    this.playing = false;
    this.sync();
  }

  async step(): Promise<void> {
    this.pause();
    if (this.busy) return;
    this.busy = true;
    try {
      await this.opts.advance(true);
    } finally {
      this.busy = false;
    }
  }

  async reset(): Promise<void> {
    this.pause();
    while (this.busy) await new Promise((r) => setTimeout(r, 10));
    await this.opts.reset();
  }

  dispose(): void {
    this.disposed = true;
    this.playing = false;
  }

  private sync(): void {
    this.playBtn.textContent = this.playing ? t('⏸ 暂停', '⏸ Pause') : t('▶ 播放', '▶ Play');
    this.playBtn.setAttribute('aria-pressed', String(this.playing));
  }

  private async loop(): Promise<void> {
    while (this.playing && !this.disposed) {
      if (this.busy) {
        await new Promise((r) => setTimeout(r, 10));
        continue;
      }
      this.busy = true;
      let more: boolean;
      try {
        more = await this.opts.advance(false);
      } catch {
        more = false;
      } finally {
        this.busy = false;
      }
      if (!more) this.pause();
      await new Promise((r) => requestAnimationFrame(() => r(null)));
    }
  }
}
