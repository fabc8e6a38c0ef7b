/**
 * Styles of the "Gửi bài" page: large text, touch targets of at least 48 px, one column that never
 * scrolls sideways on a 360 px phone. Plain CSS scoped by the .gb prefix, so the page does not depend
 * on the admin's design-system internals.
 */
export const STYLES = `
.gb { box-sizing: border-box; max-width: 40rem; margin: 0 auto; padding: 16px 12px 48px; font-size: 18px; line-height: 1.5; color: #1f2430; overflow-wrap: anywhere; }
.gb *, .gb *::before, .gb *::after { box-sizing: border-box; }
.gb-title { font-size: 28px; font-weight: 700; margin: 0 0 12px; }
.gb-tabs { display: flex; gap: 8px; margin-bottom: 16px; }
.gb-tab { flex: 1 1 0; min-height: 48px; font-size: 17px; font-weight: 600; border: 2px solid #4945ff; background: #fff; color: #271fe0; border-radius: 10px; }
.gb-tab[aria-selected="true"] { background: #4945ff; color: #fff; }
.gb-form { display: flex; flex-direction: column; gap: 18px; }
.gb-field { border: 0; margin: 0; padding: 0; min-width: 0; }
.gb-label { display: block; font-weight: 700; margin-bottom: 6px; font-size: 18px; padding: 0; }
.gb-label--small { font-size: 16px; margin-top: 6px; }
.gb-choices { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
.gb-choices--small { grid-template-columns: repeat(auto-fill, minmax(72px, 1fr)); }
.gb-choice { min-height: 48px; min-width: 48px; font-size: 18px; border: 2px solid #8e8ea9; border-radius: 10px; background: #fff; color: #1f2430; padding: 4px 8px; }
.gb-choice[aria-pressed="true"] { border-color: #271fe0; background: #271fe0; color: #fff; font-weight: 700; }
.gb-choice:disabled { opacity: 0.6; }
.gb-choice--wide { grid-column: span 2; }
.gb-input { display: block; width: 100%; min-height: 48px; font-size: 18px; padding: 10px 12px; border: 2px solid #8e8ea9; border-radius: 10px; background: #fff; color: #1f2430; }
.gb-textarea { min-height: 140px; resize: vertical; }
.gb-input:focus, .gb-choice:focus-visible, .gb-button:focus-visible, .gb-tab:focus-visible { outline: 3px solid #f29d41; outline-offset: 2px; }
.gb-button { display: inline-flex; align-items: center; justify-content: center; min-height: 48px; min-width: 48px; padding: 8px 16px; font-size: 18px; font-weight: 600; border-radius: 10px; border: 2px solid #4945ff; background: #fff; color: #271fe0; text-decoration: none; }
.gb-button--wide { width: 100%; }
.gb-button--primary { background: #271fe0; border-color: #271fe0; color: #fff; font-size: 20px; min-height: 56px; }
.gb-button--quiet { border-color: #c0c0cf; color: #32324d; }
.gb-button:disabled { opacity: 0.6; }
.gb-photos { list-style: none; margin: 0 0 10px; padding: 0; display: flex; flex-direction: column; gap: 12px; }
.gb-photo { display: grid; grid-template-columns: 88px minmax(0, 1fr); gap: 10px; align-items: start; border: 1px solid #dcdce4; border-radius: 10px; padding: 8px; }
.gb-thumb { display: block; width: 88px; height: 88px; object-fit: cover; border-radius: 8px; background: #eaeaef; }
.gb-photo__body { min-width: 0; display: flex; flex-direction: column; gap: 6px; }
.gb-photo__state { margin: 0; font-size: 16px; }
.gb-photo__error { margin: 0; color: #b72b1a; font-size: 16px; }
.gb-progress { width: 100%; height: 12px; }
.gb-row { display: flex; flex-wrap: wrap; gap: 8px; }
.gb-notice { border-radius: 10px; padding: 12px; margin-bottom: 16px; font-size: 17px; }
.gb-notice--error { background: #fcecea; border: 2px solid #b72b1a; color: #7a1a0f; }
.gb-notice--ok { background: #eafbe7; border: 2px solid #2f6846; color: #1d4430; }
.gb-notice--info { background: #f0f0ff; border: 2px solid #4945ff; color: #1f1a80; }
.gb-link { color: inherit; font-weight: 700; display: inline-block; min-height: 44px; padding: 10px 0; }
.gb-hint { color: #4a4a6a; font-size: 15px; margin: 0; }
.gb-mine { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 12px; }
.gb-item { border: 1px solid #dcdce4; border-radius: 10px; padding: 12px; }
.gb-item__title { font-weight: 700; margin: 0 0 4px; }
.gb-item__meta, .gb-item__note { margin: 0 0 4px; font-size: 16px; }
.gb-item__note { margin-bottom: 8px; }
.gb-item__note { color: #7a1a0f; }
.gb-state--warn { color: #b72b1a; }
.gb-optional { font-weight: 400; font-size: 16px; color: #4a4a6a; }
.gb-radio { display: flex; align-items: center; gap: 10px; min-height: 48px; padding: 4px 10px 4px 4px; border: 2px solid #c0c0cf; border-radius: 10px; font-size: 17px; cursor: pointer; }
.gb-radio:has(input:checked) { border-color: #271fe0; background: #f0f0ff; font-weight: 700; }
.gb-radio input { width: 24px; height: 24px; margin: 0 0 0 6px; flex: none; accent-color: #271fe0; }
.gb-radio:has(input:focus-visible) { outline: 3px solid #f29d41; outline-offset: 2px; }
.gb-item__head { display: grid; grid-template-columns: 72px minmax(0, 1fr); gap: 10px; align-items: start; margin-bottom: 4px; }
.gb-item__thumb { display: block; width: 72px; height: 72px; object-fit: cover; border-radius: 8px; background: #eaeaef; }
.gb-item__text { min-width: 0; }
.gb-item--marked { border: 3px solid #f29d41; }
.gb-visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
