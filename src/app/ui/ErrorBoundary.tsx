import { Component, type ReactNode } from 'react';

interface Props {
  title: string;
  body: string;
  reloadLabel: string;
  backupLabel: string;
  children: ReactNode;
}

/**
 * Whatever goes wrong while drawing a screen (a bug, a chunk that failed to load), the officer gets
 * words and a way out instead of a blank page. Saved figures are in IndexedDB and are not touched.
 */
export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="notice notice-error" role="alert" data-testid="screen-error">
        <p>
          <strong>{this.props.title}</strong>
        </p>
        <p>{this.props.body}</p>
        <div className="button-row">
          <button type="button" className="button button-primary" onClick={() => location.reload()}>
            {this.props.reloadLabel}
          </button>
          <a
            className="button"
            href="#/backup"
            onClick={() => {
              this.setState({ failed: false });
            }}
          >
            {this.props.backupLabel}
          </a>
        </div>
      </div>
    );
  }
}
