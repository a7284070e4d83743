import { create } from 'zustand';

/** A button a notice offers ("Undo"); running it dismisses the notice. */
export type ToastAction = { readonly label: string; run(): void };
type Toast = {
  readonly id: number;
  readonly text: string;
  readonly tone: 'info' | 'error';
  readonly action?: ToastAction | undefined;
};
type ToastState = {
  readonly toasts: readonly Toast[];
  show: (text: string, tone?: Toast['tone'], action?: ToastAction) => void;
  dismiss: (id: number) => void;
};

let nextId = 1;

/** Short notices after an action ("Customer saved."), announced politely to screen readers. */
export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  show(text, tone = 'info', action) {
    const id = nextId++;
    set({ toasts: [...get().toasts, { id, text, tone, action }] });
    // A notice with a button stays long enough to reach it with the keyboard.
    setTimeout(() => get().dismiss(id), action ? 12000 : tone === 'error' ? 8000 : 4000);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((toast) => toast.id !== id) });
  },
}));

export function Toasts() {
  const toasts = useToasts((state) => state.toasts);
  const dismiss = useToasts((state) => state.dismiss);
  return (
    <div className="toasts" role="status" aria-live="polite" aria-label="Notifications">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`}>
          <span>{toast.text}</span>
          {toast.action ? (
            <button
              type="button"
              className="toast-action"
              onClick={() => {
                dismiss(toast.id);
                toast.action?.run();
              }}
            >
              {toast.action.label}
            </button>
          ) : null}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
