export function App() {
  return (
    <>
      <header className="shell-header">
        <h1>Báo cáo CĐCS</h1>
      </header>
      <main className="shell-main">
        <p className="shell-loading">Đang mở…</p>
      </main>
    </>
  );
}
