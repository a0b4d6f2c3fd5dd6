/** The feature's dialogs title themselves like the page's section headings. */
export const MODAL_STYLES = { title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } };
