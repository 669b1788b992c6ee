import {
  Component,
  lazy,
  Suspense,
  useState,
  type ComponentProps,
  type ComponentType,
  type LazyExoticComponent,
  type ReactNode,
} from 'react';

interface BoundaryProps {
  fallback: ReactNode;
  onRetry: () => void;
  children: ReactNode;
}

/** Shows the fallback when the chunk could not be fetched, and asks again when the connection returns. */
class QuietBoundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  private readonly retry = () => {
    if (!this.state.failed) return;
    this.props.onRetry();
    this.setState({ failed: false });
  };

  override componentDidMount(): void {
    window.addEventListener('online', this.retry);
  }

  override componentWillUnmount(): void {
    window.removeEventListener('online', this.retry);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/**
 * A lazy chunk that is not the page itself (the shell's counts, the user menu, the notification popover, toasts):
 * when its code cannot be fetched (the connection drops on the first visit, before the service worker holds every
 * chunk), the page goes on with the fallback instead of the "Halaman gagal dimuat" screen, and the chunk is fetched
 * again when the browser is back online. React's `lazy` keeps a failed import for good, so a retry makes a new one.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as React's own lazy(): any component type
export function backgroundLazy<T extends ComponentType<any>>(
  load: () => Promise<{ default: T }>,
): ComponentType<ComponentProps<T> & { fallback?: ReactNode }> {
  let Chunk: LazyExoticComponent<T> = lazy(load);
  function Background({ fallback = null, ...props }: ComponentProps<T> & { fallback?: ReactNode }) {
    const [, setAttempt] = useState(0);
    return (
      <QuietBoundary
        fallback={fallback}
        onRetry={() => {
          Chunk = lazy(load);
          setAttempt((n) => n + 1);
        }}
      >
        <Suspense fallback={fallback}>
          <Chunk {...(props as ComponentProps<T>)} />
        </Suspense>
      </QuietBoundary>
    );
  }
  return Background;
}
