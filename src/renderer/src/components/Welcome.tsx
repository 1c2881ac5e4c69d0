/** The main pane before a server is chosen. */
export function Welcome({ hasServers, onAdd }: { hasServers: boolean; onAdd: () => void }) {
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Mist</h1>
      <p>Your servers, reached over SSH. Nothing of ours runs on them but Docker, git and Traefik.</p>
      {hasServers ? (
        <p className="muted">Pick a server on the left.</p>
      ) : (
        <button type="button" className="primary" onClick={onAdd}>
          Add your first server
        </button>
      )}
    </section>
  );
}
