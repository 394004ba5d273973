/**
 * An init script that stands in for React DevTools' global hook, which React calls on every commit in
 * production builds too: `onCommit` is the body of a function run after each commit (plain browser
 * JavaScript, as text, since it runs in the page before the app).
 */
export function reactCommitHook(onCommit: string): string {
  return `
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject() { return 1; },
    onCommitFiberRoot() {
      ${onCommit}
    },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {},
  };
`;
}
