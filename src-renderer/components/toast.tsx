import { create } from 'zustand';

type Toast = { readonly id: number; readonly text: string; readonly tone: 'info' | 'error' };
type ToastState = { readonly toasts: readonly Toast[]; show(text: string, tone?: Toast['tone']): void; dismiss(id: number): void };

let nextId = 1;

/** Short notices after an action ("Customer saved."), announced politely to screen readers. */
export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  show(text, tone = 'info') {
    const id = nextId++;
    set({ toasts: [...get().toasts, { id, text, tone }] });
    setTimeout(() => get().dismiss(id), tone === 'error' ? 8000 : 4000);
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
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
