import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorPage } from './ErrorPage.tsx';

interface Props {
  readonly children: ReactNode;
  /** A new key (the next navigation) clears the error. */
  readonly resetKey?: string;
  readonly fallback?: (error: Error) => ReactNode;
}

interface State {
  readonly error: Error | null;
  readonly key: string | undefined;
}

/** Catches a render error below it and shows the error page instead of a blank screen. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // The message may quote data; the console is the user's own.
    console.error('Caseline console error', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return this.props.fallback ? this.props.fallback(error) : <ErrorPage />;
  }
}
