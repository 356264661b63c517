// A failure inside the drift panel stays inside it: the editor and the rest of the window go on.
import { Component, type ErrorInfo, type ReactNode } from 'react';

export class DriftErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('the drift panel failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="drift-empty drift-crash" role="alert">
        <p className="empty-title">The drift panel ran into a problem</p>
        <p>{this.state.error.message}</p>
        <button type="button" className="button" onClick={() => this.setState({ error: null })}>
          Show it again
        </button>
      </div>
    );
  }
}
